import { type LocalDate, type OrgUnit } from '@app/domain';
import { type KnownPerson, type RosterRowData, type TreeRowData } from '@app/persistence';

import { planRosterImport, planTreeImport } from './import-plans';

const unit = (id: string, kind: OrgUnit['kind'], path: string[], extra: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  code: id.toUpperCase(),
  name: id,
  kind,
  parentId: path.at(-2) ?? null,
  path,
  canApproveMembership: false,
  ...extra,
});
const DX = unit('dx', 'COUNTY_COMMITTEE', ['dx']);
const DZ = unit('dz', 'TOWNSHIP_COMMITTEE', ['dx', 'dz'], { canApproveMembership: true });
const NC = unit('nc', 'BRANCH', ['dx', 'dz', 'nc']);
const OLD = unit('old', 'BRANCH', ['dx', 'dz', 'old'], { closedOn: '2026-01-01' as LocalDate });
const QX = unit('qx', 'COUNTY_COMMITTEE', ['qx']);
const QB = unit('qb', 'BRANCH', ['qx', 'qb']);
const anchor: OrgUnit = { ...DX, path: DX.path };
const existing = new Map([DX, DZ, NC, OLD, QX, QB].map((each) => [each.code, each]));
let counter = 0;
const newId = () => `new-${(counter += 1)}`;
const tree = (rows: Partial<TreeRowData>[]) =>
  rows.map((row, index) => {
    const full: TreeRowData = {
      code: '',
      name: 'n',
      kind: 'BRANCH',
      parentCode: 'DZ',
      canApproveMembership: false,
      ...row,
    };
    return { rowNumber: index + 2, row: full };
  });

describe(planTreeImport.name, () => {
  it('creates new units (parents in the file first), updates changed ones, counts the rest unchanged', () => {
    const result = planTreeImport(
      tree([
        { code: 'HB1', parentCode: 'HC' },
        { code: 'HC', kind: 'VILLAGE_COMMITTEE' },
        { code: 'NC', name: 'nc' },
        {
          code: 'DZ',
          name: '东镇',
          kind: 'TOWNSHIP_COMMITTEE',
          parentCode: 'DX',
          canApproveMembership: true,
        },
      ]),
      anchor,
      existing,
      newId,
    );
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({ rows: 4, created: 2, updated: 1, unchanged: 1 });
    const hc = result.plan.creates.find((each) => each.row.code === 'HC')!;
    const hb1 = result.plan.creates.find((each) => each.row.code === 'HB1')!;
    expect(hc.path).toEqual(['dx', 'dz', hc.id]);
    expect(hb1.path).toEqual(['dx', 'dz', hc.id, hb1.id]);
    expect(hb1.parentId).toBe(hc.id);
    expect(result.plan.updates.map((each) => each.row.code)).toEqual(['DZ']);
  });

  it('lists every bad row: duplicates, unknown or foreign parents, closed units, kind and parent changes, cycles', () => {
    const result = planTreeImport(
      tree([
        { code: 'A1' },
        { code: 'A1' },
        { code: 'A2', parentCode: 'NOWHERE' },
        { code: 'A3', parentCode: 'QX' },
        { code: 'QB' },
        { code: 'A4', parentCode: 'OLD', kind: 'PARTY_GROUP' },
        { code: 'NC', kind: 'GENERAL_BRANCH' },
        { code: 'NC2', parentCode: 'DX' },
        { code: 'C1', parentCode: 'C2' },
        { code: 'C2', kind: 'GENERAL_BRANCH', parentCode: 'C1' },
        { code: 'DZ', kind: 'TOWNSHIP_COMMITTEE', parentCode: 'NC' },
      ]),
      anchor,
      existing,
      newId,
    );
    expect(result.problems.map((each) => [each.row, each.column, each.code])).toEqual([
      [3, 'code', 'IMPORT_DUPLICATE_ROW'],
      [4, 'parentCode', 'ORG_UNIT_UNKNOWN'],
      [5, 'parentCode', 'OUT_OF_SCOPE'],
      [6, 'code', 'ORG_UNIT_CODE_TAKEN'],
      [7, 'parentCode', 'ORG_UNIT_CLOSED'],
      [8, 'kind', 'ORG_UNIT_KIND_CHANGED'],
      [9, 'kind', 'ORG_UNIT_KIND_NOT_ALLOWED'],
      [10, 'parentCode', 'ORG_UNIT_PARENT_CYCLE'],
      [11, 'kind', 'ORG_UNIT_KIND_NOT_ALLOWED'],
      [12, 'parentCode', 'ORG_UNIT_PARENT_CHANGED'],
    ]);
  });
});

