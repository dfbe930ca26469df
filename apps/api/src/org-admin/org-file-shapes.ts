import {
  type LocalDate,
  ORG_UNIT_KINDS,
  type OrgUnitKind,
  compareLocalDates,
  parseLocalDate,
  parseNationalId,
} from '@app/domain';
import { type RosterRowData, type TreeRowData } from '@app/persistence';

import { type TableRow } from './tabular-file';

/**
 * The shapes of the tree and roster files (README, "Org tree and roster files"). A header cell names its
 * column by the English key, the Chinese label, or both as exports write them ("组织代码/code"); columns may
 * come in any order. Values: dates YYYY-MM-DD; booleans 是/否 (or true/false); kinds, statuses, genders and
 * discipline by their API names or Chinese labels. Exports write exactly what imports read.
 */

/** A bad cell or row: where (the row as the spreadsheet numbers it, the header is row 1), which rule, why. */
export interface RowProblem {
  readonly row: number;
  readonly column: string | null;
  readonly code: string;
  readonly message: string;
}

interface Column<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly required: boolean;
}

export const TREE_COLUMNS = [
  { key: 'code', label: '组织代码', required: true },
  { key: 'name', label: '组织名称', required: true },
  { key: 'kind', label: '组织类别', required: true },
  { key: 'parentCode', label: '上级组织代码', required: true },
  { key: 'canApproveMembership', label: '审批权', required: true },
] as const satisfies readonly Column<keyof TreeRowData>[];

export const ROSTER_COLUMNS = [
  { key: 'name', label: '姓名', required: true },
  { key: 'nationalId', label: '公民身份号码', required: true },
  { key: 'birthDate', label: '出生日期', required: true },
  { key: 'gender', label: '性别', required: true },
  { key: 'branchCode', label: '所在党组织代码', required: true },
  { key: 'status', label: '党员类别', required: true },
  { key: 'partyAgeFrom', label: '党龄起算日', required: false },
  { key: 'disciplineKind', label: '党纪处分', required: false },
  { key: 'disciplineImpactEnds', label: '处分影响期截止', required: false },
  { key: 'rightsRestored', label: '恢复党员权利', required: false },
] as const satisfies readonly Column<keyof RosterRowData>[];

/** The header an export writes: both names, so people and programs can read it. */
export const headerOf = (columns: readonly Column<string>[]): string[] =>
  columns.map((column) => `${column.label}/${column.key}`);

const KIND_LABELS: Readonly<Record<OrgUnitKind, string>> = {
  PROVINCE_COMMITTEE: '省委',
  CITY_COMMITTEE: '市委',
  COUNTY_COMMITTEE: '县委',
  ORG_DEPARTMENT: '组织部',
  TOWNSHIP_COMMITTEE: '乡镇党委',
  VILLAGE_COMMITTEE: '村党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  PARTY_GROUP: '党小组',
};
const STATUS_WORDS: Readonly<Record<string, RosterRowData['status']>> = {
  正式: 'FULL_MEMBER',
  正式党员: 'FULL_MEMBER',
  FULL_MEMBER: 'FULL_MEMBER',
  预备: 'PROBATIONARY',
  预备党员: 'PROBATIONARY',
  PROBATIONARY: 'PROBATIONARY',
};
export const STATUS_LABELS = { FULL_MEMBER: '正式', PROBATIONARY: '预备' } as const;
const GENDER_WORDS: Readonly<Record<string, RosterRowData['gender']>> = {
  男: 'MALE',
  MALE: 'MALE',
  女: 'FEMALE',
  FEMALE: 'FEMALE',
};
export const GENDER_LABELS = { MALE: '男', FEMALE: '女' } as const;
export const DISCIPLINE_LABELS = {
  WARNING: '警告',
  SERIOUS_WARNING: '严重警告',
  REMOVAL_FROM_POST: '撤销党内职务',
  PROBATION_WITHIN_PARTY: '留党察看',
} as const;
type DisciplineKind = keyof typeof DISCIPLINE_LABELS;
const TRUE_WORDS = new Set(['是', 'TRUE', 'Y', 'YES', '1']);
const FALSE_WORDS = new Set(['否', 'FALSE', 'N', 'NO', '0']);

