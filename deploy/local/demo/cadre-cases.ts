import {
  CADRE_POSTS,
  CHINA_WORKING_DAYS,
  type CadrePost,
  type CadreProgramme,
  type LocalDate,
  addDays,
  addMonths,
  addYears,
  cadreProgramme,
} from '@app/domain';

import { type CaseJob, type DemoPerson, type DemoStep, demoPerson } from './cases';
import { COUNTY_DEPARTMENT, VILLAGES, type Village, checkDates, daysBefore, recorder } from './county';

/** How far a cadre case has come (P1–P9, DOMAIN §2.1). */
const MILESTONES = [
  'NOMINATED', // P1
  'QUALIFIED', // P2
  'JOINT_REVIEW', // P3 opened, some departments answered
  'ASSESSMENT', // every department answered (concerns resolved)
  'DECISION', // P4 assessed
  'NOTICE', // P5 decided, P6 notice posted
  'PLACEMENT', // notice closed
  'TRIAL', // P7 appointed or elected
  'REVIEWED', // P8 trial reviewed
  'FILED', // P9 filed with the county
] as const;
type Milestone = (typeof MILESTONES)[number];

interface CadreSpec {
  readonly code: string;
  readonly person: DemoPerson;
  readonly programme: 'GUIYAN' | 'XIANREN' | 'DINGZHI';
  readonly post: CadrePost;
  readonly village: Village;
  /** Nominated by the township or by the village's own party organisation. */
  readonly channel: 'TOWNSHIP' | 'VILLAGE';
  readonly daysAgo: number;
  readonly until: Milestone;
  readonly facts: { readonly education: string; readonly politicalStatus: string; readonly source: string };
  /** What the summary calls the stage the case shows. */
  readonly label: string;
  /** One department answers with a concern, which the township resolves. */
  readonly concern?: boolean;
  /** The trial is failed: exit to the reserve pool under this category. */
  readonly exitTo?: string;
  readonly withdrawAfter?: number;
}

const P = (index: number, name: string, birth: string, gender: 'M' | 'F') =>
  demoPerson(800, index, name, birth, gender);
const facts = (education: string, politicalStatus: string, source: string) => ({
  education,
  politicalStatus,
  source,
});
const [DC, XC, NC, BC] = Object.keys(VILLAGES) as [Village, Village, Village, Village];

