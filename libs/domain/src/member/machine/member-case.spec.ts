import { CHINA_WORKING_DAYS, WorkingDayCalendar } from '../../kernel/calendar/working-days';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type LocalDate, parseLocalDate } from '../../kernel/time/local-date';
import { type ApprovalRoute } from '../approval-routing';
import { type MeetingVote } from '../meeting-vote';
import { type RuleSetId, applyOverlays, memberRuleSet } from '../rule-sets';
import { type MemberStanding } from '../sponsors';
import { type MemberAction } from './actions';
import { caseDeadlines } from './deadlines';
import { memberCaseMachine } from './machine';
import { type CaseContext, type MemberCaseEvent, type MemberCaseState } from './state';
import { actionWarnings } from './validate';

const d = (text: string): LocalDate => parseLocalDate(text)!;
const unit = (id: string, kind: OrgUnit['kind'], canApproveMembership = false): OrgUnit => ({
  id,
  code: id,
  name: id,
  kind,
  parentId: null,
  path: [],
  canApproveMembership,
});
const township = unit('东镇党委', 'TOWNSHIP_COMMITTEE', true);
const village = unit('东村党委', 'VILLAGE_COMMITTEE');
const branch = unit('东村第一党支部', 'BRANCH');
const otherBranch = unit('西村第一党支部', 'BRANCH');
const route: ApprovalRoute = { approver: township, reviewers: [village] };
const full = (personId: string): MemberStanding => ({ personId, name: personId, status: 'FULL_MEMBER' });
const passingVote: MeetingVote = {
  votingMembers: 20,
  excluded: [],
  presentVoting: 16,
  writtenOpinions: [{ memberId: 'w1', vote: 'YES' }],
  yes: 14,
  no: 1,
  abstain: 1,
  ballot: 'SECRET',
  candidates: 1,
};
const committeeVote = { members: 7, present: 6, yes: 6 };

function context(ruleSet: RuleSetId = '2026.05', today = '2030-01-01'): CaseContext {
  return { rules: applyOverlays(memberRuleSet(ruleSet), []), calendar: CHINA_WORKING_DAYS, today: d(today) };
}

/** Applies actions that must all be valid; returns the final state and every event. */
function run(
  state: MemberCaseState,
  actions: readonly MemberAction[],
  ctx: CaseContext,
): { state: MemberCaseState; events: MemberCaseEvent[] } {
  const events: MemberCaseEvent[] = [];
  for (const action of actions) {
    const violations = memberCaseMachine.validate(state, action, ctx);
    if (violations.length > 0)
      throw new Error(`${action.type} on ${action.date}: ${JSON.stringify(violations)}`);
    const result = memberCaseMachine.apply(state, action, ctx);
    state = result.state;
    events.push(...result.events);
  }
  return { state, events };
}

const codes = (state: MemberCaseState, action: MemberAction, ctx: CaseContext) =>
  memberCaseMachine.validate(state, action, ctx).map((v) => v.code);
const start = () =>
  memberCaseMachine.open({ caseId: 'c1', personId: 'p1', branch, applicationDate: d('2026-06-01') }).state;
/** The types of the actions the case's order allows now. */
const allowed = (state: MemberCaseState, ctx = context()) =>
  memberCaseMachine.availableActions(state, ctx, ctx.today).map(({ action }) => action);
const b = { actingBody: branch };

const toActivist: MemberAction[] = [
  { type: 'RECORD_TALK', date: d('2026-06-20'), ...b, talker: '组织委员', summary: '谈话' },
  { type: 'DETERMINE_ACTIVIST', date: d('2026-07-01'), ...b, recommendation: 'PARTY_MEMBERS' },
  { type: 'FILE_ACTIVIST', date: d('2026-07-10'), actingBody: township },
  { type: 'ASSIGN_CONTACTS', date: d('2026-07-10'), ...b, contacts: [full('k1'), full('k2')] },
  { type: 'RECORD_ACTIVIST_VETTING', date: d('2027-01-05'), ...b, summary: '半年考察' },
];
const toListed2026: MemberAction[] = [
  {
    type: 'PROPOSE_DEVELOPMENT_TARGET',
    date: d('2027-07-01'),
    ...b,
    opinionsHeard: ['党小组', '培养联系人', '群众'],
  },
  { type: 'HIGHER_COMMITTEE_DECISION', date: d('2027-07-05'), actingBody: township, route, consent: true },
  { type: 'START_NOTICE', date: d('2027-07-06'), ...b, end: d('2027-07-12'), scope: '工作单位' },
  { type: 'CLOSE_NOTICE', date: d('2027-07-13'), ...b, affectsEligibility: false, finding: '无异议' },
];
const toAccepted: MemberAction[] = [
  { type: 'DESIGNATE_SPONSORS', date: d('2027-07-14'), ...b, sponsors: [full('k1'), full('k2')] },
  {
    type: 'RECORD_POLITICAL_REVIEW',
    date: d('2027-08-01'),
    ...b,
    passed: true,
    conclusionRef: '政审结论〔2027〕1号',
  },
  {
    type: 'RECORD_TRAINING',
    date: d('2027-08-10'),
    actingBody: township,
    training: { days: 3, classHours: 24 },
  },
  { type: 'COMMITTEE_REVIEW', date: d('2027-08-15'), ...b, passed: true, opinion: '合格' },
  {
    type: 'PRE_REVIEW',
    date: d('2027-08-20'),
    actingBody: township,
    route,
    passed: true,
    expectedDeparture: null,
  },
  { type: 'FILL_APPLICATION_FORM', date: d('2027-08-25'), ...b, formNumber: '苏0001234' },
  { type: 'BRANCH_MEETING_ACCEPTANCE', date: d('2027-09-10'), ...b, vote: passingVote },
  { type: 'REVIEW_BY_BODY', date: d('2027-09-15'), actingBody: village, route, opinion: '同意' },
  { type: 'COMMITTEE_INTERVIEW', date: d('2027-09-20'), actingBody: township, interviewer: '组织员' },
];
const approve: MemberAction = {
  type: 'APPROVE_ACCEPTANCE',
  date: d('2027-10-08'),
  actingBody: township,
  route,
  resolutionReceived: d('2027-09-12'),
  approved: true,
  committeeVote,
};
const toConverted: MemberAction[] = [
  approve,
  { type: 'FILE_WITH_ORG_DEPARTMENT', date: d('2027-10-09'), actingBody: township },
  { type: 'ASSIGN_TO_GROUP', date: d('2027-10-10'), ...b, partyGroup: '第一党小组' },
  { type: 'RECORD_OATH', date: d('2027-10-20'), ...b },
  { type: 'RECORD_PROBATION_VETTING', date: d('2028-01-10'), ...b, summary: '季度考察' },
  { type: 'APPLY_FOR_CONVERSION', date: d('2028-09-10'), ...b },
  { type: 'CONVERSION_MEETING', date: d('2028-09-10'), ...b, vote: passingVote, proposal: 'CONVERT' },
  { type: 'REVIEW_BY_BODY', date: d('2028-09-15'), actingBody: village, route, opinion: '同意转正' },
  {
    type: 'APPROVE_CONVERSION',
    date: d('2028-10-10'),
    actingBody: township,
    route,
    resolutionReceived: d('2028-09-12'),
    approved: true,
    committeeVote,
  },
  {
    type: 'ARCHIVE',
    date: d('2028-10-20'),
    ...b,
    documents: [
      '入党志愿书',
      '入党申请书',
      '培养考察登记表',
      '政审材料',
      '预备党员教育考察登记表',
      '转正申请书',
    ],
  },
];

