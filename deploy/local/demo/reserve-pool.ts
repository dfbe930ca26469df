import { CHINA_WORKING_DAYS, type LocalDate, addDays } from '@app/domain';

import { type CaseJob, type DemoPerson, type DemoStep, demoPerson } from './cases';
import { type DemoClient, isRecord, sleep } from './client';
import { COUNTY_DEPARTMENT, VILLAGES, type Village, checkDates, daysBefore, recorder } from './county';
import { RESERVIST_APPLICANT } from './member-cases';

/** 三推二审一选一公示 (DOMAIN §3), then what happens in the pool. */
const MILESTONES = ['RECOMMENDED', 'QUALIFIED', 'SELECTED', 'ACTIVE', 'LINKED'] as const;
type Milestone = (typeof MILESTONES)[number];

interface ReserveSpec {
  readonly code: string;
  readonly person: DemoPerson;
  readonly village: Village;
  readonly category: string;
  readonly daysAgo: number;
  readonly until: Milestone;
  readonly facts: { readonly education: string; readonly politicalStatus: string };
  readonly label: string;
  /** The joint vetting raises a concern the township's selection answers. */
  readonly concern?: boolean;
  /** The township's half-year review decides on the reservist. */
  readonly review?:
    { readonly outcome: 'RETAIN' } | { readonly outcome: 'LIST_FOR_INSPECTION'; post: string };
}

const P = (index: number, name: string, birth: string, gender: 'M' | 'F') =>
  demoPerson(900, index, name, birth, gender);
const [DC, XC, NC, BC] = Object.keys(VILLAGES) as [Village, Village, Village, Village];

/** The member case (member-cases.ts) of the reservist who is not a party member yet. */
export const LINKED_MEMBER_CASE = 'm27';

const SPECS: readonly ReserveSpec[] = [
  {
    code: 'r01',
    person: P(0, '钟晓雯', '1999-03-12', 'F'),
    village: DC,
    category: 'LOCAL_GRADUATE',
    daysAgo: 150,
    until: 'ACTIVE',
    facts: { education: 'BACHELOR', politicalStatus: 'LEAGUE_MEMBER' },
    label: 'active',
    review: { outcome: 'RETAIN' },
  },
  {
    code: 'r02',
    person: P(1, '段国强', '1993-08-01', 'M'),
    village: DC,
    category: 'VETERAN',
    daysAgo: 120,
    until: 'ACTIVE',
    facts: { education: 'JUNIOR_COLLEGE', politicalStatus: 'FULL_MEMBER' },
    label: 'listed for inspection',
    review: { outcome: 'LIST_FOR_INSPECTION', post: '村党组织书记' },
  },
  {
    code: 'r03',
    person: RESERVIST_APPLICANT,
    village: XC,
    category: 'RETURNING_MIGRANT',
    daysAgo: 100,
    until: 'LINKED',
    facts: { education: 'JUNIOR_COLLEGE', politicalStatus: 'MASSES' },
    label: 'active',
  },
  {
    code: 'r04',
    person: P(3, '侯振东', '1992-11-20', 'M'),
    village: NC,
    category: 'LOCAL_ENTREPRENEUR',
    daysAgo: 90,
    until: 'ACTIVE',
    facts: { education: 'BACHELOR', politicalStatus: 'MASSES' },
    label: 'active',
    concern: true,
  },
  {
    code: 'r05',
    person: P(4, '邵雅琴', '1997-06-30', 'F'),
    village: NC,
    category: 'YOUNG_MEMBER',
    daysAgo: 20,
    until: 'SELECTED',
    facts: { education: 'MASTER', politicalStatus: 'PROBATIONARY_MEMBER' },
    label: 'entering',
  },
  {
    code: 'r06',
    person: P(5, '孟欣然', '2001-09-09', 'F'),
    village: XC,
    category: 'LOCAL_GRADUATE',
    daysAgo: 5,
    until: 'RECOMMENDED',
    facts: { education: 'BACHELOR', politicalStatus: 'LEAGUE_MEMBER' },
    label: 'entering',
  },
  {
    code: 'r07',
    person: P(6, '龙建新', '1995-01-15', 'M'),
    village: BC,
    category: 'YOUNG_MEMBER',
    daysAgo: 130,
    until: 'ACTIVE',
    facts: { education: 'BACHELOR', politicalStatus: 'FULL_MEMBER' },
    label: 'active',
  },
  {
    // The pool asks for 大专 (the default policy): not admitted, with the reason.
    code: 'r08',
    person: P(7, '万勇', '1992-04-04', 'M'),
    village: DC,
    category: 'RETURNING_MIGRANT',
    daysAgo: 40,
    until: 'QUALIFIED',
    facts: { education: 'SENIOR_HIGH', politicalStatus: 'MASSES' },
    label: 'not admitted',
  },
];

