import { CHINA_WORKING_DAYS } from '../../kernel/calendar/working-days';
import { withCheckCharacter } from '../../identity/national-id';
import { type LocalDate } from '../../kernel/time/local-date';
import { DEFAULT_RESERVE_POLICY } from '../reserve-pool';
import { type ReserveAction } from './actions';
import { reservistAgeOutDate, reviewDueDate, reviewPeriodOf } from './deadlines';
import { reservistMachine } from './machine';
import { type ReservistState, checkReserveRecommendation } from './state';

const ctx = { policy: DEFAULT_RESERVE_POLICY, calendar: CHINA_WORKING_DAYS };
const d = (value: string) => value as LocalDate;

function recommended(birthDate = '1996-03-08', category: ReservistState['category'] = 'LOCAL_GRADUATE') {
  return reservistMachine.open({
    entryId: 'e1',
    personId: 'p1',
    villageId: 'v1',
    category,
    birthDate,
    channel: 'ORGANISATION',
    by: '东村党委',
    recommendedOn: d('2026-03-02'),
  }).state;
}

function run(state: ReservistState, ...actions: ReserveAction[]) {
  const events = [];
  for (const action of actions) {
    expect(reservistMachine.validate(state, action, ctx)).toEqual([]);
    const applied = reservistMachine.apply(state, action, ctx);
    state = applied.state;
    events.push(...applied.events);
  }
  return { state, events };
}

const qualification: ReserveAction = {
  type: 'REVIEW_QUALIFICATION',
  date: d('2026-03-05'),
  education: 'BACHELOR',
  politicalStatus: 'MASSES',
  negativeRecords: [],
};
const entry: ReserveAction[] = [
  { type: 'RECOMMEND', date: d('2026-03-03'), channel: 'MEMBERS_AND_MASSES', by: '东村党员大会' },
  qualification,
  {
    type: 'RECORD_VETTING',
    date: d('2026-03-10'),
    departments: [
      { department: '纪委', result: 'PASS', note: '' },
      { department: '公安', result: 'CONCERN', note: '邻里纠纷一起，已调解' },
    ],
  },
  {
    type: 'SELECT',
    date: d('2026-03-12'),
    approved: true,
    committeeVote: { members: 9, present: 8, yes: 7 },
    minutesRef: '东镇党委〔2026〕7号',
    concernsFinding: '纠纷已调解，不影响列为后备力量',
  },
  { type: 'START_NOTICE', date: d('2026-03-13'), end: d('2026-03-19'), scope: '东村村务公开栏' },
  { type: 'CLOSE_NOTICE', date: d('2026-03-20'), findings: [] },
];