describe('member case (2026.05)', () => {
  it('goes from application to archived full member, with stage events and party age from the probation end', () => {
    const { state, events } = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted],
      context(),
    );
    expect(state).toMatchObject({
      status: 'CLOSED',
      outcome: 'FULL_MEMBER',
      stage: 'FULL_MEMBER',
      lastStep: 25,
    });
    expect(state.probation).toMatchObject({
      start: '2027-09-10',
      end: '2028-09-10',
      partyAgeFrom: '2028-09-10',
    });
    expect(events.map((e) => e.type)).toEqual([
      'activist-determined',
      'development-target-listed',
      'accepted-by-branch',
      'probationary-admitted',
      'converted',
      'archived',
    ]);
  });

  it('refuses steps out of order and actions after the case closed', () => {
    const s = start();
    expect(codes(s, toActivist[1]!, context())).toEqual(['STEP_OUT_OF_ORDER']);
    expect(memberCaseMachine.validate(s, toActivist[1]!, context())[0]?.article).toBe('§7');
    const closed = run(
      s,
      [{ type: 'WITHDRAW', date: d('2026-06-10'), ...b, reason: '本人撤回申请' }],
      context(),
    ).state;
    expect(codes(closed, toActivist[0]!, context())).toEqual(['CASE_CLOSED']);
  });

  it('refuses future dates and dates before the previous step', () => {
    expect(
      codes(
        start(),
        { ...(toActivist[0] as MemberAction), date: d('2026-06-10') },
        context('2026.05', '2026-06-09'),
      ),
    ).toEqual(['DATE_IN_FUTURE']);
    expect(codes(start(), { ...(toActivist[0] as MemberAction), date: d('2026-05-31') }, context())).toEqual([
      'DATE_BEFORE_PREVIOUS_STEP',
    ]);
  });

  it('blocks the development-target proposal one day short of a year of cultivation (T3)', () => {
    const activist = run(start(), toActivist, context()).state;
    const propose = (date: string): MemberAction => ({
      type: 'PROPOSE_DEVELOPMENT_TARGET',
      date: d(date),
      ...b,
      opinionsHeard: [],
    });
    expect(codes(activist, propose('2027-06-30'), context())).toEqual(['T3_CULTIVATION_TOO_SHORT']);
    expect(codes(activist, propose('2027-07-01'), context())).toEqual([]);
  });

  it('needs the higher committee itself to consent, and keeps the person an activist when it refuses', () => {
    const proposed = run(start(), [...toActivist, toListed2026[0]!], context()).state;
    const byBranch: MemberAction = {
      ...(toListed2026[1] as Extract<MemberAction, { type: 'HIGHER_COMMITTEE_DECISION' }>),
      actingBody: branch,
    };
    expect(codes(proposed, byBranch, context())).toEqual(['APPROVER_WITHOUT_AUTHORITY']);
    const refused = memberCaseMachine.apply(
      proposed,
      {
        ...(toListed2026[1] as Extract<MemberAction, { type: 'HIGHER_COMMITTEE_DECISION' }>),
        consent: false,
        reason: '培养不足',
      },
      context(),
    );
    expect(refused.state.stage).toBe('ACTIVIST');
    expect(refused.state.target).toBeUndefined();
    expect(refused.events).toEqual([
      { type: 'development-target-not-listed', date: '2027-07-05', reason: '培养不足' },
    ]);
  });

  it('lists only after a notice of five working days, and not when an objection affects eligibility (T4)', () => {
    const consented = run(start(), [...toActivist, ...toListed2026.slice(0, 2)], context()).state;
    const shortNotice = run(
      consented,
      [{ type: 'START_NOTICE', date: d('2027-07-06'), ...b, end: d('2027-07-09'), scope: '工作单位' }],
      context(),
    ).state;
    expect(
      codes(
        shortNotice,
        { type: 'CLOSE_NOTICE', date: d('2027-07-10'), ...b, affectsEligibility: false, finding: '无异议' },
        context(),
      ),
    ).toEqual(['T4_NOTICE_TOO_SHORT']);
    const noticed = run(
      consented,
      [
        toListed2026[2]!,
        { type: 'RECORD_OBJECTION', date: d('2027-07-08'), ...b, objection: '反映其长期不参加组织生活' },
      ],
      context(),
    ).state;
    expect(
      codes(
        noticed,
        { type: 'CLOSE_NOTICE', date: d('2027-07-12'), ...b, affectsEligibility: false, finding: '' },
        context(),
      ),
    ).toEqual(['T4_NOTICE_NOT_FINISHED']);
    const result = memberCaseMachine.apply(
      noticed,
      { type: 'CLOSE_NOTICE', date: d('2027-07-13'), ...b, affectsEligibility: true, finding: '反映属实' },
      context(),
    );
    expect(result.state.stage).toBe('ACTIVIST');
    expect(result.events[0]).toMatchObject({ type: 'development-target-not-listed', reason: '反映属实' });
  });

  it('checks sponsors, political review, training and departure before acceptance', () => {
    const listedState = run(start(), [...toActivist, ...toListed2026], context()).state;
    expect(
      codes(
        listedState,
        {
          type: 'DESIGNATE_SPONSORS',
          date: d('2027-07-14'),
          ...b,
          sponsors: [full('k1'), { ...full('k3'), status: 'PROBATIONARY' }],
        },
        context(),
      ),
    ).toEqual(['SPONSOR_NOT_FULL_MEMBER']);
    expect(
      codes(
        listedState,
        { type: 'RECORD_POLITICAL_REVIEW', date: d('2027-07-14'), ...b, passed: true, conclusionRef: '' },
        context(),
      ),
    ).toEqual(['POLITICAL_REVIEW_CONCLUSION_MISSING']);
    const failedReview = run(
      listedState,
      [
        toAccepted[0]!,
        { ...(toAccepted[1] as Extract<MemberAction, { type: 'RECORD_POLITICAL_REVIEW' }>), passed: false },
        toAccepted[2]!,
      ],
      context(),
    ).state;
    expect(codes(failedReview, toAccepted[3]!, context())).toEqual(['POLITICAL_REVIEW_NOT_PASSED']);
    const reviewed = run(listedState, toAccepted.slice(0, 4), context()).state;
    const leaving: MemberAction = {
      type: 'PRE_REVIEW',
      date: d('2027-08-20'),
      actingBody: township,
      route,
      passed: true,
      expectedDeparture: d('2027-10-01'),
    };
    expect(codes(reviewed, leaving, context())).toEqual(['T6_LEAVING_WITHIN_3_MONTHS']);
    expect(codes(reviewed, { ...leaving, departureJustification: '借调期满仍回本单位' }, context())).toEqual(
      [],
    );
  });

  it('records a failed pre-review and a failed branch vote as rejections that keep the person a development target', () => {
    const reviewed = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted.slice(0, 4)],
      context(),
    ).state;
    const failed = memberCaseMachine.apply(
      reviewed,
      {
        type: 'PRE_REVIEW',
        date: d('2027-08-20'),
        actingBody: township,
        route,
        passed: false,
        expectedDeparture: null,
      },
      context(),
    );
    expect(failed.events).toEqual([{ type: 'acceptance-rejected', date: '2027-08-20', step: 13 }]);
    expect(codes(failed.state, toAccepted[4]!, context())).toEqual(['STEP_OUT_OF_ORDER']); // committee review again first

    const formFilled = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted.slice(0, 6)],
      context(),
    ).state;
    const noQuorum = { ...passingVote, presentVoting: 10, yes: 9, no: 1, abstain: 0, writtenOpinions: [] };
    expect(
      codes(
        formFilled,
        { type: 'BRANCH_MEETING_ACCEPTANCE', date: d('2027-09-10'), ...b, vote: noQuorum },
        context(),
      ),
    ).toEqual(['VOTE_QUORUM_NOT_MET']);
    const halfYes = { ...passingVote, presentVoting: 12, yes: 10, no: 2, abstain: 0, writtenOpinions: [] };
    const rejected = run(
      formFilled,
      [{ type: 'BRANCH_MEETING_ACCEPTANCE', date: d('2027-09-10'), ...b, vote: halfYes }],
      context(),
    );
    expect(rejected.events).toEqual([{ type: 'acceptance-rejected', date: '2027-09-10', step: 15 }]);
    expect(rejected.state.stage).toBe('DEVELOPMENT_TARGET');
    expect(rejected.state.acceptance).toBeUndefined();
  });

  it('approves only by the township committee, after the village committee has reviewed, within the time limits (T8)', () => {
    const accepted = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted.slice(0, 7), toAccepted[8]!],
      context(),
    ).state;
    expect(codes(accepted, approve, context())).toEqual(['REVIEW_MISSING']);
    const ready = run(start(), [...toActivist, ...toListed2026, ...toAccepted], context()).state;
    expect(codes(ready, { ...approve, actingBody: village }, context())).toEqual([
      'APPROVER_WITHOUT_AUTHORITY',
    ]);
    expect(
      codes(ready, { ...approve, committeeVote: { members: 7, present: 3, yes: 3 } }, context()),
    ).toEqual(['COMMITTEE_QUORUM_NOT_MET']);
    expect(codes(ready, { ...approve, date: d('2027-12-13') }, context())).toEqual([
      'T8_APPROVAL_OVERDUE_NEEDS_REASON',
    ]);
    expect(
      codes(ready, { ...approve, date: d('2027-12-13'), specialCaseReason: '党委换届' }, context()),
    ).toEqual([]);
    expect(
      codes(ready, { ...approve, date: d('2028-03-13'), specialCaseReason: '党委换届' }, context()),
    ).toEqual(['T8_APPROVAL_BEYOND_6_MONTHS']);
    const notApproved = memberCaseMachine.apply(ready, { ...approve, approved: false }, context());
    expect(notApproved.state).toMatchObject({ stage: 'DEVELOPMENT_TARGET' });
    expect(notApproved.state.acceptance).toBeUndefined();
    expect(notApproved.events).toEqual([{ type: 'acceptance-rejected', date: '2027-10-08', step: 17 }]);
  });

  it('records when the approving committee received the resolution, and holds the approval to that date (T8)', () => {
    const meeting = toAccepted.findIndex((action) => action.type === 'BRANCH_MEETING_ACCEPTANCE');
    const met = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted.slice(0, meeting + 1)],
      context(),
    ).state;
    const receipt: MemberAction = {
      type: 'RECEIVE_ACCEPTANCE_RESOLUTION',
      date: d('2027-09-12'),
      actingBody: township,
      route,
    };
    expect(codes(met, { ...receipt, actingBody: village }, context())).toEqual([
      'APPROVER_WITHOUT_AUTHORITY',
    ]);
    const received = run(met, [receipt, ...toAccepted.slice(meeting + 1)], context()).state;
    expect(received.acceptance?.resolutionReceived).toBe('2027-09-12');
    expect(codes(received, { ...receipt, date: d('2027-09-21') }, context())).toEqual(['STEP_OUT_OF_ORDER']);
    expect(codes(received, approve, context())).toEqual([]);
    expect(codes(received, { ...approve, resolutionReceived: d('2027-09-13') }, context())).toEqual([
      'RESOLUTION_RECEIVED_DATE_INVALID',
    ]);
    // T8 runs from the receipt: due three months after it, capped at six.
    expect(
      memberCaseMachine
        .deadlines(received, { ...context(), resolutionReceived: received.acceptance!.resolutionReceived })
        .filter((deadline) => deadline.kind.startsWith('T8')),
    ).toEqual([
      { kind: 'T8_ACCEPTANCE_APPROVAL', due: '2027-12-12', hard: false },
      { kind: 'T8_ACCEPTANCE_APPROVAL_CAP', due: '2028-03-12', hard: true },
    ]);
  });

  it('extends probation once by 6–12 months and then converts, party age from the extended end (T11, T14)', () => {
    const applied = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted.slice(0, 6)],
      context(),
    ).state;
    const meeting = (months: number): MemberAction => ({
      type: 'CONVERSION_MEETING',
      date: d('2028-09-10'),
      ...b,
      vote: passingVote,
      proposal: 'EXTEND',
      extensionMonths: months,
    });
    expect(codes(applied, meeting(5), context())).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    expect(codes(applied, meeting(13), context())).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    expect(codes(applied, meeting(12), context())).toEqual([]);
    const extended = run(applied, [meeting(6), toConverted[7]!, toConverted[8]!], context());
    expect(extended.events).toEqual([
      { type: 'probation-extended', date: '2028-10-10', months: 6, probationEnd: '2029-03-10' },
    ]);
    const again = run(
      extended.state,
      [{ type: 'APPLY_FOR_CONVERSION', date: d('2029-03-10'), ...b }],
      context(),
    ).state;
    expect(codes(again, { ...meeting(6), date: d('2029-03-10') }, context())).toEqual([
      'T11_ALREADY_EXTENDED',
    ]);
    // The written application comes when the extended probation ends (T10 at step 22)…
    expect(
      codes(extended.state, { type: 'APPLY_FOR_CONVERSION', date: d('2029-03-09'), ...b }, context()),
    ).toEqual(['T10_CONVERSION_APPLIED_BEFORE_PROBATION_END']);
    // …and for a case that applied early before that rule existed, the meeting still waits for the end.
    const legacy = { ...context(), versions: { conversionApplicationDate: false } };
    const early = run(
      extended.state,
      [{ type: 'APPLY_FOR_CONVERSION', date: d('2029-03-01'), ...b }],
      legacy,
    ).state;
    expect(
      codes(
        early,
        { type: 'CONVERSION_MEETING', date: d('2029-03-09'), ...b, vote: passingVote, proposal: 'CONVERT' },
        legacy,
      ),
    ).toEqual(['T10_PROBATION_NOT_ENDED']);
    const converted = run(
      again,
      [
        { type: 'CONVERSION_MEETING', date: d('2029-03-10'), ...b, vote: passingVote, proposal: 'CONVERT' },
        { type: 'REVIEW_BY_BODY', date: d('2029-03-15'), actingBody: village, route, opinion: '同意转正' },
        {
          type: 'APPROVE_CONVERSION',
          date: d('2029-04-01'),
          actingBody: township,
          route,
          resolutionReceived: d('2029-03-12'),
          approved: true,
          committeeVote,
        },
      ],
      context(),
    );
    expect(converted.state.probation?.partyAgeFrom).toBe('2029-03-10');
  });

  it('cancels probationary status on an adopted cancellation and its approval', () => {
    const applied = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted.slice(0, 6)],
      context(),
    ).state;
    const cancelled = run(
      applied,
      [
        { type: 'CONVERSION_MEETING', date: d('2028-09-10'), ...b, vote: passingVote, proposal: 'CANCEL' },
        { type: 'REVIEW_BY_BODY', date: d('2028-09-15'), actingBody: village, route, opinion: '同意取消' },
        {
          type: 'APPROVE_CONVERSION',
          date: d('2028-10-01'),
          actingBody: township,
          route,
          resolutionReceived: d('2028-09-12'),
          approved: true,
          committeeVote,
        },
      ],
      context(),
    );
    expect(cancelled.state).toMatchObject({ status: 'CLOSED', outcome: 'PROBATION_CANCELLED' });
    expect(cancelled.events).toEqual([{ type: 'probationary-status-cancelled', date: '2028-10-01' }]);
    const notAdopted = { ...passingVote, yes: 9, no: 6, writtenOpinions: [] };
    expect(
      codes(
        applied,
        { type: 'CONVERSION_MEETING', date: d('2028-09-10'), ...b, vote: notAdopted, proposal: 'CANCEL' },
        context(),
      ),
    ).toEqual(['VOTE_THRESHOLD_NOT_MET']);
  });

  it('keeps counting time across a transfer and lets the new branch postpone the conversion of a transferred-in member up to six months (T13)', () => {
    const activist = run(start(), toActivist.slice(0, 2), context()).state;
    const moved = run(
      activist,
      [{ type: 'TRANSFER', date: d('2026-08-01'), ...b, toBranch: otherBranch, materialsRef: '转接函' }],
      context(),
    );
    expect(moved.state.branch.id).toBe(otherBranch.id);
    expect(moved.state.activist?.date).toBe('2026-07-01'); // cultivation keeps counting from the original date
    expect(
      codes(
        activist,
        { type: 'TRANSFER', date: d('2026-08-01'), ...b, toBranch: branch, materialsRef: 'x' },
        context(),
      ),
    ).toEqual(['TRANSFER_TARGET_INVALID']);

    const probationary = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, approve],
      context(),
    ).state;
    const other = { actingBody: otherBranch };
    const transferred = run(
      probationary,
      [
        {
          type: 'TRANSFER',
          date: d('2028-01-05'),
          ...b,
          toBranch: otherBranch,
          materialsRef: '预备党员考察材料',
        },
        { type: 'APPLY_FOR_CONVERSION', date: d('2028-09-10'), ...other },
      ],
      context(),
    ).state;
    expect(transferred.transferredIn).toBe(true);
    const meeting = (date: string): MemberAction => ({
      type: 'CONVERSION_MEETING',
      date: d(date),
      ...other,
      vote: passingVote,
      proposal: 'CONVERT',
    });
    expect(codes(transferred, meeting('2029-03-10'), context())).toEqual([]);
    expect(codes(transferred, meeting('2029-03-11'), context())).toEqual(['T13_POSTPONEMENT_TOO_LONG']);
    expect(codes(transferred, { ...meeting('2028-09-10'), actingBody: branch }, context())).toEqual([
      'NOT_THE_CASE_BRANCH',
    ]);
    const refused = run(
      transferred,
      [
        {
          type: 'REFUSE_RECOGNITION',
          date: d('2028-09-12'),
          actingBody: unit('县委组织部', 'ORG_DEPARTMENT'),
          reason: '材料无法认定',
        },
      ],
      context(),
    );
    expect(refused.state).toMatchObject({ status: 'CLOSED', outcome: 'NOT_RECOGNISED' });
  });

  it('lists the deadlines the workflow must watch at each point', () => {
    const ctx = context();
    expect(memberCaseMachine.deadlines(start(), ctx)).toEqual([
      { kind: 'T1_TALK', due: '2026-07-01', hard: false },
    ]);
    const activist = run(start(), toActivist, ctx).state;
    expect(memberCaseMachine.deadlines(activist, ctx)).toEqual([
      { kind: 'T2_ACTIVIST_VETTING', due: '2027-07-05', hard: false },
    ]);
    const preReviewed = run(start(), [...toActivist, ...toListed2026, ...toAccepted.slice(0, 6)], ctx).state;
    expect(memberCaseMachine.deadlines(preReviewed, ctx)).toEqual([
      { kind: 'T7_BRANCH_MEETING', due: '2027-09-20', hard: false },
    ]);
    const accepted = run(start(), [...toActivist, ...toListed2026, ...toAccepted], ctx).state;
    expect(memberCaseMachine.deadlines(accepted, { ...ctx, resolutionReceived: d('2027-09-12') })).toEqual([
      { kind: 'T8_ACCEPTANCE_APPROVAL', due: '2027-12-12', hard: false },
      { kind: 'T8_ACCEPTANCE_APPROVAL_CAP', due: '2028-03-12', hard: true },
    ]);
    const admitted = run(accepted, [approve], ctx).state;
    expect(memberCaseMachine.deadlines(admitted, ctx)).toEqual([
      { kind: 'T9_OATH', due: '2027-11-08', hard: false },
      { kind: 'T10_PROBATION_END', due: '2028-09-10', hard: false },
    ]);
  });

  it('enforces what a local overlay adds: required documents and an SLA deadline and task', () => {
    const overlay = {
      id: 'county',
      name: '县实施办法',
      slas: { activistFiling: 1 },
      documents: { 25: ['发展党员工作全程纪实表'] },
    };
    const ctx: CaseContext = { ...context(), rules: applyOverlays(memberRuleSet('2026.05'), [overlay]) };
    const activist = run(start(), toActivist.slice(0, 2), ctx).state;
    expect(memberCaseMachine.deadlines(activist, ctx)).toEqual(
      expect.arrayContaining([{ kind: 'SLA_ACTIVIST_FILING', due: '2026-08-01', hard: false }]),
    );
    expect(
      memberCaseMachine.openTasks(activist, ctx).find((task) => task.action === 'FILE_ACTIVIST'),
    ).toMatchObject({
      dueOn: '2026-08-01',
      actor: 'APPROVING_COMMITTEE',
    });
    const converted = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted.slice(0, 9)],
      ctx,
    ).state;
    const archive = toConverted[9] as Extract<MemberAction, { type: 'ARCHIVE' }>;
    expect(memberCaseMachine.validate(converted, archive, ctx)).toMatchObject([
      { code: 'OVERLAY_DOCUMENT_MISSING', article: 'county' },
    ]);
    expect(
      memberCaseMachine.validate(
        converted,
        { ...archive, documents: [...archive.documents, '发展党员工作全程纪实表'] },
        ctx,
      ),
    ).toEqual([]);
  });

  it('enforces the public notices a local overlay adds before activists, acceptance and conversion', () => {
    const overlay = {
      id: 'school',
      name: '学校发展党员实施细则',
      extraNotices: {
        ACTIVIST: { workingDays: 7 },
        ACCEPTANCE: { workingDays: 5 },
        CONVERSION: { workingDays: 5 },
      },
    };
    const ctx: CaseContext = { ...context(), rules: applyOverlays(memberRuleSet('2026.05'), [overlay]) };
    const talked = run(start(), toActivist.slice(0, 1), ctx).state;
    const determine = toActivist[1]!;
    expect(memberCaseMachine.validate(talked, determine, ctx)).toMatchObject([
      { code: 'LOCAL_NOTICE_REQUIRED', article: '学校发展党员实施细则' },
    ]);
    expect(memberCaseMachine.openTasks(talked, ctx)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'START_LOCAL_NOTICE', step: 3, actor: 'BRANCH' }),
      ]),
    );
    const posted = run(
      talked,
      [
        {
          type: 'START_LOCAL_NOTICE',
          date: d('2026-06-22'),
          ...b,
          notice: 'ACTIVIST',
          end: d('2026-06-30'),
          scope: '党支部',
        },
      ],
      ctx,
    ).state;
    // An objection without naming the local notice would go to the (absent) §13 notice: refused, not a crash.
    expect(
      codes(posted, { type: 'RECORD_OBJECTION', date: d('2026-06-24'), ...b, objection: 'x' }, ctx),
    ).toEqual(['NOTICE_NOT_OPEN']);
    expect(memberCaseMachine.openTasks(posted, ctx)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'CLOSE_LOCAL_NOTICE', dueOn: '2026-06-30' }),
      ]),
    );
    const close = (date: string, affectsEligibility = false): MemberAction => ({
      type: 'CLOSE_LOCAL_NOTICE',
      date: d(date),
      ...b,
      notice: 'ACTIVIST',
      affectsEligibility,
      finding: '',
    });
    expect(codes(posted, close('2026-06-30'), ctx)).toEqual(['LOCAL_NOTICE_NOT_FINISHED']);
    expect(codes(posted, close('2026-07-01'), ctx)).toEqual([]); // 06-22 … 06-30: seven working days
    const objected = run(
      posted,
      [
        { type: 'RECORD_OBJECTION', date: d('2026-06-24'), ...b, objection: '反映问题', notice: 'ACTIVIST' },
        close('2026-07-01', true),
      ],
      ctx,
    ).state;
    expect(codes(objected, { ...determine, date: d('2026-07-02') }, ctx)).toEqual(['LOCAL_NOTICE_REQUIRED']);
    const shortNotice = run(
      objected,
      [
        {
          type: 'START_LOCAL_NOTICE',
          date: d('2026-07-06'),
          ...b,
          notice: 'ACTIVIST',
          end: d('2026-07-10'),
          scope: '党支部',
        },
      ],
      ctx,
    ).state;
    expect(codes(shortNotice, { ...close('2026-07-11'), date: d('2026-07-11') }, ctx)).toEqual([
      'LOCAL_NOTICE_TOO_SHORT',
    ]);
    const activist = run(posted, [close('2026-07-01'), { ...determine, date: d('2026-07-02') }], ctx).state;
    expect(activist.stage).toBe('ACTIVIST');
    expect(
      codes(
        start(),
        {
          type: 'START_LOCAL_NOTICE',
          date: d('2026-06-02'),
          ...b,
          notice: 'ACTIVIST',
          end: d('2026-06-10'),
          scope: 'x',
        },
        context(),
      ),
    ).toEqual(['STEP_OUT_OF_ORDER']);
  });

  it('holds the lines found in review: objections, redoing steps 9–12, committee majorities, receipt dates, early cancellation', () => {
    const ctx = context();
    // An objection needs an open notice (it used to crash the workflow when none was open).
    const listed = run(start(), [...toActivist, ...toListed2026], ctx).state;
    expect(
      codes(listed, { type: 'RECORD_OBJECTION', date: d('2027-07-14'), ...b, objection: 'x' }, ctx),
    ).toEqual(['STEP_OUT_OF_ORDER']);
    // After pre-review passed, sponsors, political review, training and committee review cannot be re-recorded.
    const preReviewed = run(start(), [...toActivist, ...toListed2026, ...toAccepted.slice(0, 5)], ctx).state;
    expect(
      codes(
        preReviewed,
        { type: 'RECORD_POLITICAL_REVIEW', date: d('2027-08-21'), ...b, passed: false, conclusionRef: 'x' },
        ctx,
      ),
    ).toEqual(['STEP_OUT_OF_ORDER']);
    expect(memberCaseMachine.openTasks(preReviewed, ctx).map((t) => t.action)).not.toContain(
      'DESIGNATE_SPONSORS',
    );
    // A committee approval needs more than half of its members voting for it, and a plausible receipt date.
    const ready = run(start(), [...toActivist, ...toListed2026, ...toAccepted], ctx).state;
    expect(codes(ready, { ...approve, committeeVote: { members: 7, present: 6, yes: 3 } }, ctx)).toEqual([
      'COMMITTEE_VOTE_NOT_ADOPTED',
    ]);
    expect(codes(ready, { ...approve, resolutionReceived: d('2027-09-01') }, ctx)).toEqual([
      'RESOLUTION_RECEIVED_DATE_INVALID',
    ]);
    expect(codes(ready, { ...approve, resolutionReceived: d('2027-10-09') }, ctx)).toEqual([
      'RESOLUTION_RECEIVED_DATE_INVALID',
    ]);
    // A serious violation may cancel probationary status before probation ends, without a conversion application.
    const admitted = run(ready, [approve], ctx).state;
    const cancel: MemberAction = {
      type: 'CONVERSION_MEETING',
      date: d('2028-02-01'),
      ...b,
      vote: passingVote,
      proposal: 'CANCEL',
    };
    expect(codes(admitted, cancel, ctx)).toEqual([]);
    expect(codes(admitted, { ...cancel, proposal: 'CONVERT' }, ctx)).toEqual(['STEP_OUT_OF_ORDER']);
    // Withdrawal is possible while probationary; recognition may be refused only by an org department.
    expect(
      codes(admitted, { type: 'REFUSE_RECOGNITION', date: d('2028-02-01'), ...b, reason: 'x' }, ctx),
    ).toEqual(['STEP_OUT_OF_ORDER']);
  });

  it('has the review-only bodies review a conversion before the township approves it (DOMAIN.md §1.6)', () => {
    const met = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted.slice(0, 7)],
      context(),
    ).state;
    expect(codes(met, toConverted[8]!, context())).toEqual(['REVIEW_MISSING']);
    expect(
      memberCaseMachine.openTasks(met, context()).find((t) => t.action === 'REVIEW_BY_BODY'),
    ).toMatchObject({
      actor: 'REVIEWING_BODY',
    });
    const reviewed = run(met, [toConverted[7]!], context()).state;
    expect(codes(reviewed, toConverted[8]!, context())).toEqual([]);
    expect(codes(reviewed, toConverted[7]!, context())).toEqual(['ALREADY_REVIEWED']);
  });

  it('requires the §36 archive set, and refuses recognition only through an org department', () => {
    const converted = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, ...toConverted.slice(0, 9)],
      context(),
    ).state;
    expect(
      codes(
        converted,
        { type: 'ARCHIVE', date: d('2028-10-20'), ...b, documents: ['入党志愿书'] },
        context(),
      ),
    ).toEqual(['ARCHIVE_INCOMPLETE']);
    const probationary = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted, approve],
      context(),
    ).state;
    const moved = run(
      probationary,
      [{ type: 'TRANSFER', date: d('2028-01-05'), ...b, toBranch: otherBranch, materialsRef: 'x' }],
      context(),
    ).state;
    expect(
      codes(
        moved,
        {
          type: 'REFUSE_RECOGNITION',
          date: d('2028-02-01'),
          actingBody: otherBranch,
          reason: '材料无法认定',
        },
        context(),
      ),
    ).toEqual(['NOT_AN_ORG_DEPARTMENT']);
  });

  it('records a provisional warning for a notice that runs into a year without published holidays', () => {
    const consented = run(start(), [...toActivist, ...toListed2026.slice(0, 2)], context()).state;
    const noticed = run(
      consented,
      [{ type: 'START_NOTICE', date: d('2027-07-06'), ...b, end: d('2027-07-12'), scope: 'x' }],
      context(),
    ).state;
    const close: MemberAction = {
      type: 'CLOSE_NOTICE',
      date: d('2027-07-13'),
      ...b,
      affectsEligibility: false,
      finding: '',
    };
    expect(actionWarnings(noticed, close, context())).toMatchObject([{ code: 'CALENDAR_PROVISIONAL' }]);
    const published: CaseContext = {
      ...context(),
      calendar: new WorkingDayCalendar(
        { holidays: {}, workdays: {} },
        { years: [2027], holidays: [], workdays: [] },
      ),
    };
    expect(actionWarnings(noticed, close, published)).toEqual([]);
  });

  it('offers the actions whose turn it is', () => {
    expect(allowed(start())).toEqual(expect.arrayContaining(['RECORD_TALK', 'WITHDRAW', 'TRANSFER']));
    expect(allowed(start())).not.toContain('DETERMINE_ACTIVIST');
    const talked = run(start(), toActivist.slice(0, 1), context()).state;
    expect(allowed(talked)).toContain('DETERMINE_ACTIVIST');
  });
});

