import { MEMBERSHIP_HOLDING_KINDS, type OrgUnit, childKindViolation } from '@app/domain';
import {
  type KnownPerson,
  type RosterImportPlan,
  type RosterRowData,
  type TreeImportPlan,
  type TreeRowData,
} from '@app/persistence';

import { type RowProblem } from './org-file-shapes';

/** What a clean import does (or would do, in a dry run): rows per outcome. */
export interface ImportCounts {
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface Numbered<T> {
  readonly rowNumber: number;
  readonly row: T;
}

const problem = (row: number, column: string, code: string, message: string): RowProblem => ({
  row,
  column,
  code,
  message,
});

/** The first row of each key keeps it; every later row with the same key is a duplicate. */
function duplicates<T>(
  rows: readonly Numbered<T>[],
  key: (row: T) => string,
  column: string,
  label: string,
): RowProblem[] {
  const first = new Map<string, number>();
  const found: RowProblem[] = [];
  for (const { rowNumber, row } of rows) {
    const value = key(row);
    const seen = first.get(value);
    if (seen === undefined) first.set(value, rowNumber);
    else found.push(problem(rowNumber, column, 'IMPORT_DUPLICATE_ROW', `${label}与第 ${seen} 行重复`));
  }
  return found;
}

/** The problems of one tree row against the tree and the other rows of the file (its parent chain aside). */
function treeRowProblems(
  rowNumber: number,
  row: TreeRowData,
  anchor: OrgUnit,
  existing: ReadonlyMap<string, OrgUnit>,
  inFile: ReadonlyMap<string, Numbered<TreeRowData>>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  const inScope = (unit: OrgUnit) => unit.path.includes(anchor.id);
  const unit = existing.get(row.code);
  const parentUnit = existing.get(row.parentCode);
  const parentRow = inFile.get(row.parentCode);
  const parentKind = parentRow && !parentUnit ? parentRow.row.kind : parentUnit?.kind;
  if (unit && (!inScope(unit) || unit.id === anchor.id)) {
    // Another part of the tree's unit (or the anchor itself): nothing else about the row matters.
    return [
      problem(rowNumber, 'code', 'ORG_UNIT_CODE_TAKEN', `组织代码 ${row.code} 已被本范围以外的组织使用`),
    ];
  }
  if (unit?.closedOn) problems.push(problem(rowNumber, 'code', 'ORG_UNIT_CLOSED', `组织 ${row.code} 已撤销`));
  if (unit && unit.kind !== row.kind) {
    problems.push(
      problem(rowNumber, 'kind', 'ORG_UNIT_KIND_CHANGED', `组织类别不能由 ${unit.kind} 改为 ${row.kind}`),
    );
  }
  const parent = (code: string, message: string) =>
    problems.push(problem(rowNumber, 'parentCode', code, message));
  if (!parentUnit && !parentRow) {
    parent('ORG_UNIT_UNKNOWN', `上级组织 ${row.parentCode} 既不在文件中也不在组织树中`);
  } else if (parentUnit && !inScope(parentUnit)) {
    parent('OUT_OF_SCOPE', `上级组织 ${row.parentCode} 不在 ${anchor.name} 之下`);
  } else if (parentUnit?.closedOn) {
    parent('ORG_UNIT_CLOSED', `上级组织 ${row.parentCode} 已撤销`);
  } else if (unit && parentUnit?.id !== unit.parentId) {
    parent('ORG_UNIT_PARENT_CHANGED', '导入不改变上级组织；调整隶属关系请用“移动组织”');
  } else if (parentKind) {
    const wrongKind = childKindViolation(parentKind, row.kind);
    if (wrongKind) problems.push(problem(rowNumber, 'kind', wrongKind.code, wrongKind.message));
  }
  return problems;
}

/**
 * Checks a tree file against the tree under `anchor` and plans its writes. A row whose code exists updates that
 * unit's name and 审批权; a new code creates a unit under its parent (a unit of the file or of the tree under
 * the anchor). Kind and parent are not changed by an import: a different parent is a move (POST …/move, which
 * checks open tasks), a different kind is a new unit. Every problem of every row is listed.
 * `generateId` gives the new units their ids (so paths can be computed before anything is written).
 */
export function planTreeImport(
  rows: readonly Numbered<TreeRowData>[],
  anchor: OrgUnit,
  existing: ReadonlyMap<string, OrgUnit>,
  generateId: () => string,
): { problems: RowProblem[]; plan: TreeImportPlan; counts: ImportCounts } {
  const problems = duplicates(rows, (row) => row.code, 'code', '组织代码');
  const inFile = new Map<string, Numbered<TreeRowData>>();
  for (const entry of rows) if (!inFile.has(entry.row.code)) inFile.set(entry.row.code, entry);
  const ids = new Map<string, string>();
  const paths = new Map<string, readonly string[] | null>();
  /** The path a file row's unit will have, or null when its parent chain does not reach the tree. */
  const pathOf = (code: string, seen: ReadonlySet<string>): readonly string[] | null => {
    if (paths.has(code)) return paths.get(code)!;
    const unit = existing.get(code);
    if (unit) return unit.path;
    const entry = inFile.get(code);
    if (!entry || seen.has(code)) return null;
    const parentPath = pathOf(entry.row.parentCode, new Set([...seen, code]));
    const id = ids.get(code) ?? generateId();
    ids.set(code, id);
    const path = parentPath ? [...parentPath, id] : null;
    paths.set(code, path);
    return path;
  };

  const creates: TreeImportPlan['creates'][number][] = [];
  const updates: TreeImportPlan['updates'][number][] = [];
  let unchanged = 0;
  for (const { rowNumber, row } of inFile.values()) {
    const before = problems.length;
    const unit = existing.get(row.code);
    problems.push(...treeRowProblems(rowNumber, row, anchor, existing, inFile));
    if (!unit && problems.length === before && pathOf(row.code, new Set()) === null) {
      problems.push(
        problem(rowNumber, 'parentCode', 'ORG_UNIT_PARENT_CYCLE', '上级组织的隶属关系成环，不能接入组织树'),
      );
    }
    if (problems.length > before) continue;
    if (!unit) {
      const path = pathOf(row.code, new Set())!;
      creates.push({ id: path.at(-1)!, row, parentId: path.at(-2)!, path });
    } else if (unit.name !== row.name || unit.canApproveMembership !== row.canApproveMembership) {
      updates.push({ unit, row });
    } else {
      unchanged += 1;
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    problems,
    plan: { creates, updates },
    counts: { rows: rows.length, created: creates.length, updated: updates.length, unchanged },
  };
}

const sameMembership = (row: RosterRowData, branchId: string, known: KnownPerson['membership']): boolean =>
  known !== null &&
  known.branchId === branchId &&
  known.status === row.status &&
  known.partyAgeFrom === row.partyAgeFrom &&
  known.disciplineKind === row.disciplineKind &&
  known.disciplineImpactEnds === row.disciplineImpactEnds &&
  // Rights restored means something for 留党察看 only; the other kinds leave the column empty.
  (row.disciplineKind !== 'PROBATION_WITHIN_PARTY' || known.rightsRestored === row.rightsRestored);

/**
 * Checks a roster file and plans its writes. Each row names a unit in the anchor's subtree that holds
 * memberships; a person is matched by ID number (through its keyed hash, by the caller) and their one
 * membership upserted; a person whose membership is held outside `scopeRootId` (another county) is refused
 * (that is a transfer of 组织关系, not an import).
 */
export function planRosterImport(
  rows: readonly Numbered<RosterRowData>[],
  anchor: OrgUnit,
  scopeRootId: string,
  units: ReadonlyMap<string, OrgUnit>,
  people: ReadonlyMap<string, KnownPerson>,
): { problems: RowProblem[]; plan: RosterImportPlan; counts: ImportCounts } {
  const problems = duplicates(rows, (row) => row.nationalId, 'nationalId', '公民身份号码');
  const duplicateRows = new Set(problems.map((each) => each.row));
  const newPeople: RosterImportPlan['newPeople'][number][] = [];
  const changed: RosterImportPlan['changed'][number][] = [];
  let unchanged = 0;
  for (const { rowNumber, row } of rows) {
    if (duplicateRows.has(rowNumber)) continue;
    const before = problems.length;
    const unit = units.get(row.branchCode);
    if (!unit) {
      problems.push(problem(rowNumber, 'branchCode', 'ORG_UNIT_UNKNOWN', `组织 ${row.branchCode} 不存在`));
    } else if (!unit.path.includes(anchor.id)) {
      problems.push(
        problem(rowNumber, 'branchCode', 'OUT_OF_SCOPE', `组织 ${row.branchCode} 不在 ${anchor.name} 之下`),
      );
    } else if (unit.closedOn) {
      problems.push(problem(rowNumber, 'branchCode', 'ORG_UNIT_CLOSED', `组织 ${row.branchCode} 已撤销`));
    } else if (!MEMBERSHIP_HOLDING_KINDS.has(unit.kind)) {
      problems.push(
        problem(
          rowNumber,
          'branchCode',
          'MEMBERSHIP_UNIT_KIND_NOT_ALLOWED',
          `${unit.kind} 不是党员组织关系所在的党组织`,
        ),
      );
    }
    const person = people.get(row.nationalId);
    if (person?.membership && !person.membership.branchPath.includes(scopeRootId)) {
      problems.push(
        problem(
          rowNumber,
          'nationalId',
          'MEMBERSHIP_OUTSIDE_SCOPE',
          '此人的组织关系在本县以外，须办理组织关系转接',
        ),
      );
    }
    if (problems.length > before || !unit) continue;
    if (!person) {
      newPeople.push({ row, branchId: unit.id });
    } else if (person.name !== row.name || !sameMembership(row, unit.id, person.membership)) {
      changed.push({ personId: person.id, row, branchId: unit.id, renamed: person.name !== row.name });
    } else {
      unchanged += 1;
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    problems,
    plan: { newPeople, changed },
    counts: { rows: rows.length, created: newPeople.length, updated: changed.length, unchanged },
  };
}