export const yesNo = (value: boolean): string => (value ? '是' : '否');

/** Where each column of the file is, or what is wrong with the header (every problem, row 1). */
export function mapHeader<K extends string>(
  header: TableRow | undefined,
  columns: readonly Column<K>[],
): { ok: true; index: Record<K, number | undefined> } | { ok: false; problems: RowProblem[] } {
  if (!header) {
    return { ok: false, problems: [problem(1, null, 'IMPORT_FILE_EMPTY', '文件没有表头和数据行')] };
  }
  const problems: RowProblem[] = [];
  const index = {} as Record<K, number | undefined>;
  header.cells.forEach((cell, position) => {
    if (cell === '') return;
    const names = cell.split('/').map((name) => name.trim().toLowerCase());
    const column = columns.find((each) =>
      names.some((name) => name === each.key.toLowerCase() || name === each.label.toLowerCase()),
    );
    if (!column) {
      problems.push(problem(1, cell, 'IMPORT_COLUMN_UNKNOWN', `未知的列“${cell}”`));
    } else if (index[column.key] !== undefined) {
      problems.push(problem(1, column.key, 'IMPORT_COLUMN_DUPLICATE', `列“${column.label}”出现了两次`));
    } else {
      index[column.key] = position;
    }
  });
  for (const column of columns) {
    if (column.required && index[column.key] === undefined) {
      problems.push(problem(1, column.key, 'IMPORT_COLUMN_MISSING', `缺少列“${column.label}/${column.key}”`));
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index };
}

function problem(row: number, column: string | null, code: string, message: string): RowProblem {
  return { row, column, code, message };
}

/** Reads the cells of one row, collecting every problem rather than stopping at the first. */
class RowReader<K extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly row: TableRow,
    private readonly index: Record<K, number | undefined>,
  ) {}

  text(key: K, maxLength: number, required = true): string {
    const position = this.index[key];
    const value = position === undefined ? '' : (this.row.cells[position] ?? '');
    if (value === '' && required) this.fail(key, 'IMPORT_VALUE_REQUIRED', '必填');
    if (value.length > maxLength) this.fail(key, 'IMPORT_TEXT_TOO_LONG', `不能超过 ${maxLength} 个字符`);
    return value;
  }

  oneOf<V>(key: K, words: Readonly<Record<string, V>>, required = true): V | null {
    const value = this.text(key, 100, required);
    if (value === '') return null;
    const found = words[value] ?? words[value.toUpperCase()];
    if (found === undefined) {
      this.fail(key, 'IMPORT_VALUE_INVALID', `“${value}”不是可用的值（${Object.keys(words).join('、')}）`);
      return null;
    }
    return found;
  }

  yesNo(key: K, required = true): boolean | null {
    const value = this.text(key, 10, required).toUpperCase();
    if (value === '') return null;
    if (TRUE_WORDS.has(value)) return true;
    if (FALSE_WORDS.has(value)) return false;
    this.fail(key, 'IMPORT_VALUE_INVALID', `“${value}”应为 是 或 否`);
    return null;
  }

  date(key: K, required = true): LocalDate | null {
    const value = this.text(key, 10, required);
    if (value === '') return null;
    const date = parseLocalDate(value);
    if (!date) this.fail(key, 'IMPORT_DATE_INVALID', `“${value}”不是有效日期（YYYY-MM-DD）`);
    return date ?? null;
  }

  fail(column: K, code: string, message: string): void {
    this.problems.push(problem(this.row.rowNumber, column, code, message));
  }
}

