import { type TokenClaims } from '@app/auth';
import { nameBasedUuid } from '@app/persistence';

import { DEMO_PEOPLE } from './demo-county';

const personId = (name: string): string => {
  const person = DEMO_PEOPLE.find((candidate) => candidate.name === name);
  if (!person) throw new Error(`no demo person ${name}`);
  return nameBasedUuid(`person:${person.nationalId}`);
};

/**
 * Demo users of the demo county: who they are, where they hold their roles. The identity provider of a real
 * deployment issues the same claims; `npm run auth:token -- <user>` mints one with the local issuer.
 */
export const DEMO_USERS: Readonly<Record<string, TokenClaims>> = {
  'dc-b1-secretary': {
    sub: 'dc-b1-secretary',
    name: '王建国（东村第一党支部书记）',
    org_unit: 'DX-DZ-DC-B1',
    roles: ['SECRETARY'],
    person_id: personId('王建国'),
  },
  // The branch's 组织委员: records for the branch when the secretary must stand aside (his own sponsee).
  'dc-b1-committee-member': {
    sub: 'dc-b1-committee-member',
    name: '东村第一党支部组织委员',
    org_unit: 'DX-DZ-DC-B1',
    roles: ['SECRETARY'],
  },
  'dc-b2-secretary': {
    sub: 'dc-b2-secretary',
    name: '东村第二党支部书记',
    org_unit: 'DX-DZ-DC-B2',
    roles: ['SECRETARY'],
  },
  'dc-secretary': { sub: 'dc-secretary', name: '东村党委书记', org_unit: 'DX-DZ-DC', roles: ['SECRETARY'] },
  'xc-secretary': { sub: 'xc-secretary', name: '西村党总支书记', org_unit: 'DX-DZ-XC', roles: ['SECRETARY'] },
  // The branch under the general branch (党总支 → 党支部): records its cases; the 党总支 reviews them.
  'xc-b1-secretary': {
    sub: 'xc-b1-secretary',
    name: '西村第一党支部书记',
    org_unit: 'DX-DZ-XC-B1',
    roles: ['SECRETARY'],
  },
  'nc-secretary': { sub: 'nc-secretary', name: '南村党支部书记', org_unit: 'DX-DZ-NC', roles: ['SECRETARY'] },
  'dz-secretary': { sub: 'dz-secretary', name: '东镇党委副书记', org_unit: 'DX-DZ', roles: ['SECRETARY'] },
  'dz-organiser': {
    sub: 'dz-organiser',
    name: '陈志强（东镇党委组织员）',
    org_unit: 'DX-DZ',
    roles: ['ORGANISER'],
    person_id: personId('陈志强'),
  },
  'bc-secretary': { sub: 'bc-secretary', name: '北村党支部书记', org_unit: 'DX-XZ-BC', roles: ['SECRETARY'] },
  'xz-organiser': { sub: 'xz-organiser', name: '西镇党委组织员', org_unit: 'DX-XZ', roles: ['ORGANISER'] },
  'zzb-officer': {
    sub: 'zzb-officer',
    name: '县委组织部组织科',
    org_unit: 'DX-ZZB',
    roles: ['ORG_DEPARTMENT_OFFICER'],
  },
  'county-auditor': { sub: 'county-auditor', name: '县委巡察组', org_unit: 'DX', roles: ['AUDITOR'] },
  'li-xiuying': {
    sub: 'li-xiuying',
    name: '李秀英（党员）',
    org_unit: 'DX-DZ-DC-B1',
    roles: ['MEMBER'],
    person_id: personId('李秀英'),
  },
};
