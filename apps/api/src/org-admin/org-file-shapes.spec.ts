import { type LocalDate, withCheckCharacter } from '@app/domain';

import {
  ROSTER_COLUMNS,
  TREE_COLUMNS,
  headerOf,
  mapHeader,
  parseRosterRow,
  parseTreeRow,
  rosterCells,
  treeCells,
} from './org-file-shapes';

const TODAY = '2026-11-29' as LocalDate;
const ID = withCheckCharacter('32060219880101501'); // born 1988-01-01, odd sequence digit: a man
const row = (cells: string[], rowNumber = 2) => ({ rowNumber, cells });
const rosterIndex = () => {
  const header = mapHeader(row(headerOf(ROSTER_COLUMNS), 1), ROSTER_COLUMNS);
  if (!header.ok) throw new Error('header');
  return header.index;
};
const roster = (
  overrides: Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], string>>,
  rowNumber = 2,
) => {
  const values: Record<string, string> = {
    name: '张三',
    nationalId: ID,
    birthDate: '1988-01-01',
    gender: '男',
    branchCode: 'DX-DZ-NC',
    status: '正式',
    partyAgeFrom: '2010-07-01',
    disciplineKind: '',
    disciplineImpactEnds: '',
    rightsRestored: '',
    ...overrides,
  };
  return parseRosterRow(
    row(
      ROSTER_COLUMNS.map((column) => values[column.key]!),
      rowNumber,
    ),
    rosterIndex(),
    TODAY,
  );
};
const codes = (result: { problems: { code: string; column: string | null }[] }) =>
  result.problems.map((each) => `${each.column}:${each.code}`);

describe(mapHeader.name, () => {
  it('finds columns by English key, Chinese label or both, in any order', () => {
    const header = mapHeader(
      row(['审批权', 'parentCode', '组织类别/kind', 'NAME', '组织代码'], 1),
      TREE_COLUMNS,
    );
    expect(header).toEqual({
      ok: true,
      index: { canApproveMembership: 0, parentCode: 1, kind: 2, name: 3, code: 4 },
    });
  });

  it('lists every missing, unknown and duplicate column on row 1', () => {
    const header = mapHeader(row(['code', 'code', 'colour'], 1), TREE_COLUMNS);
    expect(header.ok).toBe(false);
    if (header.ok) return;
    expect(header.problems.map((each) => [each.row, each.column, each.code])).toEqual([
      [1, 'code', 'IMPORT_COLUMN_DUPLICATE'],
      [1, 'colour', 'IMPORT_COLUMN_UNKNOWN'],
      [1, 'name', 'IMPORT_COLUMN_MISSING'],
      [1, 'kind', 'IMPORT_COLUMN_MISSING'],
      [1, 'parentCode', 'IMPORT_COLUMN_MISSING'],
      [1, 'canApproveMembership', 'IMPORT_COLUMN_MISSING'],
    ]);
  });

  it('refuses an empty file', () => {
    expect(mapHeader(undefined, TREE_COLUMNS)).toMatchObject({
      ok: false,
      problems: [{ code: 'IMPORT_FILE_EMPTY' }],
    });
  });
});

describe(parseTreeRow.name, () => {
  const header = mapHeader(row(headerOf(TREE_COLUMNS), 1), TREE_COLUMNS);
  const index = header.ok ? header.index : ({} as never);

  it('reads kinds by name or Chinese label and 审批权 as 是/否', () => {
    expect(parseTreeRow(row(['DX-HC', '河村党支部', '党支部', 'DX-DZ', '否']), index).row).toEqual({
      code: 'DX-HC',
      name: '河村党支部',
      kind: 'BRANCH',
      parentCode: 'DX-DZ',
      canApproveMembership: false,
    });
    expect(
      parseTreeRow(row(['DX-HZ', '河镇党委', 'TOWNSHIP_COMMITTEE', 'DX', 'true']), index).row?.kind,
    ).toBe('TOWNSHIP_COMMITTEE');
  });

  it('lists every bad cell of the row', () => {
    const result = parseTreeRow(row(['bad code', '', '村小组', 'bad code', '也许'], 7), index);
    expect(result.row).toBeUndefined();
    expect(codes(result)).toEqual([
      'code:IMPORT_VALUE_INVALID',
      'name:IMPORT_VALUE_REQUIRED',
      'kind:IMPORT_VALUE_INVALID',
      'parentCode:ORG_UNIT_PARENT_CYCLE',
      'canApproveMembership:IMPORT_VALUE_INVALID',
    ]);
    expect(result.problems.every((each) => each.row === 7)).toBe(true);
  });

  it('writes exactly what it reads', () => {
    const data = {
      code: 'DX-HC',
      name: '河村',
      kind: 'BRANCH',
      parentCode: 'DX-DZ',
      canApproveMembership: true,
    } as const;
    expect(parseTreeRow(row(treeCells(data)), index).row).toEqual(data);
  });
});

