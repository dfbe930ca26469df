import { type DemoClient, isRecord } from './client';
import { recorder } from './county';

/** The county's plan for the year, allocated top-down (§38): the county to its townships, 东镇 to its villages. */
const QUOTAS: readonly (readonly [unit: string, by: string, quotas: Readonly<Record<string, number>>])[] = [
  [
    'DX',
    'DX-ZZB',
    {
      applicants: 40,
      activists: 30,
      'development-targets': 16,
      'new-probationary-members': 12,
      'new-probationary-members-aged-35-or-under': 10,
      'new-probationary-members-female': 5,
      conversions: 10,
      'cadre-recruits-appointed': 6,
      'cadre-recruits-guiyan-appointed': 3,
      'reservists-admitted': 8,
    },
  ],
  [
    'DX-DZ',
    'DX-ZZB',
    {
      applicants: 30,
      activists: 22,
      'development-targets': 12,
      'new-probationary-members': 9,
      conversions: 8,
      'cadre-recruits-appointed': 4,
      'reservists-admitted': 6,
    },
  ],
  [
    'DX-XZ',
    'DX-ZZB',
    {
      applicants: 8,
      activists: 6,
      'development-targets': 3,
      'new-probationary-members': 2,
      conversions: 2,
      'cadre-recruits-appointed': 2,
      'reservists-admitted': 2,
    },
  ],
  ['DX-DZ-DC', 'DX-DZ', { applicants: 14, activists: 10, 'new-probationary-members': 4 }],
  ['DX-DZ-XC', 'DX-DZ', { applicants: 8, activists: 6, 'new-probationary-members': 3 }],
  ['DX-DZ-NC', 'DX-DZ', { applicants: 6, activists: 5, 'new-probationary-members': 2 }],
];

/** Each village's incumbent 两委 members (those no recruitment case placed), for the "8595" shares. */
const ROSTERS: Readonly<Record<string, readonly { name: string; post: string; education: string }[]>> = {
  'DX-DZ-DC': [
    { name: '刘长河', post: 'PARTY_SECRETARY', education: 'BACHELOR' },
    { name: '张桂兰', post: 'PARTY_COMMITTEE_MEMBER', education: 'JUNIOR_COLLEGE' },
    { name: '赵永福', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'SENIOR_HIGH' },
  ],
  'DX-DZ-XC': [
    { name: '孙立新', post: 'PARTY_SECRETARY', education: 'JUNIOR_COLLEGE' },
    { name: '何建军', post: 'VILLAGE_DIRECTOR', education: 'SENIOR_HIGH' },
    { name: '吴小燕', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'BACHELOR' },
  ],
  'DX-DZ-NC': [
    { name: '钱志远', post: 'PARTY_SECRETARY', education: 'SENIOR_HIGH' },
    { name: '郑海涛', post: 'VILLAGE_DIRECTOR', education: 'JUNIOR_COLLEGE' },
  ],
  'DX-XZ-BC': [
    { name: '冯国庆', post: 'PARTY_SECRETARY', education: 'BACHELOR' },
    { name: '褚红梅', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'JUNIOR_COLLEGE' },
  ],
};

export interface TargetsResult {
  readonly year: number;
  readonly quotas: number;
  readonly rosters: number;
  /** Quotas, rosters and policies set by this run. */
  readonly recorded: number;
}

/**
 * Quotas for the demo's year, the villages' incumbents, and 西镇's reserve policy (one reservist per village).
 * Only what is missing is set: a quota someone changed since stays as they set it.
 */
export async function seedTargets(client: DemoClient, year: number): Promise<TargetsResult> {
  let recorded = 0;
  let quotas = 0;
  for (const [unit, by, planned] of QUOTAS) {
    const as = recorder(by);
    const progress = await client.send({
      app: 'targets',
      as,
      method: 'GET',
      path: '/v1/targets',
      query: { orgUnit: unit, year },
    });
    const current = isRecord(progress.body) && isRecord(progress.body.quotas) ? progress.body.quotas : {};
    for (const [metric, quota] of Object.entries(planned)) {
      quotas++;
      if (typeof current[metric] === 'number') continue;
      const body = { orgUnit: unit, year, metric, quota };
      await client.send({ app: 'targets', as, method: 'PUT', path: '/v1/targets/quotas', body });
      recorded++;
    }
  }
  const county = recorder('DX-ZZB');
  for (const [village, members] of Object.entries(ROSTERS)) {
    const path = `/v1/targets/village-cadres/${village}/roster`;
    const roster = await client.send({ app: 'targets', as: county, method: 'GET', path });
    if (Array.isArray(roster.body) && roster.body.length > 0) continue;
    await client.send({ app: 'targets', as: county, method: 'PUT', path, body: { members } });
    recorded++;
  }
  const policyPath = '/v1/reserve-pool/policies/DX-XZ';
  const xz = recorder('DX-XZ');
  const policy = await client.send({ as: xz, method: 'GET', path: policyPath });
  if (!isRecord(policy.body) || policy.body.minReservePerVillage !== 1) {
    await client.send({ as: xz, method: 'PUT', path: policyPath, body: { minReservePerVillage: 1 } });
    recorded++;
  }
  return { year, quotas, rosters: Object.keys(ROSTERS).length, recorded };
}