describe('a reservist (后备力量), 三推二审一选一公示 and the reviews', () => {
  it('enters the pool through recommendation, two reviews, selection and notice', () => {
    const { state, events } = run(recommended(), ...entry);
    expect(state).toMatchObject({ status: 'ACTIVE', enteredOn: '2026-03-20' });
    expect(state.recommendations.map((r) => r.channel)).toEqual(['ORGANISATION', 'MEMBERS_AND_MASSES']);
    expect(events).toEqual([{ type: 'admitted', date: '2026-03-20' }]);
  });

  it('keeps steps in order, refuses a second recommendation through a channel, and weighs vetting concerns', () => {
    const state = recommended();
    const vetted = run(state, ...entry.slice(0, 3)).state;
    const { concernsFinding: _finding, ...unweighed } = entry[3] as ReserveAction & { type: 'SELECT' };
    expect(reservistMachine.validate(vetted, unweighed, ctx).map((found) => found.code)).toEqual([
      'CONCERNS_NOT_ADDRESSED',
    ]);
    expect(reservistMachine.validate(state, entry[3]!, ctx)[0]?.code).toBe('STEP_OUT_OF_ORDER');
    expect(
      reservistMachine.validate(
        state,
        { type: 'RECOMMEND', date: d('2026-03-03'), channel: 'ORGANISATION', by: 'x' },
        ctx,
      )[0]?.code,
    ).toBe('RECOMMENDATION_CHANNEL_REPEATED');
    expect(reservistMachine.validate(state, { ...qualification, date: d('2026-03-01') }, ctx)[0]?.code).toBe(
      'DATE_BEFORE_PREVIOUS_STEP',
    );
  });

  it('does not admit a candidate failing the criteria, with every reason', () => {
    const { state, events } = run(recommended('1988-01-01', 'YOUNG_MEMBER'), {
      ...qualification,
      education: 'SENIOR_HIGH',
      negativeRecords: [{ item: 'GAMBLING_SUPERSTITION', date: d('2024-05-01') }],
    });
    expect(state.status).toBe('NOT_ADMITTED');
    expect(events[0]).toMatchObject({ type: 'not-admitted' });
    expect(events[0]!.type === 'not-admitted' && events[0]!.reasons.map((r) => r.code)).toEqual([
      'RESERVE_AGE_OVER_LIMIT',
      'RESERVE_EDUCATION_BELOW_MINIMUM',
      'RESERVE_NEGATIVE_LIST',
      'RESERVE_CATEGORY_NEEDS_MEMBER',
    ]);
    expect(reservistMachine.validate(state, entry[2]!, ctx)[0]?.code).toBe('RESERVE_ENTRY_CLOSED');
  });

  it('refuses a notice shorter than five working days and keeps out on an upheld objection', () => {
    const selected = run(recommended(), ...entry.slice(0, 4)).state;
    // 2026-09-28 (Mon) to 10-02: National Day; only 09-28, 09-29 and 09-30 are working days.
    const short: ReserveAction = {
      type: 'START_NOTICE',
      date: d('2026-09-28'),
      end: d('2026-10-02'),
      scope: 'x',
    };
    expect(reservistMachine.validate(selected, short, ctx)).toEqual([
      expect.objectContaining({ code: 'NOTICE_SHORTER_THAN_RULE', article: 'DOMAIN §3' }),
    ]);
    const { state, events } = run(
      selected,
      entry[4]!,
      { type: 'RECORD_OBJECTION', date: d('2026-03-16'), text: '长期在外，不在村居住' },
      {
        type: 'CLOSE_NOTICE',
        date: d('2026-03-20'),
        findings: [{ finding: '反映属实', affectsEligibility: true }],
      },
    );
    expect(state.status).toBe('NOT_ADMITTED');
    expect(events).toEqual([
      {
        type: 'not-admitted',
        date: '2026-03-20',
        reasons: [{ code: 'NOTICE_OBJECTION_UPHELD', reason: '反映属实' }],
      },
    ]);
  });

  it('is listed for inspection, then used or retained at the next review; one decision per review', () => {
    const active = run(recommended(), ...entry).state;
    const { state, events } = run(active, {
      type: 'DECIDE_REVIEW',
      date: d('2026-07-10'),
      reviewId: 'r1',
      outcome: { kind: 'LIST_FOR_INSPECTION', post: '村党组织书记' },
    });
    expect(state).toMatchObject({ status: 'LISTED_FOR_INSPECTION', inspection: { post: '村党组织书记' } });
    expect(
      reservistMachine.validate(
        state,
        { type: 'DECIDE_REVIEW', date: d('2026-07-11'), reviewId: 'r1', outcome: { kind: 'RETAIN' } },
        ctx,
      )[0]?.code,
    ).toBe('REVIEW_ALREADY_DECIDED');
    const used = run(state, {
      type: 'DECIDE_REVIEW',
      date: d('2027-01-10'),
      reviewId: 'r2',
      outcome: { kind: 'USE', cadreCaseId: 'c1' },
    });
    expect(used.state).toMatchObject({ status: 'USED', used: { cadreCaseId: 'c1' } });
    expect([...events, ...used.events].map((event) => event.type)).toEqual(['listed-for-inspection', 'used']);
    const retained = run(state, {
      type: 'DECIDE_REVIEW',
      date: d('2027-01-10'),
      reviewId: 'r2',
      outcome: { kind: 'RETAIN' },
    }).state;
    expect(retained.status).toBe('ACTIVE');
    expect(retained.inspection).toBeUndefined();
  });

  it('is removed by a review with a reason, by a negative event in its window, or on the day it ages out', () => {
    const active = run(recommended('1991-04-10'), ...entry).state;
    expect(
      reservistMachine.validate(
        active,
        {
          type: 'DECIDE_REVIEW',
          date: d('2026-07-10'),
          reviewId: 'r1',
          outcome: { kind: 'REMOVE', reason: '' },
        },
        ctx,
      )[0]?.code,
    ).toBe('REASON_REQUIRED');
    expect(
      run(active, {
        type: 'DECIDE_REVIEW',
        date: d('2026-07-10'),
        reviewId: 'r1',
        outcome: { kind: 'REMOVE', reason: '外出定居' },
      }).events,
    ).toEqual([{ type: 'removed', date: '2026-07-10', code: 'REVIEW', reason: '外出定居', reviewId: 'r1' }]);
    const negative = run(active, {
      type: 'REPORT_NEGATIVE_EVENT',
      date: d('2026-05-01'),
      record: { item: 'UNDER_INVESTIGATION', date: d('2026-04-28'), ongoing: true },
    });
    expect(negative.state).toMatchObject({ status: 'REMOVED', left: { code: 'NEGATIVE_EVENT' } });
    expect(negative.state.facts?.negativeRecords).toHaveLength(1);
    // 36th birthday 2027-04-10 under the default policy (≤ 35).
    expect(reservistMachine.validate(active, { type: 'AGE_OUT', date: d('2027-04-09') }, ctx)[0]?.code).toBe(
      'NOT_AGED_OUT',
    );
    expect(run(active, { type: 'AGE_OUT', date: d('2027-04-10') }).state).toMatchObject({
      status: 'REMOVED',
      left: { code: 'AGED_OUT', on: '2027-04-10' },
    });
  });

  it('links a non-member to a member-development case once, but not a member', () => {
    const active = run(recommended(), ...entry).state;
    const link: ReserveAction = { type: 'LINK_MEMBER_CASE', date: d('2026-04-01'), memberCaseId: 'm1' };
    const linked = run(active, link);
    expect(linked.events).toEqual([{ type: 'member-case-linked', date: '2026-04-01', memberCaseId: 'm1' }]);
    expect(reservistMachine.validate(linked.state, link, ctx)[0]?.code).toBe('MEMBER_CASE_ALREADY_LINKED');
    const member = { ...active, facts: { ...active.facts!, politicalStatus: 'FULL_MEMBER' as const } };
    expect(reservistMachine.validate(member, link, ctx)[0]?.code).toBe('ALREADY_A_MEMBER');
  });

  it('names half-year review periods and their due days', () => {
    expect(reviewPeriodOf(d('2026-07-01'))).toEqual({
      id: '2026-H2',
      start: '2026-07-01',
      end: '2026-12-31',
    });
    expect(reviewPeriodOf(d('2027-06-30')).id).toBe('2027-H1');
    expect(reviewDueDate(d('2026-07-01'), DEFAULT_RESERVE_POLICY)).toBe('2026-07-30');
  });
});