type Dated = readonly [Milestone, LocalDate, DemoStep];

function reserveSteps(spec: ReserveSpec, recommended: LocalDate, memberCaseId: string | undefined): Dated[] {
  const { name, township } = VILLAGES[spec.village];
  const organiser = recorder(township);
  const at = (m: Milestone, date: LocalDate, as: string, path: string, body: object): Dated => [
    m,
    date,
    { as, path, body: { date, ...body } },
  ];
  const noticeStart = addDays(recommended, 12);
  const noticeEnd = CHINA_WORKING_DAYS.lastDayOfPeriod(noticeStart, 5).value;
  const answer = (department: string, concern = false) => ({
    department,
    result: concern ? 'CONCERN' : 'PASS',
    note: concern ? '曾反映宅基地纠纷，已化解' : '',
  });
  return [
    at('RECOMMENDED', addDays(recommended, 1), organiser, 'recommendations', {
      channel: 'MEMBERS_AND_MASSES',
      by: `${name}党员群众`,
    }),
    at('QUALIFIED', addDays(recommended, 3), organiser, 'qualification-review', {
      ...spec.facts,
      negativeRecords: [],
    }),
    at('SELECTED', addDays(recommended, 6), recorder(COUNTY_DEPARTMENT), 'joint-vetting', {
      departments: [answer('纪委监委'), answer('公安局'), answer('信访局', spec.concern)],
    }),
    at('SELECTED', addDays(recommended, 10), organiser, 'selection', {
      approved: true,
      committeeVote: { members: 9, present: 8, yes: 8 },
      minutesRef: `党委会纪要〔${recommended.slice(0, 4)}〕3${spec.code.slice(1)}号`,
      ...(spec.concern ? { concernsFinding: '纠纷已化解，不影响列为后备力量' } : {}),
    }),
    at('ACTIVE', noticeStart, organiser, 'notice', { end: noticeEnd, scope: `${name}村务公开栏` }),
    at('ACTIVE', addDays(noticeEnd, 1), organiser, 'notice-close', { findings: [] }),
    ...(memberCaseId
      ? [at('LINKED', addDays(noticeEnd, 20), organiser, 'member-case', { memberCaseId })]
      : []),
  ];
}

/**
 * The reservists of the demo county, dated back from `anchor`; `memberCases` (code → id) gives the member
 * case a non-member reservist is tracked into.
 */
