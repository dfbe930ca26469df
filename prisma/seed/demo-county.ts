import { type OrgUnitKind, withCheckCharacter } from '@app/domain';

/** A demo county: 县委 → 乡镇党委 → 村党委 / 党总支 / 党支部 → 党小组. Codes are stable; ids derive from them. */
export interface SeedOrgUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly parent: string | null;
  readonly canApproveMembership?: boolean;
}

export const DEMO_ORG_UNITS: readonly SeedOrgUnit[] = [
  { code: 'DX', name: '示范县委', kind: 'COUNTY_COMMITTEE', parent: null },
  { code: 'DX-ZZB', name: '示范县委组织部', kind: 'ORG_DEPARTMENT', parent: 'DX' },
  { code: 'DX-DZ', name: '东镇党委', kind: 'TOWNSHIP_COMMITTEE', parent: 'DX', canApproveMembership: true },
  { code: 'DX-DZ-DC', name: '东村党委', kind: 'VILLAGE_COMMITTEE', parent: 'DX-DZ' },
  { code: 'DX-DZ-DC-B1', name: '东村第一党支部', kind: 'BRANCH', parent: 'DX-DZ-DC' },
  { code: 'DX-DZ-DC-B1-G1', name: '东村第一党支部第一党小组', kind: 'PARTY_GROUP', parent: 'DX-DZ-DC-B1' },
  { code: 'DX-DZ-DC-B2', name: '东村第二党支部', kind: 'BRANCH', parent: 'DX-DZ-DC' },
  { code: 'DX-DZ-XC', name: '西村党总支', kind: 'GENERAL_BRANCH', parent: 'DX-DZ' },
  { code: 'DX-DZ-XC-B1', name: '西村第一党支部', kind: 'BRANCH', parent: 'DX-DZ-XC' },
  { code: 'DX-DZ-NC', name: '南村党支部', kind: 'BRANCH', parent: 'DX-DZ' },
  { code: 'DX-XZ', name: '西镇党委', kind: 'TOWNSHIP_COMMITTEE', parent: 'DX', canApproveMembership: true },
  { code: 'DX-XZ-BC', name: '北村党支部', kind: 'BRANCH', parent: 'DX-XZ' },
];

function nationalId(region: string, birth: string, sequence: string): string {
  return withCheckCharacter(`${region}${birth}${sequence}`);
}

/**
 * Officers and members of the demo county (roles and authority arrive with access control, issue 6).
 * `membership`: the branch and standing of party members (sponsors and contacts are chosen among them).
 */
export const DEMO_PEOPLE: readonly {
  name: string;
  nationalId: string;
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
  membership?: {
    branch: string;
    status: 'FULL_MEMBER' | 'PROBATIONARY';
    partyAgeFrom?: string;
    discipline?: {
      kind: 'WARNING' | 'SERIOUS_WARNING' | 'REMOVAL_FROM_POST' | 'PROBATION_WITHIN_PARTY';
      impactEnds?: string;
      rightsRestored?: boolean;
    };
  };
}[] = [
  {
    name: '王建国',
    nationalId: nationalId('320602', '19700312', '013'),
    birthDate: '1970-03-12',
    gender: 'MALE',
    membership: { branch: 'DX-DZ-DC-B1', status: 'FULL_MEMBER', partyAgeFrom: '1995-07-01' },
  },
  {
    name: '李秀英',
    nationalId: nationalId('320602', '19820725', '024'),
    birthDate: '1982-07-25',
    gender: 'FEMALE',
    membership: { branch: 'DX-DZ-DC-B1', status: 'FULL_MEMBER', partyAgeFrom: '2006-06-20' },
  },
  {
    name: '陈志强',
    nationalId: nationalId('320602', '19780101', '035'),
    birthDate: '1978-01-01',
    gender: 'MALE',
    membership: { branch: 'DX-DZ', status: 'FULL_MEMBER', partyAgeFrom: '2001-12-15' },
  },
  {
    name: '赵丽',
    nationalId: nationalId('320602', '19900918', '046'),
    birthDate: '1990-09-18',
    gender: 'FEMALE',
    // Under a serious warning still in its impact period: should not sponsor under the 2026 rules (§14).
    membership: {
      branch: 'DX-DZ-DC-B1',
      status: 'FULL_MEMBER',
      partyAgeFrom: '2015-05-04',
      discipline: { kind: 'SERIOUS_WARNING', impactEnds: '2027-06-30' },
    },
  },
  // Not a party member.
  {
    name: '周海',
    nationalId: nationalId('320602', '19651130', '057'),
    birthDate: '1965-11-30',
    gender: 'MALE',
  },
];