describe('a recommendation (推)', () => {
  const township = {
    id: 't',
    code: 'T',
    name: '东镇党委',
    kind: 'TOWNSHIP_COMMITTEE' as const,
    parentId: null,
    path: ['t'],
    canApproveMembership: true,
  };
  const village = {
    ...township,
    id: 'v',
    code: 'V',
    name: '南村党支部',
    kind: 'BRANCH' as const,
    parentId: 't',
  };
  const base = {
    village,
    parent: township,
    nationalId: withCheckCharacter('32060219960308123'),
    birthDate: '1996-03-08',
    recommendedOn: d('2026-03-02'),
    today: d('2026-03-02'),
    policy: DEFAULT_RESERVE_POLICY,
  };

  it('needs a village directly under a township, a matching ID, the age limit and no future date', () => {
    const { withCheckCharacter } = jest.requireActual<typeof import('../../identity/national-id')>(
      '../../identity/national-id',
    );
    const valid = base;
    expect(checkReserveRecommendation(valid)).toEqual([]);
    expect(
      checkReserveRecommendation({
        ...valid,
        parent: { ...village, kind: 'VILLAGE_COMMITTEE' },
        birthDate: '1996-03-09',
        recommendedOn: d('2026-03-03'),
      }).map((found) => found.code),
    ).toEqual(['NOT_A_VILLAGE_OF_A_TOWNSHIP', 'BIRTH_DATE_MISMATCH', 'RECOMMENDATION_DATE_IN_FUTURE']);
    const older = withCheckCharacter('32060219860308123');
    expect(
      checkReserveRecommendation({ ...valid, nationalId: older, birthDate: '1986-03-08' }).map(
        (found) => found.code,
      ),
    ).toEqual(['RESERVE_AGE_OVER_LIMIT']);
  });
});

