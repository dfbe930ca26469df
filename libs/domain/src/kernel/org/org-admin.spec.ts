import { type Principal } from '../principal';
import { childKindViolation, moveTargetViolation, orgAdminViolation } from './org-admin';
import {
  ORG_UNIT_CHILD_KINDS,
  ORG_UNIT_KINDS,
  type OrgUnit,
  type OrgUnitKind,
  mayHoldChild,
} from './org-unit';

const unit = (id: string, kind: OrgUnitKind, path: string[]): OrgUnit => ({
  id,
  code: id.toUpperCase(),
  name: id,
  kind,
  parentId: path.at(-2) ?? null,
  path,
  canApproveMembership: kind === 'TOWNSHIP_COMMITTEE',
});

const county = unit('dx', 'COUNTY_COMMITTEE', ['dx']);
const department = unit('dx-zzb', 'ORG_DEPARTMENT', ['dx', 'dx-zzb']);
const township = unit('dz', 'TOWNSHIP_COMMITTEE', ['dx', 'dz']);
const village = unit('dc', 'VILLAGE_COMMITTEE', ['dx', 'dz', 'dc']);
const branch = unit('b1', 'BRANCH', ['dx', 'dz', 'dc', 'b1']);
const otherCounty = unit('qx', 'COUNTY_COMMITTEE', ['qx']);

const principal = (orgUnit: OrgUnit, roles: Principal['roles']): Principal => ({
  subject: 's',
  name: 'n',
  personId: null,
  orgUnit,
  roles,
  actingFor: null,
});

describe('the shape of the org tree', () => {
  it('every kind names only known kinds as children, and nothing holds a unit of its own kind or above', () => {
    for (const parent of ORG_UNIT_KINDS) {
      for (const child of ORG_UNIT_CHILD_KINDS[parent]) {
        expect(ORG_UNIT_KINDS).toContain(child);
        if (child !== 'ORG_DEPARTMENT') {
          expect(ORG_UNIT_KINDS.indexOf(child)).toBeGreaterThan(ORG_UNIT_KINDS.indexOf(parent));
        }
      }
    }
  });

  it.each([
    ['COUNTY_COMMITTEE', 'TOWNSHIP_COMMITTEE', true],
    ['COUNTY_COMMITTEE', 'ORG_DEPARTMENT', true],
    ['TOWNSHIP_COMMITTEE', 'BRANCH', true],
    ['TOWNSHIP_COMMITTEE', 'GENERAL_BRANCH', true],
    ['GENERAL_BRANCH', 'BRANCH', true],
    ['BRANCH', 'PARTY_GROUP', true],
    ['COUNTY_COMMITTEE', 'BRANCH', false],
    ['BRANCH', 'BRANCH', false],
    ['ORG_DEPARTMENT', 'BRANCH', false],
    ['PARTY_GROUP', 'PARTY_GROUP', false],
    ['GENERAL_BRANCH', 'VILLAGE_COMMITTEE', false],
  ] as const)('%s may hold %s: %s', (parent, child, allowed) => {
    expect(mayHoldChild(parent, child)).toBe(allowed);
    expect(childKindViolation(parent, child)?.code).toBe(allowed ? undefined : 'ORG_UNIT_KIND_NOT_ALLOWED');
  });
});

describe(orgAdminViolation.name, () => {
  const officer = principal(department, ['ORG_DEPARTMENT_OFFICER']);

  it('lets the org department administer the county it serves, anywhere below the county committee', () => {
    expect(orgAdminViolation(officer, branch)).toBeUndefined();
    expect(orgAdminViolation(officer, county)).toBeUndefined();
    expect(orgAdminViolation(officer, county, true)?.code).toBe('OUT_OF_SCOPE');
  });

  it('refuses another county, a township secretary, and the role held outside a department', () => {
    expect(orgAdminViolation(officer, otherCounty)?.code).toBe('OUT_OF_SCOPE');
    expect(orgAdminViolation(principal(township, ['SECRETARY']), branch)?.code).toBe('ROLE_NOT_PERMITTED');
    expect(orgAdminViolation(principal(township, ['ORG_DEPARTMENT_OFFICER']), branch)?.code).toBe(
      'ROLE_NOT_PERMITTED',
    );
  });
});

describe(moveTargetViolation.name, () => {
  it('refuses a move under the unit itself or its own subtree', () => {
    expect(moveTargetViolation(township, township)?.code).toBe('ORG_UNIT_MOVE_INTO_OWN_SUBTREE');
    expect(moveTargetViolation(village, branch)?.code).toBe('ORG_UNIT_MOVE_INTO_OWN_SUBTREE');
  });

  it('refuses a parent whose kind cannot hold the unit, allows one that can', () => {
    const other = unit('xz', 'TOWNSHIP_COMMITTEE', ['dx', 'xz']);
    expect(moveTargetViolation(branch, other)).toBeUndefined();
    expect(moveTargetViolation(branch, county)?.code).toBe('ORG_UNIT_KIND_NOT_ALLOWED');
  });
});