const KIND_WORDS: Readonly<Record<string, OrgUnitKind>> = Object.fromEntries([
  ...ORG_UNIT_KINDS.map((kind) => [kind, kind] as const),
  ...ORG_UNIT_KINDS.map((kind) => [KIND_LABELS[kind], kind] as const),
]);
const DISCIPLINE_WORDS: Readonly<Record<string, DisciplineKind>> = Object.fromEntries(
  (Object.keys(DISCIPLINE_LABELS) as DisciplineKind[]).flatMap((kind) => [
    [kind, kind],
    [DISCIPLINE_LABELS[kind], kind],
  ]),
);
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One row of the tree file, or its problems. */
export function parseTreeRow(
  row: TableRow,
  index: Record<(typeof TREE_COLUMNS)[number]['key'], number | undefined>,
): { row?: TreeRowData; problems: RowProblem[] } {
  const read = new RowReader(row, index);
  const code = read.text('code', 64);
  if (code !== '' && !CODE.test(code)) {
    read.fail('code', 'IMPORT_VALUE_INVALID', '组织代码只能含字母、数字和 - _ .');
  }
  const name = read.text('name', 200);
  const kind = read.oneOf('kind', KIND_WORDS);
  const parentCode = read.text('parentCode', 64);
  if (parentCode !== '' && parentCode === code) {
    read.fail('parentCode', 'ORG_UNIT_PARENT_CYCLE', '上级组织不能是它自己');
  }
  const canApproveMembership = read.yesNo('canApproveMembership');
  if (read.problems.length > 0 || kind === null || canApproveMembership === null) {
    return { problems: read.problems };
  }
  return { row: { code, name, kind, parentCode, canApproveMembership }, problems: [] };
}

type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];

/** The checks across the cells of a roster row: the ID number against birth date and gender, dates, discipline. */
function checkRosterConsistency(
  read: RowReader<RosterKey>,
  today: LocalDate,
  {
    parsedId,
    birthDate,
    gender,
    status,
    partyAgeFrom,
    disciplineKind,
    disciplineImpactEnds,
    rightsRestored,
  }: {
    readonly parsedId: ReturnType<typeof parseNationalId> | undefined;
    readonly birthDate: LocalDate | null;
    readonly gender: RosterRowData['gender'] | null;
    readonly status: RosterRowData['status'] | null;
    readonly partyAgeFrom: LocalDate | null;
    readonly disciplineKind: DisciplineKind | null;
    readonly disciplineImpactEnds: LocalDate | null;
    readonly rightsRestored: boolean | null;
  },
): void {
  if (parsedId && !parsedId.ok) {
    if (parsedId.problem === 'CHECK_DIGIT') {
      read.fail('nationalId', 'NATIONAL_ID_CHECK_DIGIT_INVALID', '公民身份号码校验码错误（GB 11643）');
    } else {
      read.fail('nationalId', 'NATIONAL_ID_MALFORMED', '公民身份号码格式不正确（应为18位，出生日期须有效）');
    }
  }
  if (parsedId?.ok && birthDate && parsedId.id.birthDate !== birthDate) {
    read.fail(
      'birthDate',
      'BIRTH_DATE_MISMATCH',
      `与公民身份号码中的出生日期（${parsedId.id.birthDate}）不一致`,
    );
  }
  if (parsedId?.ok && gender && parsedId.id.gender !== gender) {
    read.fail(
      'gender',
      'GENDER_MISMATCH',
      `与公民身份号码中的性别（${GENDER_LABELS[parsedId.id.gender]}）不一致`,
    );
  }
  if (partyAgeFrom) {
    if (status === 'PROBATIONARY') {
      read.fail('partyAgeFrom', 'PARTY_AGE_FROM_NOT_APPLICABLE', '预备党员没有党龄（党龄自转正之日起算）');
    } else if (compareLocalDates(partyAgeFrom, today) > 0) {
      read.fail('partyAgeFrom', 'IMPORT_DATE_IN_FUTURE', '党龄起算日不能晚于今天');
    } else if (birthDate && compareLocalDates(partyAgeFrom, birthDate) <= 0) {
      read.fail('partyAgeFrom', 'IMPORT_DATE_INVALID', '党龄起算日应晚于出生日期');
    }
  }
  if (disciplineImpactEnds && disciplineKind === null) {
    read.fail('disciplineImpactEnds', 'DISCIPLINE_REQUIRED', '有影响期须填写党纪处分');
  }
  if (disciplineImpactEnds && disciplineKind === 'PROBATION_WITHIN_PARTY') {
    read.fail(
      'disciplineImpactEnds',
      'DISCIPLINE_IMPACT_NOT_APPLICABLE',
      '留党察看填写“恢复党员权利”，不填影响期',
    );
  }
  if (rightsRestored !== null && disciplineKind !== 'PROBATION_WITHIN_PARTY') {
    read.fail('rightsRestored', 'RIGHTS_RESTORED_NOT_APPLICABLE', '只有留党察看填写是否恢复党员权利');
  }
  if (disciplineKind === 'PROBATION_WITHIN_PARTY' && rightsRestored === null) {
    read.fail('rightsRestored', 'IMPORT_VALUE_REQUIRED', '留党察看须填写是否恢复党员权利');
  }
}