const ID_A = '32060219880101501X';
const ID_B = '320602198801015028';
const member = (row: Partial<RosterRowData>): RosterRowData => ({
  name: '张三',
  nationalId: ID_A,
  birthDate: '1988-01-01' as LocalDate,
  gender: 'MALE',
  branchCode: 'NC',
  status: 'FULL_MEMBER',
  partyAgeFrom: '2010-07-01' as LocalDate,
  disciplineKind: null,
  disciplineImpactEnds: null,
  rightsRestored: null,
  ...row,
});
const known = (
  id: string,
  name: string,
  membership: Partial<NonNullable<KnownPerson['membership']>> | null,
): KnownPerson => ({
  id,
  name,
  membership: membership && {
    branchId: 'nc',
    branchPath: ['dx', 'dz', 'nc'],
    status: 'FULL_MEMBER',
    partyAgeFrom: '2010-07-01',
    disciplineKind: null,
    disciplineImpactEnds: null,
    rightsRestored: true,
    ...membership,
  },
});

describe(planRosterImport.name, () => {
  it('registers new people, changes what differs, leaves matching rows alone', () => {
    const rows = [
      member({}),
      member({ nationalId: ID_B, name: '李四', gender: 'FEMALE' }),
      member({
        nationalId: 'C',
        name: '王五',
        disciplineKind: 'PROBATION_WITHIN_PARTY',
        rightsRestored: false,
      }),
    ].map((row, index) => ({ rowNumber: index + 2, row }));
    const people = new Map([
      [ID_A, known('p-a', '张三', {})],
      ['C', known('p-c', '王五', { disciplineKind: 'PROBATION_WITHIN_PARTY', rightsRestored: true })],
    ]);
    const result = planRosterImport(rows, anchor, 'dx', existing, people);
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1 });
    expect(result.plan.newPeople.map((each) => [each.row.name, each.branchId])).toEqual([['李四', 'nc']]);
    expect(result.plan.changed.map((each) => [each.personId, each.renamed])).toEqual([['p-c', false]]);
  });

  it('refuses duplicate numbers, unknown, foreign, closed or non-holding units, and members of another county', () => {
    const rows = [
      member({}),
      member({ name: '张三又' }),
      member({ nationalId: 'B', branchCode: 'NOWHERE' }),
      member({ nationalId: 'C', branchCode: 'QB' }),
      member({ nationalId: 'D', branchCode: 'OLD' }),
      member({ nationalId: 'E', branchCode: 'DX' }),
      member({ nationalId: 'F' }),
    ].map((row, index) => ({ rowNumber: index + 2, row }));
    const people = new Map([['F', known('p-f', '张三', { branchPath: ['qx', 'qb'] })]]);
    const result = planRosterImport(rows, anchor, 'dx', existing, people);
    expect(result.problems.map((each) => [each.row, each.column, each.code])).toEqual([
      [3, 'nationalId', 'IMPORT_DUPLICATE_ROW'],
      [4, 'branchCode', 'ORG_UNIT_UNKNOWN'],
      [5, 'branchCode', 'OUT_OF_SCOPE'],
      [6, 'branchCode', 'ORG_UNIT_CLOSED'],
      [7, 'branchCode', 'MEMBERSHIP_UNIT_KIND_NOT_ALLOWED'],
      [8, 'nationalId', 'MEMBERSHIP_OUTSIDE_SCOPE'],
    ]);
  });
});