describe('the body field a reserve violation concerns', () => {
  const fields = (violations: readonly { code: string; field?: string }[]) =>
    violations.map(({ code, field }) => ({ code, field }));
  const village = {
    id: 'v',
    code: 'V',
    name: '南村党支部',
    kind: 'BRANCH' as const,
    parentId: 't',
    path: ['t', 'v'],
    canApproveMembership: false,
  };

  it('names the recommendation’s fields, the candidate’s under `person`', () => {
    expect(
      fields(
        checkReserveRecommendation({
          village: { ...village, closedOn: d('2026-01-01') },
          parent: { ...village, id: 't', kind: 'TOWNSHIP_COMMITTEE' },
          nationalId: withCheckCharacter('32060219960308123'),
          birthDate: '1996-03-09',
          recommendedOn: d('2026-03-03'),
          today: d('2026-03-02'),
          policy: DEFAULT_RESERVE_POLICY,
        }),
      ),
    ).toEqual([
      { code: 'ORG_UNIT_CLOSED', field: 'village' },
      { code: 'BIRTH_DATE_MISMATCH', field: 'person.birthDate' },
      { code: 'RECOMMENDATION_DATE_IN_FUTURE', field: 'recommendedOn' },
    ]);
  });

  it('names the field of an entry step’s body a rule is about', () => {
    const qualified = run(recommended(), ...entry.slice(0, 2)).state;
    expect(
      fields(
        reservistMachine.validate(
          qualified,
          {
            type: 'RECORD_VETTING',
            date: d('2026-03-10'),
            departments: [
              { department: '纪委', result: 'PASS', note: '' },
              { department: '公安', result: 'FAIL', note: '' },
            ],
          },
          ctx,
        ),
      ),
    ).toEqual([{ code: 'REASON_REQUIRED', field: 'departments.1.note' }]);
    const vetted = run(recommended(), ...entry.slice(0, 3)).state;
    const { concernsFinding: _finding, ...unweighed } = entry[3] as ReserveAction & { type: 'SELECT' };
    expect(
      fields(
        reservistMachine.validate(
          vetted,
          { ...unweighed, committeeVote: { members: 9, present: 8, yes: 4 } },
          ctx,
        ),
      ),
    ).toEqual([
      { code: 'COMMITTEE_VOTE_NOT_ADOPTED', field: 'committeeVote.yes' },
      { code: 'CONCERNS_NOT_ADDRESSED', field: 'concernsFinding' },
    ]);
    const selected = run(recommended(), ...entry.slice(0, 4)).state;
    expect(
      fields(
        reservistMachine.validate(
          selected,
          { type: 'START_NOTICE', date: d('2026-09-28'), end: d('2026-10-02'), scope: 'x' },
          ctx,
        ),
      ),
    ).toEqual([{ code: 'NOTICE_SHORTER_THAN_RULE', field: 'end' }]);
    expect(
      fields(
        reservistMachine.validate(
          recommended(),
          { type: 'RECOMMEND', date: d('2026-03-03'), channel: 'ORGANISATION', by: 'x' },
          ctx,
        ),
      ),
    ).toEqual([{ code: 'RECOMMENDATION_CHANNEL_REPEATED', field: 'channel' }]);
  });

  it('names a review decision’s fields, and none for a decision already taken', () => {
    const active = run(recommended(), ...entry).state;
    const decide = (outcome: Extract<ReserveAction, { type: 'DECIDE_REVIEW' }>['outcome'], state = active) =>
      fields(
        reservistMachine.validate(
          state,
          { type: 'DECIDE_REVIEW', date: d('2026-07-10'), reviewId: 'r1', outcome },
          ctx,
        ),
      );
    expect(decide({ kind: 'REMOVE', reason: ' ' })).toEqual([{ code: 'REASON_REQUIRED', field: 'reason' }]);
    expect(decide({ kind: 'LIST_FOR_INSPECTION', post: '' })).toEqual([
      { code: 'POST_REQUIRED', field: 'post' },
    ]);
    const retained = run(active, {
      type: 'DECIDE_REVIEW',
      date: d('2026-07-10'),
      reviewId: 'r1',
      outcome: { kind: 'RETAIN' },
    }).state;
    expect(decide({ kind: 'RETAIN' }, retained)).toEqual([
      { code: 'REVIEW_ALREADY_DECIDED', field: undefined },
    ]);
  });
});