describe('member case (2014 rules, pinned)', () => {
  it('lists a development target on filing, without consent or notice, and has no T7/T9 deadlines', () => {
    const ctx = context('2014');
    const proposed = run(
      memberCaseMachine.open({ caseId: 'c2', personId: 'p2', branch, applicationDate: d('2026-03-01') })
        .state,
      [...toActivist, toListed2026[0]!],
      ctx,
    ).state;
    const filed = run(
      proposed,
      [
        {
          type: 'HIGHER_COMMITTEE_DECISION',
          date: d('2027-07-05'),
          actingBody: township,
          route,
          consent: true,
        },
      ],
      ctx,
    );
    expect(filed.state.stage).toBe('DEVELOPMENT_TARGET');
    expect(filed.events.map((e) => e.type)).toEqual(['development-target-listed']);
    expect(
      codes(
        filed.state,
        { type: 'START_NOTICE', date: d('2027-07-06'), ...b, end: d('2027-07-12'), scope: 'x' },
        ctx,
      ),
    ).toEqual(['NOTICE_NOT_REQUIRED']);
    const preReviewed = run(filed.state, toAccepted.slice(0, 6), ctx).state;
    expect(memberCaseMachine.deadlines(preReviewed, ctx)).toEqual([]);
    const admitted = run(preReviewed, [...toAccepted.slice(6), approve], ctx).state;
    expect(memberCaseMachine.deadlines(admitted, ctx).map((deadline) => deadline.kind)).toEqual([
      'T10_PROBATION_END',
    ]);
  });

  it('lets a sponsor under a serious warning act under 2014 rules but not under 2026 rules', () => {
    const warned: MemberStanding = {
      ...full('k9'),
      discipline: { kind: 'SERIOUS_WARNING', impactPeriodEnds: d('2030-01-01') },
    };
    const action: MemberAction = {
      type: 'DESIGNATE_SPONSORS',
      date: d('2027-07-14'),
      ...b,
      sponsors: [full('k1'), warned],
    };
    const ctx2014 = context('2014');
    const listed2014 = run(
      memberCaseMachine.open({ caseId: 'c3', personId: 'p3', branch, applicationDate: d('2026-03-01') })
        .state,
      [
        ...toActivist,
        toListed2026[0]!,
        {
          type: 'HIGHER_COMMITTEE_DECISION',
          date: d('2027-07-05'),
          actingBody: township,
          route,
          consent: true,
        },
      ],
      ctx2014,
    ).state;
    expect(codes(listed2014, action, ctx2014)).toEqual([]);
    const listed2026 = run(start(), [...toActivist, ...toListed2026], context()).state;
    expect(codes(listed2026, action, context())).toEqual(['SPONSOR_DISCIPLINE_RESTRICTED']);
  });
});