describe(parseRosterRow.name, () => {
  it('reads a full member', () => {
    expect(roster({}).row).toEqual({
      name: '张三',
      nationalId: ID,
      birthDate: '1988-01-01',
      gender: 'MALE',
      branchCode: 'DX-DZ-NC',
      status: 'FULL_MEMBER',
      partyAgeFrom: '2010-07-01',
      disciplineKind: null,
      disciplineImpactEnds: null,
      rightsRestored: null,
    });
  });

  it('checks the ID number (GB 11643) and holds birth date and gender to it', () => {
    const wrongCheck = `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`;
    expect(codes(roster({ nationalId: wrongCheck }))).toEqual(['nationalId:NATIONAL_ID_CHECK_DIGIT_INVALID']);
    expect(codes(roster({ nationalId: '12345' }))).toEqual(['nationalId:NATIONAL_ID_MALFORMED']);
    expect(codes(roster({ birthDate: '1988-01-02', gender: '女' }))).toEqual([
      'birthDate:BIRTH_DATE_MISMATCH',
      'gender:GENDER_MISMATCH',
    ]);
    expect(codes(roster({ birthDate: '1988-02-30' }))).toEqual(['birthDate:IMPORT_DATE_INVALID']);
  });

  it('a probationary member has no 党龄; 党龄 cannot start in the future', () => {
    expect(codes(roster({ status: '预备' }))).toEqual(['partyAgeFrom:PARTY_AGE_FROM_NOT_APPLICABLE']);
    expect(roster({ status: '预备党员', partyAgeFrom: '' }).row?.status).toBe('PROBATIONARY');
    expect(codes(roster({ partyAgeFrom: '2026-11-30' }))).toEqual(['partyAgeFrom:IMPORT_DATE_IN_FUTURE']);
  });

  it('records 留党察看 with restored rights, the other kinds with their impact period', () => {
    expect(roster({ disciplineKind: '留党察看', rightsRestored: '否' }).row).toMatchObject({
      disciplineKind: 'PROBATION_WITHIN_PARTY',
      rightsRestored: false,
    });
    expect(
      roster({ disciplineKind: 'SERIOUS_WARNING', disciplineImpactEnds: '2027-06-30' }).row,
    ).toMatchObject({
      disciplineKind: 'SERIOUS_WARNING',
      disciplineImpactEnds: '2027-06-30',
      rightsRestored: null,
    });
    expect(codes(roster({ disciplineKind: '留党察看' }))).toEqual(['rightsRestored:IMPORT_VALUE_REQUIRED']);
    expect(
      codes(roster({ disciplineKind: '留党察看', rightsRestored: '是', disciplineImpactEnds: '2027-01-01' })),
    ).toEqual(['disciplineImpactEnds:DISCIPLINE_IMPACT_NOT_APPLICABLE']);
    expect(codes(roster({ rightsRestored: '是' }))).toEqual([
      'rightsRestored:RIGHTS_RESTORED_NOT_APPLICABLE',
    ]);
    expect(codes(roster({ disciplineImpactEnds: '2027-01-01' }))).toEqual([
      'disciplineImpactEnds:DISCIPLINE_REQUIRED',
    ]);
  });

  it('writes exactly what it reads', () => {
    const parsed = roster({ disciplineKind: '留党察看', rightsRestored: '是' }).row!;
    const again = parseRosterRow(row(rosterCells(parsed)), rosterIndex(), TODAY).row;
    expect(again).toEqual(parsed);
  });
});