describe('reservistMachine', () => {
  const find = (state: ReservistState, today: string, type: ReserveAction['type']) =>
    reservistMachine.availableActions(state, ctx, d(today)).find((available) => available.action === type);

  it("gives the close-notice's earliest date as the day after the notice ends (its last day still runs)", () => {
    const { state } = run(recommended(), ...entry.slice(0, -1));
    expect(find(state, '2026-03-16', 'CLOSE_NOTICE')).toEqual({
      action: 'CLOSE_NOTICE',
      earliest: '2026-03-20',
      earliestBy: expect.objectContaining({ code: 'NOTICE_NOT_FINISHED', article: 'DOMAIN §3' }),
      notYet: [expect.objectContaining({ code: 'NOTICE_NOT_FINISHED' })],
    });
    expect(find(state, '2026-03-20', 'CLOSE_NOTICE')?.notYet).toEqual([]);
    expect(find(state, '2026-03-16', 'START_NOTICE')).toMatchObject({
      earliest: null,
      notYet: [expect.objectContaining({ code: 'NOTICE_ALREADY_STARTED' })],
    });
    expect(reservistMachine.openTasks(state, ctx)).toEqual([
      { action: 'CLOSE_NOTICE', step: 5, actor: 'TOWNSHIP', ref: '', dueOn: '2026-03-19', capOn: null },
    ]);
  });

  it('ages out on the day the policy sets, which is also its deadline', () => {
    const { state } = run(recommended(), ...entry);
    const ageOut = reservistAgeOutDate(state, ctx.policy)!;
    expect(reservistMachine.deadlines(state, ctx)).toEqual([{ kind: 'AGE_OUT', due: ageOut, hard: false }]);
    expect(find(state, '2026-04-01', 'AGE_OUT')).toMatchObject({
      earliest: ageOut,
      notYet: [expect.objectContaining({ code: 'NOT_AGED_OUT' })],
    });
    expect(reservistMachine.validate(state, { type: 'AGE_OUT', date: ageOut }, ctx)).toEqual([]);
  });
});