describe('memberCaseMachine', () => {
  const earliest = (state: MemberCaseState, ctx: CaseContext, today: string, type: MemberAction['type']) =>
    memberCaseMachine.availableActions(state, ctx, d(today)).find((available) => available.action === type);

  it("gives an activist's earliest development-target date by the rule set's cultivation period (T3)", () => {
    for (const ruleSet of ['2014', '2026.05'] as const) {
      const ctx = context(ruleSet, '2027-03-01');
      const { state } = run(start(), toActivist, ctx);
      const years = ctx.rules.cultivation.minimumYears;
      const expected = d(`${2026 + years}-07-01`);
      expect(earliest(state, ctx, '2027-03-01', 'PROPOSE_DEVELOPMENT_TARGET')).toEqual({
        action: 'PROPOSE_DEVELOPMENT_TARGET',
        earliest: expected,
        earliestBy: expect.objectContaining({
          code: 'T3_CULTIVATION_TOO_SHORT',
          article: ctx.rules.cultivation.article,
        }),
        notYet: [expect.objectContaining({ code: 'T3_CULTIVATION_TOO_SHORT' })],
      });
      // On that day it may be recorded, and validation agrees.
      expect(earliest(state, ctx, expected, 'PROPOSE_DEVELOPMENT_TARGET')?.notYet).toEqual([]);
      const proposal = toListed2026[0]!;
      expect(
        memberCaseMachine.validate(state, { ...proposal, date: expected }, { ...ctx, today: expected }),
      ).toEqual([]);
    }
  });

  it('lets the notice close from the day after its end, and records through validate and apply', () => {
    const ctx = context('2026.05', '2027-07-08');
    const opened = memberCaseMachine.open({
      caseId: 'c1',
      personId: 'p1',
      branch,
      applicationDate: d('2026-06-01'),
    });
    expect(opened).toEqual({ state: start(), events: [] });
    let state = opened.state;
    for (const action of [...toActivist, ...toListed2026.slice(0, 3)]) {
      expect(memberCaseMachine.validate(state, action, ctx)).toEqual([]);
      state = memberCaseMachine.apply(state, action, ctx).state;
    }
    expect(earliest(state, ctx, '2027-07-08', 'CLOSE_NOTICE')).toMatchObject({
      earliest: '2027-07-13',
      notYet: [expect.objectContaining({ code: 'T4_NOTICE_NOT_FINISHED' })],
    });
    expect(earliest(state, ctx, '2027-07-08', 'RECORD_OBJECTION')).toMatchObject({ notYet: [] });
    expect(memberCaseMachine.openTasks(state, ctx)).toContainEqual({
      action: 'CLOSE_NOTICE',
      step: 8,
      actor: 'APPROVING_COMMITTEE',
      ref: '',
      dueOn: '2027-07-12',
      capOn: null,
    });
    expect(memberCaseMachine.deadlines(state, ctx)).toEqual(caseDeadlines(state, ctx));
  });

  it('lists every action type once, with the steps it records', () => {
    expect(new Set(memberCaseMachine.actionTypes).size).toBe(memberCaseMachine.actionTypes.length);
    expect(memberCaseMachine.actionTypes).toContain('REFUSE_RECOGNITION');
  });
});