/** Four cases in each of the three programmes, at different stages. */
const SPECS: readonly CadreSpec[] = [
  {
    code: 'c01',
    person: P(0, '陈雁', '1999-05-01', 'F'),
    programme: 'GUIYAN',
    post: 'SECRETARY_ASSISTANT',
    village: DC,
    channel: 'TOWNSHIP',
    daysAgo: 460,
    until: 'FILED',
    facts: facts('BACHELOR', 'FULL_MEMBER', 'RETURNING_GRADUATE'),
    label: 'confirmed',
  },
  {
    code: 'c02',
    person: P(1, '林晓峰', '2000-02-18', 'M'),
    programme: 'GUIYAN',
    post: 'DIRECTOR_ASSISTANT',
    village: XC,
    channel: 'TOWNSHIP',
    daysAgo: 120,
    until: 'TRIAL',
    facts: facts('JUNIOR_COLLEGE', 'LEAGUE_MEMBER', 'RETURNING_GRADUATE'),
    label: 'trial',
  },
  {
    code: 'c03',
    person: P(2, '罗佳', '1996-10-09', 'F'),
    programme: 'GUIYAN',
    post: 'PARTY_COMMITTEE_MEMBER',
    village: NC,
    channel: 'TOWNSHIP',
    daysAgo: 10,
    until: 'JOINT_REVIEW',
    facts: facts('BACHELOR', 'FULL_MEMBER', 'RETURNING_GRADUATE'),
    label: 'joint review',
  },
  {
    code: 'c04',
    person: P(3, '梁宇', '2001-07-23', 'M'),
    programme: 'GUIYAN',
    post: 'SECRETARY_ASSISTANT',
    village: BC,
    channel: 'VILLAGE',
    daysAgo: 4,
    until: 'NOMINATED',
    facts: facts('BACHELOR', 'PROBATIONARY_MEMBER', 'RETURNING_GRADUATE'),
    label: 'nominated',
  },
  {
    code: 'c05',
    person: P(4, '宋长林', '1981-03-16', 'M'),
    programme: 'XIANREN',
    post: 'VILLAGE_DIRECTOR',
    village: DC,
    channel: 'TOWNSHIP',
    daysAgo: 300,
    until: 'FILED',
    facts: facts('SENIOR_HIGH', 'MASSES', 'LOCAL_ENTREPRENEUR'),
    label: 'confirmed',
  },
  {
    code: 'c06',
    person: P(5, '唐德厚', '1976-11-02', 'M'),
    programme: 'XIANREN',
    post: 'PARTY_SECRETARY',
    village: XC,
    channel: 'TOWNSHIP',
    daysAgo: 40,
    until: 'NOTICE',
    facts: facts('BACHELOR', 'FULL_MEMBER', 'RURAL_SAGE'),
    label: 'notice',
  },
  {
    code: 'c07',
    person: P(6, '许春燕', '1985-04-27', 'F'),
    programme: 'XIANREN',
    post: 'VILLAGE_COMMITTEE_MEMBER',
    village: NC,
    channel: 'TOWNSHIP',
    daysAgo: 25,
    until: 'ASSESSMENT',
    facts: facts('JUNIOR_COLLEGE', 'MASSES', 'COOPERATIVE_LEADER'),
    label: 'assessment',
    concern: true,
  },
  {
    code: 'c08',
    person: P(7, '邓海波', '1996-01-30', 'M'),
    programme: 'XIANREN',
    post: 'VILLAGE_COMMITTEE_MEMBER',
    village: BC,
    channel: 'TOWNSHIP',
    daysAgo: 260,
    until: 'FILED',
    facts: facts('SENIOR_HIGH', 'MASSES', 'RETURNING_MIGRANT'),
    label: 'exited',
    exitTo: 'RETURNING_MIGRANT',
  },
  {
    code: 'c09',
    person: P(8, '彭静怡', '2002-08-12', 'F'),
    programme: 'DINGZHI',
    post: 'VILLAGE_AFFAIRS_STAFF',
    village: DC,
    channel: 'VILLAGE',
    daysAgo: 200,
    until: 'TRIAL',
    facts: facts('JUNIOR_COLLEGE', 'MASSES', 'ORIENTATED_TRAINEE'),
    label: 'trial',
  },
  {
    code: 'c10',
    person: P(9, '苏明轩', '2001-12-05', 'M'),
    programme: 'DINGZHI',
    post: 'SECRETARY_ASSISTANT',
    village: NC,
    channel: 'TOWNSHIP',
    daysAgo: 30,
    until: 'DECISION',
    facts: facts('BACHELOR', 'PROBATIONARY_MEMBER', 'ORIENTATED_TRAINEE'),
    label: 'decision',
  },
  {
    // 定制村干 asks for 大专: the qualification review fails, with the reason.
    code: 'c11',
    person: P(10, '蔡雨', '2003-05-19', 'F'),
    programme: 'DINGZHI',
    post: 'DIRECTOR_ASSISTANT',
    village: XC,
    channel: 'TOWNSHIP',
    daysAgo: 50,
    until: 'QUALIFIED',
    facts: facts('SENIOR_HIGH', 'MASSES', 'ORIENTATED_TRAINEE'),
    label: 'disqualified',
  },
  {
    code: 'c12',
    person: P(11, '田野', '2000-09-28', 'M'),
    programme: 'DINGZHI',
    post: 'VILLAGE_AFFAIRS_STAFF',
    village: BC,
    channel: 'TOWNSHIP',
    daysAgo: 60,
    until: 'QUALIFIED',
    facts: facts('JUNIOR_COLLEGE', 'MASSES', 'ORIENTATED_TRAINEE'),
    label: 'withdrawn',
    withdrawAfter: 13,
  },
];

type Dated = readonly [Milestone, LocalDate, DemoStep];

/** P2–P5: qualification, the county's joint review by department, assessment and the township's decision. */
function selection(spec: CadreSpec, programme: CadreProgramme, nominated: LocalDate): Dated[] {
  const township = recorder(VILLAGES[spec.village].township);
  const county = recorder(COUNTY_DEPARTMENT);
  const at = (m: Milestone, days: number, as: string, path: string, body: object = {}): Dated => {
    const date = addDays(nominated, days);
    return [m, date, { as, path, body: { date, ...body } }];
  };
  const departments = programme.jointReviewDepartments;
  // A case left in the joint review has heard from half of the departments.
  const answeredNow = spec.until === 'JOINT_REVIEW' ? Math.ceil(departments.length / 2) : departments.length;
  const secretary = spec.post === 'PARTY_SECRETARY';
  return [
    at('QUALIFIED', 2, township, 'qualification-review', {
      ...spec.facts,
      householdVillage: spec.village,
      negativeRecords: [],
      relatives: [],
      committeeMemberIds: [],
    }),
    at('JOINT_REVIEW', 3, township, 'joint-review'),
    ...departments.map((department, index) => {
      const concern = spec.concern && index === departments.length - 1;
      return at(index < answeredNow ? 'JOINT_REVIEW' : 'ASSESSMENT', 7, county, 'joint-review-opinions', {
        department,
        result: concern ? 'CONCERN' : 'PASS',
        note: concern ? '曾反映土地流转纠纷，已调解' : '',
      });
    }),
    ...(spec.concern
      ? [
          at('ASSESSMENT', 9, township, 'concerns-resolution', {
            finding: '纠纷已依法调解，不影响任职',
            affectsEligibility: false,
          }),
        ]
      : []),
    at('DECISION', 17, township, 'assessment', {
      evaluation: { participants: 42, favourable: 37 },
      interviewScore: 84,
    }),
    at('NOTICE', 22, township, 'decision', {
      approved: true,
      committeeVote: { members: 9, present: 8, yes: 8 },
      minutesRef: `党委会纪要〔${nominated.slice(0, 4)}〕${spec.code.slice(1)}号`,
      ...(secretary ? { countyConsultationRef: `县委组织部复函〔${nominated.slice(0, 4)}〕7号` } : {}),
    }),
  ];
}