/** One row of the roster file, or its problems: the ID number checked (GB 11643) against birth date and gender. */
export function parseRosterRow(
  row: TableRow,
  index: Record<(typeof ROSTER_COLUMNS)[number]['key'], number | undefined>,
  today: LocalDate,
): { row?: RosterRowData; problems: RowProblem[] } {
  const read = new RowReader(row, index);
  const name = read.text('name', 100);
  const rawId = read.text('nationalId', 18);
  const birthDate = read.date('birthDate');
  const gender = read.oneOf('gender', GENDER_WORDS);
  const branchCode = read.text('branchCode', 64);
  const status = read.oneOf('status', STATUS_WORDS);
  const partyAgeFrom = read.date('partyAgeFrom', false);
  const disciplineKind = read.oneOf('disciplineKind', DISCIPLINE_WORDS, false);
  const disciplineImpactEnds = read.date('disciplineImpactEnds', false);
  const rightsRestored = read.yesNo('rightsRestored', false);

  const parsedId = rawId === '' ? undefined : parseNationalId(rawId);
  checkRosterConsistency(read, today, {
    parsedId,
    birthDate,
    gender,
    status,
    partyAgeFrom,
    disciplineKind,
    disciplineImpactEnds,
    rightsRestored,
  });
  if (read.problems.length > 0 || !parsedId?.ok || !birthDate || !gender || !status) {
    return { problems: read.problems };
  }
  return {
    row: {
      name,
      nationalId: parsedId.id.value,
      birthDate,
      gender,
      branchCode,
      status,
      partyAgeFrom,
      disciplineKind,
      disciplineImpactEnds,
      rightsRestored: disciplineKind === 'PROBATION_WITHIN_PARTY' ? rightsRestored : null,
    },
    problems: [],
  };
}

/** A tree row as the export writes it (the import reads it back unchanged). */
export const treeCells = (row: TreeRowData): string[] => [
  row.code,
  row.name,
  row.kind,
  row.parentCode,
  yesNo(row.canApproveMembership),
];

/** A roster row as the export writes it. */
export const rosterCells = (row: RosterRowData): string[] => [
  row.name,
  row.nationalId,
  row.birthDate,
  GENDER_LABELS[row.gender],
  row.branchCode,
  STATUS_LABELS[row.status],
  row.partyAgeFrom ?? '',
  row.disciplineKind ? DISCIPLINE_LABELS[row.disciplineKind] : '',
  row.disciplineImpactEnds ?? '',
  row.rightsRestored === null ? '' : yesNo(row.rightsRestored),
];
