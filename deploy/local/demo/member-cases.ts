import { ARCHIVE_SET, type LocalDate, addDays, addYears, maxDate, memberRuleSet, minDate } from '@app/domain';

import { type CaseJob, type DemoPerson, demoPerson } from './cases';
import { COUNTY_DEPARTMENT, checkDates, daysBefore, recorder, seededPersonId } from './county';

/** The branches of the demo county, each with its approving township and the body that reviews (§22). */
const BRANCHES = {
  'DX-DZ-DC-B1': { township: 'DX-DZ', reviewer: 'DX-DZ-DC' },
  'DX-DZ-DC-B2': { township: 'DX-DZ', reviewer: 'DX-DZ-DC' },
  'DX-DZ-XC-B1': { township: 'DX-DZ', reviewer: 'DX-DZ-XC' },
  'DX-DZ-NC': { township: 'DX-DZ', reviewer: null },
  'DX-XZ-BC': { township: 'DX-XZ', reviewer: null },
} as const;
export type DemoBranch = keyof typeof BRANCHES;
type Branch = DemoBranch;

/** How far a case has come, in the order of the 25 steps. */
const MILESTONES = [
  'APPLIED', // step 1
  'TALKED', // 2
  'ACTIVIST', // 3–5: determined, filed, contacts
  'CULTIVATED', // 6: the half-year vetting
  'LISTED', // 7–8: proposed, filed (2014) — a development target
  'PREPARED', // 9–11: sponsors, political review, training
  'PRE_REVIEWED', // 12–14
  'BRANCH_ACCEPTED', // 15–16: meeting, receipt, review, interview
  'APPROVED', // 17–18: a probationary member
  'SWORN', // 19–21
  'CONVERSION_DISCUSSED', // 22–23: application, meeting, receipt, review
  'CONVERTED', // 24: a full member (or, with `extend`, probation extended)
  'ARCHIVED', // 25
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface MemberSpec {
  readonly person: DemoPerson;
  /** The branch's code (in the demo county, one of BRANCHES). */
  readonly branch: string;
  readonly ruleSet: '2014' | '2026.05';
  /** Applied this many days before the demo's business day (kept inside the rule set's years). */
  readonly daysAgo: number;
  readonly until: Milestone;
  /** Withdrawn this many days after the last step. */
  readonly withdrawAfter?: number;
  /** The conversion meeting extends probation by six months instead of converting. */
  readonly extend?: boolean;
  readonly profile: {
    readonly education: string;
    readonly occupation: string;
    readonly frontLine: boolean;
    readonly newSector: boolean;
  };
}

const P = (index: number, name: string, birth: string, gender: 'M' | 'F') =>
  demoPerson(600, index, name, birth, gender);
export const FARMER = {
  education: 'SENIOR_HIGH',
  occupation: 'FARMER_HERDER_FISHER',
  frontLine: true,
  newSector: false,
};
const WORKER = { education: 'SECONDARY_VOCATIONAL', occupation: 'WORKER', frontLine: true, newSector: false };
const GRADUATE = {
  education: 'BACHELOR',
  occupation: 'PROFESSIONAL_TECHNICAL',
  frontLine: true,
  newSector: true,
};
const STUDENT = { education: 'JUNIOR_COLLEGE', occupation: 'STUDENT', frontLine: false, newSector: false };
const MANAGER = { education: 'JUNIOR_COLLEGE', occupation: 'MANAGEMENT', frontLine: false, newSector: true };

/** Also recommended to the reserve pool (西村): tracked into the member pipeline from there. */
export const RESERVIST_APPLICANT = P(26, '陶俊', '1998-09-14', 'M');

export type Spec = MemberSpec & { readonly code: string };
const spec = (
  code: string,
  person: DemoPerson,
  branch: Branch,
  ruleSet: MemberSpec['ruleSet'],
  daysAgo: number,
  until: Milestone,
  profile: MemberSpec['profile'],
  extra: Pick<MemberSpec, 'withdrawAfter' | 'extend'> = {},
): Spec => ({ code, person, branch, ruleSet, daysAgo, until, profile, ...extra });
const [B1, B2, XB, NC, BC] = Object.keys(BRANCHES) as [Branch, Branch, Branch, Branch, Branch];

/** 19 cases under the 2014 rules (applied before 11 May 2026) and 13 under the 2026 rules. */
export const DEMO_MEMBER_SPECS: readonly Spec[] = [
  spec('m01', P(0, '周建华', '1990-04-12', 'M'), B1, '2014', 1000, 'ARCHIVED', FARMER),
  spec('m03', P(2, '郑晓东', '1992-11-21', 'M'), XB, '2014', 1100, 'ARCHIVED', MANAGER),
  spec('m05', P(4, '冯志刚', '1989-07-30', 'M'), BC, '2014', 920, 'ARCHIVED', FARMER),
  spec('m06', P(5, '陈雪', '1997-05-06', 'F'), B1, '2014', 905, 'CONVERTED', GRADUATE),
  spec('m07', P(6, '褚文博', '1996-08-19', 'M'), B1, '2014', 880, 'CONVERSION_DISCUSSED', WORKER),
  spec('m08', P(7, '卫红霞', '1993-12-01', 'F'), B2, '2014', 960, 'CONVERTED', FARMER, { extend: true }),
  spec('m09', P(8, '蒋立伟', '1998-03-25', 'M'), XB, '2014', 700, 'SWORN', MANAGER),
  // Probation ends within the year: a conversion the forecast can still count.
  spec('m10', P(9, '沈佳怡', '1999-10-10', 'F'), BC, '2014', 840, 'SWORN', GRADUATE),
  spec('m11', P(10, '韩磊', '1995-06-18', 'M'), NC, '2014', 540, 'APPROVED', FARMER),
  spec('m12', P(11, '杨静', '2000-01-22', 'F'), B1, '2014', 520, 'BRANCH_ACCEPTED', GRADUATE),
  spec('m13', P(12, '朱浩然', '1997-09-09', 'M'), B2, '2014', 490, 'PRE_REVIEWED', WORKER),
  spec('m14', P(13, '秦雨萱', '2001-04-04', 'F'), NC, '2014', 470, 'PREPARED', STUDENT),
  spec('m15', P(14, '尤俊杰', '1996-12-12', 'M'), BC, '2014', 430, 'LISTED', FARMER),
  spec('m16', P(15, '许婷', '1999-07-07', 'F'), XB, '2014', 445, 'LISTED', MANAGER),
  // A year of cultivation is over (T3): the proposal is available now.
  spec('m17', P(16, '何宇航', '2000-08-16', 'M'), B1, '2014', 460, 'CULTIVATED', GRADUATE),
  spec('m18', P(17, '吕佳琪', '2002-02-28', 'F'), NC, '2014', 300, 'CULTIVATED', STUDENT),
  spec('m19', P(18, '施博文', '2001-11-11', 'M'), B2, '2014', 215, 'ACTIVIST', WORKER),
  spec('m20', P(19, '张梦瑶', '2003-03-03', 'F'), XB, '2014', 240, 'TALKED', STUDENT),
  spec('m21', P(20, '孔德明', '1991-05-15', 'M'), B2, '2014', 400, 'ACTIVIST', FARMER, { withdrawAfter: 50 }),
  spec('m22', P(21, '曹子涵', '2004-06-06', 'F'), B1, '2026.05', 3, 'APPLIED', STUDENT),
  spec('m23', P(22, '严浩', '2005-01-19', 'M'), NC, '2026.05', 10, 'APPLIED', STUDENT),
  spec('m24', P(23, '华晓燕', '2002-10-30', 'F'), BC, '2026.05', 45, 'TALKED', GRADUATE),
  // The talk is overdue (T1: within a month): the backlog shows it.
  spec('m25', P(24, '金鹏', '2003-07-21', 'M'), XB, '2026.05', 40, 'APPLIED', WORKER),
  spec('m26', P(25, '魏思琪', '2004-12-25', 'F'), B2, '2026.05', 20, 'TALKED', STUDENT),
  spec('m27', RESERVIST_APPLICANT, XB, '2026.05', 70, 'TALKED', MANAGER),
  spec('m28', P(27, '姜丽', '2000-03-08', 'F'), B1, '2026.05', 195, 'ACTIVIST', FARMER),
  spec('m29', P(28, '戚浩宇', '2001-05-27', 'M'), NC, '2026.05', 180, 'ACTIVIST', WORKER),
  spec('m30', P(29, '谢雨桐', '2003-08-08', 'F'), XB, '2026.05', 150, 'ACTIVIST', STUDENT),
  spec('m31', P(30, '邹志远', '1999-02-02', 'M'), BC, '2026.05', 120, 'ACTIVIST', FARMER),
  spec('m32', P(31, '喻晨曦', '2002-06-16', 'F'), B2, '2026.05', 90, 'ACTIVIST', GRADUATE),
  spec('m33', P(32, '柏松', '1997-10-01', 'M'), NC, '2026.05', 100, 'TALKED', WORKER, { withdrawAfter: 20 }),
  spec('m34', P(33, '水月', '2005-04-18', 'F'), BC, '2026.05', 60, 'APPLIED', STUDENT, { withdrawAfter: 10 }),
];

const VOTE = {
  votingMembers: 20,
  excluded: [],
  presentVoting: 16,
  writtenOpinions: [{ memberId: 'm-20', vote: 'YES' }],
  yes: 14,
  no: 1,
  abstain: 1,
  ballot: 'SECRET',
  candidates: 1,
};
const COMMITTEE_VOTE = { members: 7, present: 6, yes: 6 };
// The §36 set, and what the county's overlay (dx-member-development-2026) asks for besides.
const ARCHIVE = [...ARCHIVE_SET, '发展党员工作全程纪实表'];

/** The application date: the days before the business day, kept inside the years of the rule set. */
function applicationDate(spec: MemberSpec, anchor: LocalDate): LocalDate {
  const from = memberRuleSet('2026.05').effectiveFrom;
  const date = daysBefore(anchor, spec.daysAgo);
  return spec.ruleSet === '2014' ? minDate(date, addDays(from, -1)) : maxDate(date, addDays(from, 1));
}

/**
 * Where a case's steps are taken besides its branch: the approving township, the body that reviews (§22; none
 * when the branch sits right under the township) and the two full members who cultivate and sponsor.
 */
export interface Placement {
  readonly township: string;
  readonly reviewer: string | null;
  readonly contacts: readonly [string, string];
}

/** One step of a case: the acting body, the action's path and its body (acting body included). */
export interface HistoryStep {
  readonly unit: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

type Dated = readonly [Milestone, LocalDate, HistoryStep];

const dated = (m: Milestone, date: LocalDate, unit: string, path: string, body: object = {}): Dated => [
  m,
  date,
  { unit, path, body: { date, ...body, actingBody: unit } },
];

/** Steps 2–16: from the talk to the higher committee's interview, dated from the application. */
function untilAcceptance(spec: MemberSpec, code: string, applied: LocalDate, placement: Placement): Dated[] {
  const { branch } = spec;
  const { township, reviewer, contacts } = placement;
  const activist = addDays(applied, 40);
  const proposed = addDays(activist, 370); // T3: more than a year of cultivation
  const meeting = addDays(proposed, 82);
  const at = dated;
  return [
    at('TALKED', addDays(applied, 19), branch, 'talk', { talker: '组织委员', summary: '了解入党动机和经历' }),
    at('ACTIVIST', activist, branch, 'activist', { recommendation: 'PARTY_MEMBERS' }),
    at('ACTIVIST', addDays(activist, 10), township, 'activist-filing'),
    at('ACTIVIST', addDays(activist, 10), branch, 'cultivation-contacts', { contactIds: [...contacts] }),
    at('CULTIVATED', addDays(activist, 183), branch, 'activist-vettings', { summary: '半年考察：表现良好' }),
    at('LISTED', proposed, branch, 'development-target-proposal', {
      opinionsHeard: ['党小组', '培养联系人', '党员和群众'],
    }),
    at('LISTED', addDays(proposed, 5), township, 'development-target-decision', { consent: true }),
    at('PREPARED', addDays(proposed, 10), branch, 'sponsors', { sponsorIds: [...contacts] }),
    at('PREPARED', addDays(proposed, 30), branch, 'political-review', {
      passed: true,
      conclusionRef: `政审结论〔${proposed.slice(0, 4)}〕${code.slice(1)}号`,
    }),
    at('PREPARED', addDays(proposed, 40), township, 'training', { days: 3, classHours: 24 }),
    at('PRE_REVIEWED', addDays(proposed, 52), branch, 'committee-review', {
      passed: true,
      opinion: '符合条件',
    }),
    at('PRE_REVIEWED', addDays(proposed, 61), township, 'pre-review', { passed: true }),
    at('PRE_REVIEWED', addDays(proposed, 66), branch, 'application-form', {
      formNumber: `苏0602${code.slice(1)}`,
    }),
    at('BRANCH_ACCEPTED', meeting, branch, 'acceptance-meeting', { vote: VOTE }),
    at('BRANCH_ACCEPTED', addDays(meeting, 2), township, 'acceptance-resolution-receipt'),
    ...(reviewer
      ? [at('BRANCH_ACCEPTED', addDays(meeting, 4), reviewer, 'reviews', { opinion: '同意' })]
      : []),
    at('BRANCH_ACCEPTED', addDays(meeting, 9), township, 'committee-interview', {
      interviewer: '党委组织员',
    }),
  ];
}

/** Steps 17–25: approval, probation (a year from the branch meeting, T10), conversion and the archive. */
function fromApproval(spec: MemberSpec, meeting: LocalDate, placement: Placement): Dated[] {
  const { branch } = spec;
  const { township, reviewer } = placement;
  const received = addDays(meeting, 2);
  const conversion = addYears(meeting, 1);
  const convertReceived = addDays(conversion, 2);
  const at = dated;
  const decision = { approved: true, committeeVote: COMMITTEE_VOTE };
  return [
    at('APPROVED', addDays(meeting, 31), township, 'acceptance-approval', {
      resolutionReceived: received,
      ...decision,
    }),
    at('APPROVED', addDays(meeting, 35), COUNTY_DEPARTMENT, 'acceptance-filing'),
    at('SWORN', addDays(meeting, 36), branch, 'party-group', { partyGroup: '第一党小组' }),
    at('SWORN', addDays(meeting, 40), branch, 'oath'),
    at('SWORN', addDays(meeting, 120), branch, 'probation-vettings', { summary: '季度考察：表现良好' }),
    at('CONVERSION_DISCUSSED', conversion, branch, 'conversion-application'),
    at('CONVERSION_DISCUSSED', conversion, branch, 'conversion-meeting', {
      vote: VOTE,
      ...(spec.extend ? { proposal: 'EXTEND', extensionMonths: 6 } : { proposal: 'CONVERT' }),
    }),
    at('CONVERSION_DISCUSSED', convertReceived, township, 'conversion-resolution-receipt'),
    ...(reviewer
      ? [at('CONVERSION_DISCUSSED', addDays(conversion, 4), reviewer, 'reviews', { opinion: '同意' })]
      : []),
    at('CONVERTED', addDays(conversion, 31), township, 'conversion-approval', {
      resolutionReceived: convertReceived,
      ...decision,
    }),
    at('ARCHIVED', addDays(conversion, 40), branch, 'archive', { documents: ARCHIVE }),
  ];
}

/**
 * A member case's history: the application date and the steps up to `spec.until`, dated back from `anchor`,
 * each valid on its day (what the demo records live, and what an import of a paper case sends).
 */
export function memberHistory(
  spec: Spec,
  anchor: LocalDate,
  placement: Placement,
): { applied: LocalDate; steps: HistoryStep[] } {
  const applied = applicationDate(spec, anchor);
  const meeting = addDays(applied, 40 + 370 + 82);
  const last = MILESTONES.indexOf(spec.until);
  const steps = [
    ...untilAcceptance(spec, spec.code, applied, placement),
    ...fromApproval(spec, meeting, placement),
  ].filter(([milestone]) => MILESTONES.indexOf(milestone) <= last);
  if (spec.withdrawAfter !== undefined) {
    const date = addDays(steps.at(-1)?.[1] ?? applied, spec.withdrawAfter);
    steps.push(dated(spec.until, date, spec.branch, 'withdrawal', { reason: '本人书面申请撤回' }));
  }
  checkDates(spec.code, [applied, ...steps.map(([, date]) => date)], anchor);
  return { applied, steps: steps.map(([, , step]) => step) };
}

/** The placement of a demo county case: its branch's township and reviewer, 王建国 and 李秀英 as contacts. */
export function demoPlacement(branch: string): Placement {
  if (!(branch in BRANCHES)) throw new Error(`demo data: ${branch} is not a demo branch`);
  return {
    ...BRANCHES[branch as Branch],
    contacts: [seededPersonId('王建国'), seededPersonId('李秀英')],
  };
}

function memberJob(spec: Spec, anchor: LocalDate): CaseJob {
  const { applied, steps } = memberHistory(spec, anchor, demoPlacement(spec.branch));
  return {
    kind: 'member',
    code: spec.code,
    name: spec.person.name,
    label: memberLabel(spec),
    group: spec.ruleSet,
    open: {
      as: recorder(spec.branch),
      body: { ...spec.person, branch: spec.branch, applicationDate: applied, profile: spec.profile },
    },
    steps: steps.map((step) => ({ as: recorder(step.unit), path: step.path, body: step.body })),
  };
}

/** The stage the case shows once its steps are recorded. */
function memberLabel(spec: MemberSpec): string {
  if (spec.withdrawAfter !== undefined) return 'withdrawn';
  const at = MILESTONES.indexOf(spec.until);
  if (spec.extend || (at >= MILESTONES.indexOf('APPROVED') && at < MILESTONES.indexOf('CONVERTED'))) {
    return 'probationary';
  }
  if (at >= MILESTONES.indexOf('CONVERTED')) return 'full member';
  if (at >= MILESTONES.indexOf('LISTED')) return 'development target';
  return at >= MILESTONES.indexOf('ACTIVIST') ? 'activist' : 'applicant';
}

export const MEMBER_LABELS = [
  'applicant',
  'activist',
  'development target',
  'probationary',
  'full member',
  'withdrawn',
] as const;

/** The member cases of the demo county, dated back from `anchor` (the demo's business day). */
export function memberJobs(anchor: LocalDate): CaseJob[] {
  return DEMO_MEMBER_SPECS.map((spec) => memberJob(spec, anchor));
}