describe('the body field a member violation concerns', () => {
  /** Each violation's code with the body field it names (undefined: the case or the step as a whole). */
  const fields = (state: MemberCaseState, action: MemberAction, ctx = context()) =>
    memberCaseMachine.validate(state, action, ctx).map(({ code, field }) => ({ code, field }));
  const listed = () => run(start(), [...toActivist, ...toListed2026], context()).state;
  const ready = () => run(start(), [...toActivist, ...toListed2026, ...toAccepted], context()).state;

  it('names `date` for the time rules and the dates of the flow', () => {
    // A talk dated before the application (2026-06-01) was received.
    expect(fields(start(), { ...(toActivist[0] as MemberAction), date: d('2026-05-31') })).toEqual([
      { code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'date' },
    ]);
    expect(
      fields(
        start(),
        { ...(toActivist[0] as MemberAction), date: d('2026-06-10') },
        context('2026.05', '2026-06-09'),
      ),
    ).toEqual([{ code: 'DATE_IN_FUTURE', field: 'date' }]);
    const activist = run(start(), toActivist, context()).state;
    expect(fields(activist, { ...toListed2026[0]!, date: d('2027-06-30') })).toEqual([
      { code: 'T3_CULTIVATION_TOO_SHORT', field: 'date' },
    ]);
    // The same rule holds the action back in the available actions, beside the same field.
    expect(
      memberCaseMachine
        .availableActions(activist, context('2026.05', '2027-03-01'), d('2027-03-01'))
        .find(({ action }) => action === 'PROPOSE_DEVELOPMENT_TARGET')?.notYet,
    ).toEqual([expect.objectContaining({ code: 'T3_CULTIVATION_TOO_SHORT', field: 'date' })]);
    expect(fields(ready(), { ...approve, date: d('2028-03-13'), specialCaseReason: '党委换届' })).toEqual([
      { code: 'T8_APPROVAL_BEYOND_6_MONTHS', field: 'date' },
    ]);
  });

  it('names the field a step’s own rule is about, as the endpoint’s body names it', () => {
    expect(
      fields(listed(), {
        type: 'DESIGNATE_SPONSORS',
        date: d('2027-07-14'),
        ...b,
        sponsors: [full('k1'), { ...full('k3'), status: 'PROBATIONARY' }, full('k4')],
      }),
    ).toEqual([
      { code: 'SPONSORS_COUNT', field: 'sponsorIds' },
      { code: 'SPONSOR_NOT_FULL_MEMBER', field: 'sponsorIds.1' },
    ]);
    expect(
      fields(listed(), {
        type: 'RECORD_TRAINING',
        date: d('2027-07-14'),
        actingBody: township,
        training: { days: 1, classHours: 8 },
      }),
    ).toEqual([{ code: 'T5_TRAINING_INSUFFICIENT', field: 'days' }]);
    const reviewed = run(listed(), toAccepted.slice(0, 4), context()).state;
    expect(
      fields(reviewed, {
        type: 'PRE_REVIEW',
        date: d('2027-08-20'),
        actingBody: township,
        route,
        passed: true,
        expectedDeparture: d('2027-10-01'),
      }),
    ).toEqual([{ code: 'T6_LEAVING_WITHIN_3_MONTHS', field: 'expectedDeparture' }]);
    expect(fields(ready(), { ...approve, date: d('2027-12-13') })).toEqual([
      { code: 'T8_APPROVAL_OVERDUE_NEEDS_REASON', field: 'specialCaseReason' },
    ]);
    expect(
      fields(ready(), {
        ...approve,
        actingBody: village,
        committeeVote: { members: 7, present: 3, yes: 3 },
        resolutionReceived: d('2027-09-01'),
      }),
    ).toEqual([
      { code: 'APPROVER_WITHOUT_AUTHORITY', field: 'actingBody' },
      { code: 'COMMITTEE_QUORUM_NOT_MET', field: 'committeeVote.present' },
      { code: 'RESOLUTION_RECEIVED_DATE_INVALID', field: 'resolutionReceived' },
    ]);
  });

  it('names the count of the branch meeting’s tally a rule is about, under `vote`', () => {
    const formFilled = run(listed(), toAccepted.slice(0, 6), context()).state;
    const meeting = (vote: Partial<MeetingVote>, actingBody = branch): MemberAction => ({
      type: 'BRANCH_MEETING_ACCEPTANCE',
      date: d('2027-09-10'),
      actingBody,
      vote: { ...passingVote, ...vote },
    });
    expect(fields(formFilled, meeting({ presentVoting: 8, yes: 6 }, otherBranch))).toEqual([
      { code: 'NOT_THE_CASE_BRANCH', field: 'actingBody' },
      { code: 'VOTE_QUORUM_NOT_MET', field: 'vote.presentVoting' },
    ]);
    expect(
      fields(
        formFilled,
        meeting({
          ballot: 'SHOW_OF_HANDS',
          excluded: [
            {
              memberId: 'x1',
              reason: 'ABROAD_OVER_6_MONTHS',
              higherConsentRef: '东镇党委函',
              meetingResolutionRef: ' ',
            },
          ],
        }),
      ),
    ).toEqual([
      { code: 'VOTE_EXCLUSION_UNSUPPORTED', field: 'vote.excluded.0.meetingResolutionRef' },
      { code: 'VOTE_NOT_SECRET', field: 'vote.ballot' },
    ]);
  });

  it('names no field when the rule concerns the case or the step as a whole', () => {
    const [stepOutOfOrder] = memberCaseMachine.validate(start(), toActivist[1]!, context());
    expect(stepOutOfOrder).toMatchObject({ code: 'STEP_OUT_OF_ORDER' });
    expect(stepOutOfOrder).not.toHaveProperty('field');
    const withdrawn = run(
      start(),
      [{ type: 'WITHDRAW', date: d('2026-06-10'), ...b, reason: '本人撤回申请' }],
      context(),
    ).state;
    const [closed] = memberCaseMachine.validate(withdrawn, toActivist[0]!, context());
    expect(closed).toMatchObject({ code: 'CASE_CLOSED' });
    expect(closed).not.toHaveProperty('field');
    const accepted = run(
      start(),
      [...toActivist, ...toListed2026, ...toAccepted.slice(0, 7), toAccepted[8]!],
      context(),
    ).state;
    expect(fields(accepted, approve)).toEqual([{ code: 'REVIEW_MISSING', field: undefined }]);
  });
});