export function reserveJobs(anchor: LocalDate, memberCases: ReadonlyMap<string, string>): CaseJob[] {
  return SPECS.map((spec) => {
    const recommended = daysBefore(anchor, spec.daysAgo);
    const last = MILESTONES.indexOf(spec.until);
    const linked = spec.until === 'LINKED' ? memberCases.get(LINKED_MEMBER_CASE) : undefined;
    if (spec.until === 'LINKED' && !linked) {
      throw new Error(`demo data ${spec.code}: member case ${LINKED_MEMBER_CASE} was not seeded`);
    }
    const dated = reserveSteps(spec, recommended, linked).filter(
      ([milestone]) => MILESTONES.indexOf(milestone) <= last,
    );
    checkDates(spec.code, [recommended, ...dated.map(([, date]) => date)], anchor);
    const { name, township } = VILLAGES[spec.village];
    return {
      kind: 'reserve',
      code: spec.code,
      name: spec.person.name,
      label: spec.label,
      group: spec.category,
      open: {
        as: recorder(township),
        body: {
          village: spec.village,
          category: spec.category,
          channel: 'ORGANISATION',
          by: `${name}党组织`,
          recommendedOn: recommended,
          person: spec.person,
        },
      },
      steps: dated.map(([, , step]) => step),
    };
  });
}

export interface ReviewResult {
  readonly township: string;
  readonly period: string;
  readonly tasks: number;
  readonly decided: number;
  /** Decisions recorded by this run. */
  readonly recorded: number;
}

const REVIEWED_TOWNSHIP = 'DX-DZ';

/**
 * Each township's half-year review Schedule (1 January and 1 July), and 东镇's review of this half year opened
 * now if it has none yet; the review decides on the reservists the specs name, the others stay open.
 */
export async function seedReview(
  client: DemoClient,
  entries: ReadonlyMap<string, string>,
  today: LocalDate,
): Promise<ReviewResult> {
  for (const township of ['DX-DZ', 'DX-XZ']) {
    const as = recorder(township);
    const path = `/v1/reserve-pool/review-schedules/${township}`;
    const found = await client.send({ as, method: 'GET', path, accept: [200, 404] });
    if (found.status === 404) await client.send({ as, method: 'PUT', path });
  }
  const as = recorder(REVIEWED_TOWNSHIP);
  const reviews = async () => {
    const listed = await client.send({
      as,
      method: 'GET',
      path: '/v1/reserve-pool/reviews',
      query: { township: REVIEWED_TOWNSHIP },
    });
    return Array.isArray(listed.body) ? listed.body.filter(isRecord) : [];
  };
  let review = (await reviews())[0];
  if (!review) {
    await client.send({
      as,
      method: 'POST',
      path: `/v1/reserve-pool/review-schedules/${REVIEWED_TOWNSHIP}/runs`,
    });
    for (let waited = 0; !review && waited < 60_000; waited += 500) {
      await sleep(500);
      review = (await reviews())[0];
    }
    if (!review) throw new Error(`the half-year review of ${REVIEWED_TOWNSHIP} did not open within a minute`);
  }
  return decide(client, String(review.id), String(review.period), entries, today);
}

async function decide(
  client: DemoClient,
  reviewId: string,
  period: string,
  entries: ReadonlyMap<string, string>,
  today: LocalDate,
): Promise<ReviewResult> {
  const as = recorder(REVIEWED_TOWNSHIP);
  const path = `/v1/reserve-pool/reviews/${reviewId}`;
  const detail = await client.send({ as, method: 'GET', path });
  const items =
    isRecord(detail.body) && Array.isArray(detail.body.items) ? detail.body.items.filter(isRecord) : [];
  let recorded = 0;
  for (const spec of SPECS) {
    const entryId = entries.get(spec.code);
    const item = items.find((candidate) => candidate.entryId === entryId);
    if (!spec.review || !entryId || item?.status !== 'OPEN') continue;
    await client.send({
      as,
      method: 'POST',
      path: `${path}/decisions`,
      body: { date: today, entryId, ...spec.review },
      idempotencyKey: client.key('review', reviewId, spec.code),
      accept: [200],
    });
    recorded++;
  }
  const after = await client.send({ as, method: 'GET', path });
  const final =
    isRecord(after.body) && Array.isArray(after.body.items) ? after.body.items.filter(isRecord) : [];
  return {
    township: REVIEWED_TOWNSHIP,
    period,
    tasks: final.length,
    decided: final.filter((item) => item.status !== 'OPEN').length,
    recorded,
  };
}