/** P6–P9: the pre-appointment notice, appointment or election, the trial's review and the county filing. */
function placement(spec: CadreSpec, programme: CadreProgramme, nominated: LocalDate): Dated[] {
  const township = recorder(VILLAGES[spec.village].township);
  const county = recorder(COUNTY_DEPARTMENT);
  const step = (m: Milestone, date: LocalDate, as: string, path: string, body: object): Dated => [
    m,
    date,
    { as, path, body: { date, ...body } },
  ];
  const noticeStart = addDays(nominated, 24);
  const noticeEnd = CHINA_WORKING_DAYS.lastDayOfPeriod(noticeStart, programme.noticeWorkingDays).value;
  const closed = addDays(noticeEnd, 1);
  const placed = addDays(closed, 4);
  const elected = CADRE_POSTS[spec.post].filledBy === 'ELECTION';
  const reviewed = addDays(addMonths(placed, programme.trialMonths), 3);
  return [
    step('NOTICE', noticeStart, township, 'notice', { end: noticeEnd, scope: '本村、本镇' }),
    step('PLACEMENT', closed, township, 'notice-close', { findings: [] }),
    elected
      ? step('TRIAL', placed, township, 'election-result', {
          mode: 'BY_ELECTION',
          termEnd: addYears(placed, 5),
          votes: { eligible: 326, cast: 301, forCandidate: 268 },
          meetingRef: CADRE_POSTS[spec.post].committee === 'PARTY' ? '党员大会补选' : '村民会议补选',
        })
      : step('TRIAL', placed, township, 'appointment', {
          termEnd: addYears(placed, 3),
          documentRef: `聘任书〔${placed.slice(0, 4)}〕${spec.code.slice(1)}号`,
        }),
    spec.exitTo
      ? step('REVIEWED', reviewed, township, 'trial-review', {
          outcome: 'FAIL',
          exitTo: 'RESERVE_POOL',
          reserveCategory: spec.exitTo,
          opinion: '试用期考核不称职，转入后备力量继续培养',
        })
      : step('REVIEWED', reviewed, township, 'trial-review', { outcome: 'PASS', opinion: '试用期考核称职' }),
    step('FILED', addDays(reviewed, 5), county, 'county-filing', {
      ref: `备案〔${reviewed.slice(0, 4)}〕${spec.code.slice(1)}号`,
    }),
  ];
}

function cadreJob(spec: CadreSpec, anchor: LocalDate): CaseJob {
  const programme = cadreProgramme(spec.programme);
  if (!programme) throw new Error(`demo data ${spec.code}: no programme ${spec.programme}`);
  const nominated = daysBefore(anchor, spec.daysAgo);
  const last = MILESTONES.indexOf(spec.until);
  const dated = [...selection(spec, programme, nominated), ...placement(spec, programme, nominated)].filter(
    ([milestone]) => MILESTONES.indexOf(milestone) <= last,
  );
  if (spec.withdrawAfter !== undefined) {
    const date = addDays(dated.at(-1)?.[1] ?? nominated, spec.withdrawAfter);
    const township = recorder(VILLAGES[spec.village].township);
    dated.push([spec.until, date, { as: township, path: 'withdrawal', body: { date, reason: '本人放弃' } }]);
  }
  checkDates(spec.code, [nominated, ...dated.map(([, date]) => date)], anchor);
  const nominator = spec.channel === 'TOWNSHIP' ? VILLAGES[spec.village].township : spec.village;
  return {
    kind: 'cadre',
    code: spec.code,
    name: spec.person.name,
    label: spec.label,
    group: programme.name,
    open: {
      as: recorder(nominator),
      body: {
        programme: spec.programme,
        post: spec.post,
        village: spec.village,
        channel: spec.channel,
        nominatedOn: nominated,
        person: spec.person,
      },
    },
    steps: dated.map(([, , step]) => step),
  };
}

/** The cadre cases of the demo county, dated back from `anchor`. */
export function cadreJobs(anchor: LocalDate): CaseJob[] {
  return SPECS.map((spec) => cadreJob(spec, anchor));
}
