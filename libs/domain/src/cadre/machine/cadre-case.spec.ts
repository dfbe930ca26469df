import { CHINA_WORKING_DAYS } from '../../kernel/calendar/working-days';
import { type LocalDate } from '../../kernel/time/local-date';
import { type CadreAction } from './actions';
import { cadreCaseMachine } from './machine';
import { type CadreCaseState, type CadreContext, type CadreEvent, checkNomination } from './state';
import { withCheckCharacter } from '../../identity/national-id';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type CadrePost, cadreProgramme } from '../programmes';
import { type CadreApplicant } from '../qualification';

const d = (value: string) => value as LocalDate;
const VILLAGE = 'village-1';
const applicantFor: Record<string, CadreApplicant> = {
  GUIYAN: {
    birthDate: '2000-05-01',
    education: 'BACHELOR',
    politicalStatus: 'FULL_MEMBER',
    source: 'RETURNING_GRADUATE',
    householdVillageId: VILLAGE,
    residenceVillageId: null,
    negativeRecords: [],
    relatives: [],
  },
  XIANREN: {
    birthDate: '1976-02-02',
    education: 'SENIOR_HIGH',
    politicalStatus: 'FULL_MEMBER',
    source: 'LOCAL_ENTREPRENEUR',
    householdVillageId: null,
    residenceVillageId: VILLAGE,
    negativeRecords: [],
    relatives: [],
  },
  DINGZHI: {
    birthDate: '2003-09-09',
    education: 'JUNIOR_COLLEGE',
    politicalStatus: 'LEAGUE_MEMBER',
    source: 'ORIENTATED_TRAINEE',
    householdVillageId: VILLAGE,
    residenceVillageId: null,
    negativeRecords: [],
    relatives: [],
  },
};

/** Runs actions through validate + apply, failing on the first refusal; returns the state and every event. */
function run(programmeId: string, post: CadrePost, actions: CadreAction[]) {
  const programme = cadreProgramme(programmeId)!;
  const ctx: CadreContext = { programme, calendar: CHINA_WORKING_DAYS };
  const opened = cadreCaseMachine.open({
    caseId: 'c1',
    personId: 'p1',
    programme,
    post,
    villageId: VILLAGE,
    channel: 'SELF',
    nominatedOn: d('2026-03-02'),
  });
  let state: CadreCaseState = opened.state;
  const events: CadreEvent[] = [...opened.events];
  for (const action of actions) {
    const violations = cadreCaseMachine.validate(state, action, ctx);
    if (violations.length > 0) throw new Error(`${action.type}: ${violations.map((v) => v.code).join(', ')}`);
    const result = cadreCaseMachine.apply(state, action, ctx);
    state = result.state;
    events.push(...result.events);
  }
  return { state, events, ctx };
}

const through = (programmeId: string, applicant = applicantFor[programmeId]!): CadreAction[] => [
  { type: 'REVIEW_QUALIFICATION', date: d('2026-03-05'), applicant, committeeMemberIds: [] },
  { type: 'OPEN_JOINT_REVIEW', date: d('2026-03-06') },
  ...cadreProgramme(programmeId)!.jointReviewDepartments.map((department): CadreAction => ({
    type: 'RECORD_DEPARTMENT_OPINION',
    date: d('2026-03-10'),
    department,
    result: 'PASS',
    note: '',
  })),
  {
    type: 'RECORD_ASSESSMENT',
    date: d('2026-03-20'),
    evaluation: { participants: 40, favourable: 35 },
    interviewScore: 82,
  },
  {
    type: 'DECIDE',
    date: d('2026-03-25'),
    approved: true,
    committeeVote: { members: 9, present: 8, yes: 8 },
    minutesRef: '党委会纪要〔2026〕7号',
  },
  // Friday 2026-03-27 to Thursday 2026-04-02: five working days.
  { type: 'START_NOTICE', date: d('2026-03-27'), end: d('2026-04-02'), scope: '本村、本镇' },
];

describe('cadre recruitment case (P1–P9)', () => {
  it.each([
    ['GUIYAN', 'SECRETARY_ASSISTANT'],
    ['DINGZHI', 'VILLAGE_AFFAIRS_STAFF'],
  ] as const)(
    '%s: nominated, qualified, reviewed, decided, noticed, appointed, trial passed, filed',
    (id, post) => {
      const { state, events } = run(id, post, [
        ...through(id),
        { type: 'CLOSE_NOTICE', date: d('2026-04-03'), findings: [] },
        { type: 'APPOINT', date: d('2026-04-08'), termEnd: d('2031-03-31'), documentRef: '聘任书' },
        { type: 'REVIEW_TRIAL', date: d('2027-04-08'), outcome: 'PASS', opinion: '称职' },
        { type: 'FILE_WITH_COUNTY', date: d('2027-04-15'), ref: '备案〔2027〕3号' },
      ]);
      expect(state).toMatchObject({ status: 'CLOSED', outcome: 'CONFIRMED', stage: 'CONFIRMED' });
      expect(events.map((e) => e.type)).toEqual(['nominated', 'qualified', 'appointed', 'trial-passed']);
      expect(events[2]).toMatchObject({ post, mode: 'APPOINTMENT', trialEnd: '2027-04-08' });
    },
  );

  it('贤人回村: an elected post is filled by a by-election result, never appointed; 7-day notice; 6-month trial', () => {
    const actions = through('XIANREN').map((action) =>
      action.type === 'START_NOTICE' ? { ...action, end: d('2026-04-07') } : action,
    );
    const noticed = run('XIANREN', 'VILLAGE_DIRECTOR', [
      ...actions,
      { type: 'CLOSE_NOTICE', date: d('2026-04-08'), findings: [] },
    ]);
    const appoint: CadreAction = {
      type: 'APPOINT',
      date: d('2026-04-20'),
      termEnd: d('2031-03-31'),
      documentRef: 'x',
    };
    expect(cadreCaseMachine.validate(noticed.state, appoint, noticed.ctx).map((v) => v.code)).toEqual([
      'ELECTED_POST_CANNOT_BE_APPOINTED',
    ]);
    const { state, events } = run('XIANREN', 'VILLAGE_DIRECTOR', [
      ...actions,
      { type: 'CLOSE_NOTICE', date: d('2026-04-08'), findings: [] },
      {
        type: 'RECORD_ELECTION',
        date: d('2026-04-20'),
        mode: 'BY_ELECTION',
        termEnd: d('2031-03-31'),
        votes: { eligible: 1200, cast: 900, forCandidate: 610 },
        meetingRef: '村民会议补选',
      },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'appointed', mode: 'BY_ELECTION', trialEnd: '2026-10-20' });
    expect(state.stage).toBe('TRIAL');
  });

  it('refuses a notice shorter than the programme’s working days (贤人回村: 7)', () => {
    expect(() => run('XIANREN', 'VILLAGE_DIRECTOR', through('XIANREN'))).toThrow(
      'START_NOTICE: NOTICE_SHORTER_THAN_RULE',
    );
  });

  it('is not elected without a majority of the votes cast, or when too few voted', () => {
    const actions = through('XIANREN').map((action) =>
      action.type === 'START_NOTICE' ? { ...action, end: d('2026-04-07') } : action,
    );
    const election = (votes: { eligible: number; cast: number; forCandidate: number }): CadreAction => ({
      type: 'RECORD_ELECTION',
      date: d('2026-04-20'),
      mode: 'ELECTION',
      termEnd: d('2031-03-31'),
      votes,
      meetingRef: '选举大会',
    });
    const close: CadreAction = { type: 'CLOSE_NOTICE', date: d('2026-04-08'), findings: [] };
    expect(
      run('XIANREN', 'VILLAGE_DIRECTOR', [
        ...actions,
        close,
        election({ eligible: 1000, cast: 800, forCandidate: 400 }),
      ]).state.outcome,
    ).toBe('NOT_ELECTED');
    expect(
      run('XIANREN', 'VILLAGE_DIRECTOR', [
        ...actions,
        close,
        election({ eligible: 1000, cast: 500, forCandidate: 500 }),
      ]).state.outcome,
    ).toBe('NOT_ELECTED');
  });

  it('stops the appointment when an objection in the notice is upheld', () => {
    const { state, events } = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      ...through('GUIYAN'),
      { type: 'RECORD_OBJECTION', date: d('2026-03-30'), text: '反映其在外经商期间拖欠工资' },
      {
        type: 'CLOSE_NOTICE',
        date: d('2026-04-03'),
        findings: [{ finding: '经查属实', affectsEligibility: true }],
      },
    ]);
    expect(state).toMatchObject({ status: 'CLOSED', outcome: 'NOTICE_OBJECTION_UPHELD' });
    expect(events.at(-1)).toMatchObject({
      type: 'disqualified',
      reasons: [{ code: 'NOTICE_OBJECTION_UPHELD', reason: '经查属实' }],
    });
  });

  it('needs a finding for every objection and waits for the notice to end', () => {
    const noticed = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      ...through('GUIYAN'),
      { type: 'RECORD_OBJECTION', date: d('2026-03-30'), text: '反映问题' },
    ]);
    const codes = (action: CadreAction) =>
      cadreCaseMachine.validate(noticed.state, action, noticed.ctx).map((v) => v.code);
    expect(
      codes({
        type: 'CLOSE_NOTICE',
        date: d('2026-04-02'),
        findings: [{ finding: 'x', affectsEligibility: false }],
      }),
    ).toEqual(['NOTICE_NOT_FINISHED']);
    expect(codes({ type: 'CLOSE_NOTICE', date: d('2026-04-03'), findings: [] })).toEqual([
      'OBJECTION_FINDINGS_MISSING',
    ]);
  });

  it('fails the joint review on one department’s FAIL, with its reason', () => {
    const { state, events } = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      {
        type: 'REVIEW_QUALIFICATION',
        date: d('2026-03-05'),
        applicant: applicantFor.GUIYAN!,
        committeeMemberIds: [],
      },
      { type: 'OPEN_JOINT_REVIEW', date: d('2026-03-06') },
      {
        type: 'RECORD_DEPARTMENT_OPINION',
        date: d('2026-03-09'),
        department: '公安局',
        result: 'FAIL',
        note: '有涉黑涉恶记录',
      },
    ]);
    expect(state).toMatchObject({ status: 'CLOSED', outcome: 'JOINT_REVIEW_FAILED' });
    expect(events.at(-1)).toMatchObject({
      reasons: [{ code: 'JOINT_REVIEW_FAILED', reason: '公安局：有涉黑涉恶记录' }],
    });
  });

  it('holds the case on a CONCERN until the township resolves it, then goes on', () => {
    const programme = cadreProgramme('GUIYAN')!;
    const [first, ...rest] = programme.jointReviewDepartments;
    const reviewed = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      {
        type: 'REVIEW_QUALIFICATION',
        date: d('2026-03-05'),
        applicant: applicantFor.GUIYAN!,
        committeeMemberIds: [],
      },
      { type: 'OPEN_JOINT_REVIEW', date: d('2026-03-06') },
      {
        type: 'RECORD_DEPARTMENT_OPINION',
        date: d('2026-03-09'),
        department: first!,
        result: 'CONCERN',
        note: '曾有信访记录',
      },
      ...rest.map((department): CadreAction => ({
        type: 'RECORD_DEPARTMENT_OPINION',
        date: d('2026-03-10'),
        department,
        result: 'PASS',
        note: '',
      })),
    ]);
    expect(reviewed.state.stage).toBe('JOINT_REVIEW');
    expect(
      cadreCaseMachine.deadlines(reviewed.state, reviewed.ctx).map(({ kind, due }) => ({ kind, due })),
    ).toEqual([{ kind: 'JOINT_REVIEW_DUE', due: '2026-03-19' }]);
    const resolved = cadreCaseMachine.apply(
      reviewed.state,
      {
        type: 'RESOLVE_CONCERNS',
        date: d('2026-03-12'),
        finding: '已依法处理完毕，不影响',
        affectsEligibility: false,
      },
      reviewed.ctx,
    );
    expect(resolved.state.stage).toBe('ASSESSMENT');
  });

  it('disqualifies at the qualification review with every reason', () => {
    const { state, events } = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      {
        type: 'REVIEW_QUALIFICATION',
        date: d('2026-03-05'),
        applicant: { ...applicantFor.GUIYAN!, education: 'SENIOR_HIGH', politicalStatus: 'MASSES' },
        committeeMemberIds: [],
      },
    ]);
    expect(state.outcome).toBe('DISQUALIFIED');
    expect(events.at(-1)).toMatchObject({
      type: 'disqualified',
      reasons: [{ code: 'EDUCATION_BELOW_MINIMUM' }, { code: 'PARTY_MEMBERSHIP_REQUIRED' }],
    });
  });

  it('extends a trial once, within the programme’s limit, then exits to the reserve pool on failure', () => {
    const appointed = [
      ...through('GUIYAN'),
      { type: 'CLOSE_NOTICE', date: d('2026-04-03'), findings: [] },
      { type: 'APPOINT', date: d('2026-04-08'), termEnd: d('2031-03-31'), documentRef: '聘任书' },
    ] as CadreAction[];
    const extended = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      ...appointed,
      {
        type: 'REVIEW_TRIAL',
        date: d('2027-04-08'),
        outcome: 'EXTEND',
        extensionMonths: 6,
        opinion: '基本称职',
      },
    ]);
    expect(extended.events.at(-1)).toMatchObject({
      type: 'trial-extended',
      months: 6,
      trialEnd: '2027-10-08',
    });
    const again: CadreAction = {
      type: 'REVIEW_TRIAL',
      date: d('2027-10-08'),
      outcome: 'EXTEND',
      extensionMonths: 3,
      opinion: 'x',
    };
    expect(cadreCaseMachine.validate(extended.state, again, extended.ctx).map((v) => v.code)).toEqual([
      'TRIAL_ALREADY_EXTENDED',
    ]);
    const early: CadreAction = { type: 'REVIEW_TRIAL', date: d('2027-10-07'), outcome: 'PASS', opinion: 'x' };
    expect(cadreCaseMachine.validate(extended.state, early, extended.ctx).map((v) => v.code)).toEqual([
      'TRIAL_NOT_ENDED',
    ]);
    const exit: CadreAction = {
      type: 'REVIEW_TRIAL',
      date: d('2027-10-08'),
      outcome: 'FAIL',
      exitTo: 'RESERVE_POOL',
      opinion: '不称职',
    };
    expect(cadreCaseMachine.validate(extended.state, exit, extended.ctx)).toEqual([]);
    // Cases started since the rule (their workflow sets the flag) must name the reserve category.
    const strict = { ...extended.ctx, requireReserveCategory: true };
    expect(cadreCaseMachine.validate(extended.state, exit, strict)).toEqual([
      {
        code: 'RESERVE_CATEGORY_REQUIRED',
        article: 'DOMAIN §3',
        message: '转入后备库须说明后备力量类别',
        field: 'reserveCategory',
      },
    ]);
    expect(
      cadreCaseMachine.validate(extended.state, { ...exit, reserveCategory: 'RETURNING_MIGRANT' }, strict),
    ).toEqual([]);
    const failed = cadreCaseMachine.apply(
      extended.state,
      { ...exit, reserveCategory: 'RETURNING_MIGRANT' },
      extended.ctx,
    );
    expect(failed.state.stage).toBe('EXITED');
    expect(failed.state.exit?.reserveCategory).toBe('RETURNING_MIGRANT');
    expect(failed.events.map((e) => e.type)).toEqual(['trial-failed', 'exited']);
    const inTrial = run('GUIYAN', 'SECRETARY_ASSISTANT', appointed);
    const tooLong: CadreAction = {
      type: 'REVIEW_TRIAL',
      date: d('2027-04-08'),
      outcome: 'EXTEND',
      extensionMonths: 7,
      opinion: 'x',
    };
    expect(cadreCaseMachine.validate(inTrial.state, tooLong, inTrial.ctx).map((v) => v.code)).toEqual([
      'TRIAL_EXTENSION_OUT_OF_RANGE',
    ]);
  });

  it('asks the county before a village secretary is decided, and decides collectively', () => {
    const upToDecision = through('XIANREN').filter((a) => a.type !== 'DECIDE' && a.type !== 'START_NOTICE');
    const { state, ctx } = run('XIANREN', 'PARTY_SECRETARY', upToDecision);
    const decide = (extra: Partial<Extract<CadreAction, { type: 'DECIDE' }>>) =>
      cadreCaseMachine
        .validate(
          state,
          {
            type: 'DECIDE',
            date: d('2026-03-25'),
            approved: true,
            committeeVote: { members: 9, present: 8, yes: 8 },
            minutesRef: 'x',
            ...extra,
          },
          ctx,
        )
        .map((v) => v.code);
    expect(decide({})).toEqual(['COUNTY_CONSULTATION_REQUIRED']);
    expect(decide({ countyConsultationRef: '县委组织部函' })).toEqual([]);
    expect(decide({ countyConsultationRef: 'x', committeeVote: { members: 9, present: 4, yes: 4 } })).toEqual(
      ['COMMITTEE_QUORUM_NOT_MET'],
    );
  });

  it('refuses steps out of order and any step on a closed case', () => {
    const { state, ctx } = run('GUIYAN', 'SECRETARY_ASSISTANT', []);
    expect(
      cadreCaseMachine.validate(state, { type: 'OPEN_JOINT_REVIEW', date: d('2026-03-06') }, ctx)[0]?.code,
    ).toBe('STEP_OUT_OF_ORDER');
    const withdrawn = cadreCaseMachine.apply(
      state,
      { type: 'WITHDRAW', date: d('2026-03-06'), reason: '本人放弃' },
      ctx,
    ).state;
    expect(
      cadreCaseMachine.validate(withdrawn, { type: 'OPEN_JOINT_REVIEW', date: d('2026-03-07') }, ctx)[0]
        ?.code,
    ).toBe('CASE_CLOSED');
  });
});

describe('cadreCaseMachine', () => {
  const find = (state: CadreCaseState, ctx: CadreContext, today: string, type: CadreAction['type']) =>
    cadreCaseMachine.availableActions(state, ctx, d(today)).find((available) => available.action === type);

  it("gives a trial review's earliest date as the trial end", () => {
    const { state, ctx } = run('GUIYAN', 'SECRETARY_ASSISTANT', [
      ...through('GUIYAN'),
      { type: 'CLOSE_NOTICE', date: d('2026-04-03'), findings: [] },
      { type: 'APPOINT', date: d('2026-04-08'), termEnd: d('2031-03-31'), documentRef: '聘任书' },
    ]);
    expect(find(state, ctx, '2026-10-01', 'REVIEW_TRIAL')).toEqual({
      action: 'REVIEW_TRIAL',
      earliest: state.trial!.end,
      earliestBy: expect.objectContaining({ code: 'TRIAL_NOT_ENDED' }),
      notYet: [expect.objectContaining({ code: 'TRIAL_NOT_ENDED' })],
    });
    expect(find(state, ctx, state.trial!.end, 'REVIEW_TRIAL')?.notYet).toEqual([]);
    expect(cadreCaseMachine.deadlines(state, ctx)).toEqual([
      { kind: 'TRIAL_END', due: state.trial!.end, hard: false },
    ]);
    expect(cadreCaseMachine.openTasks(state, ctx)).toEqual([
      { action: 'REVIEW_TRIAL', step: 8, actor: 'TOWNSHIP', ref: '', dueOn: state.trial!.end, capOn: null },
    ]);
  });

  it('closes the pre-appointment notice from the day after its end; an elected post cannot be appointed', () => {
    const sevenDays = through('XIANREN').map((action) =>
      action.type === 'START_NOTICE' ? { ...action, end: d('2026-04-07') } : action,
    );
    const { state, ctx } = run('XIANREN', 'VILLAGE_DIRECTOR', sevenDays);
    expect(find(state, ctx, '2026-03-30', 'CLOSE_NOTICE')).toMatchObject({
      earliest: '2026-04-08',
      notYet: [expect.objectContaining({ code: 'NOTICE_NOT_FINISHED' })],
    });
    const closed = cadreCaseMachine.apply(
      state,
      { type: 'CLOSE_NOTICE', date: d('2026-04-08'), findings: [] },
      ctx,
    );
    expect(find(closed.state, ctx, '2026-04-10', 'APPOINT')).toMatchObject({
      earliest: null,
      notYet: [expect.objectContaining({ code: 'ELECTED_POST_CANNOT_BE_APPOINTED' })],
    });
    expect(find(closed.state, ctx, '2026-04-10', 'RECORD_ELECTION')).toMatchObject({
      earliest: '2026-04-08',
      notYet: [],
    });
  });

  it('opens a case with its nomination event', () => {
    const programme = cadreProgramme('GUIYAN')!;
    const opened = cadreCaseMachine.open({
      caseId: 'c1',
      personId: 'p1',
      programme,
      post: 'SECRETARY_ASSISTANT',
      villageId: VILLAGE,
      channel: 'SELF',
      nominatedOn: d('2026-03-02'),
    });
    expect(opened.events).toEqual([{ type: 'nominated', date: '2026-03-02' }]);
    expect(
      cadreCaseMachine.availableActions(
        opened.state,
        { programme, calendar: CHINA_WORKING_DAYS },
        d('2026-03-02'),
      ),
    ).toEqual([
      // Only the nomination's date holds them back: no time rule.
      { action: 'REVIEW_QUALIFICATION', earliest: '2026-03-02', earliestBy: null, notYet: [] },
      { action: 'WITHDRAW', earliest: '2026-03-02', earliestBy: null, notYet: [] },
    ]);
  });
});

describe('the body field a cadre violation concerns', () => {
  const fields = (violations: readonly { code: string; field?: string }[]) =>
    violations.map(({ code, field }) => ({ code, field }));

  it('names the nomination’s fields, the nominee’s under `person`', () => {
    const village: OrgUnit = {
      id: VILLAGE,
      code: 'DX-DZ-DC',
      name: '东村党委',
      kind: 'VILLAGE_COMMITTEE',
      parentId: 't1',
      path: ['t1', VILLAGE],
      canApproveMembership: false,
    };
    const nomination = {
      programme: cadreProgramme('GUIYAN')!,
      post: 'SECRETARY_ASSISTANT' as CadrePost,
      village,
      nationalId: withCheckCharacter('32060220000501123'),
      birthDate: '2000-05-01',
      nominatedOn: d('2026-03-02'),
      today: d('2026-03-02'),
    };
    expect(checkNomination(nomination)).toEqual([]);
    expect(
      fields(
        checkNomination({
          ...nomination,
          post: 'VILLAGE_DIRECTOR',
          village: { ...village, kind: 'TOWNSHIP_COMMITTEE' },
          birthDate: '2000-05-02',
          nominatedOn: d('2026-03-03'),
        }),
      ),
    ).toEqual([
      { code: 'POST_NOT_IN_PROGRAMME', field: 'post' },
      { code: 'NOT_A_VILLAGE', field: 'village' },
      { code: 'BIRTH_DATE_MISMATCH', field: 'person.birthDate' },
      { code: 'NOMINATION_DATE_IN_FUTURE', field: 'nominatedOn' },
    ]);
    const older = withCheckCharacter('32060219800501123');
    expect(fields(checkNomination({ ...nomination, nationalId: older, birthDate: '1980-05-01' }))).toEqual([
      { code: 'AGE_OUT_OF_RANGE', field: 'person.birthDate' },
    ]);
    expect(fields(checkNomination({ ...nomination, nationalId: '123' }))).toEqual([
      { code: 'NATIONAL_ID_MALFORMED', field: 'person.nationalId' },
    ]);
  });

  it('names the field of a step’s body a rule is about', () => {
    const { state, ctx } = run('GUIYAN', 'SECRETARY_ASSISTANT', through('GUIYAN').slice(0, -2));
    expect(
      fields(
        cadreCaseMachine.validate(
          state,
          {
            type: 'DECIDE',
            date: d('2026-03-25'),
            approved: true,
            committeeVote: { members: 9, present: 4, yes: 4 },
            minutesRef: 'x',
          },
          ctx,
        ),
      ),
    ).toEqual([{ code: 'COMMITTEE_QUORUM_NOT_MET', field: 'committeeVote.present' }]);
    const assessing = run('GUIYAN', 'SECRETARY_ASSISTANT', through('GUIYAN').slice(0, -3));
    const assessment = (evaluation: { participants: number; favourable: number }, interviewScore: number) =>
      fields(
        cadreCaseMachine.validate(
          assessing.state,
          { type: 'RECORD_ASSESSMENT', date: d('2026-03-20'), evaluation, interviewScore },
          assessing.ctx,
        ),
      );
    expect(assessment({ participants: 40, favourable: 41 }, 80)).toEqual([
      { code: 'EVALUATION_INCONSISTENT', field: 'evaluation' },
    ]);
    expect(assessment({ participants: 40, favourable: 30 }, 120)).toEqual([
      { code: 'SCORE_OUT_OF_RANGE', field: 'interviewScore' },
    ]);
    const reviewing = run('GUIYAN', 'SECRETARY_ASSISTANT', through('GUIYAN').slice(0, 2));
    expect(
      fields(
        cadreCaseMachine.validate(
          reviewing.state,
          {
            type: 'RECORD_DEPARTMENT_OPINION',
            date: d('2026-03-10'),
            department: '公安局',
            result: 'CONCERN',
            note: ' ',
          },
          reviewing.ctx,
        ),
      ),
    ).toEqual([{ code: 'REASON_REQUIRED', field: 'note' }]);
    expect(
      fields(
        cadreCaseMachine.validate(
          reviewing.state,
          {
            type: 'RECORD_DEPARTMENT_OPINION',
            date: d('2026-03-05'),
            department: '公安局',
            result: 'PASS',
            note: '',
          },
          reviewing.ctx,
        ),
      ),
    ).toEqual([{ code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'date' }]);
  });

  it('names the election’s votes, the trial review’s fields, and no field for a step out of order', () => {
    const noticed = [
      ...through('XIANREN').map((action) =>
        action.type === 'START_NOTICE' ? { ...action, end: d('2026-04-07') } : action,
      ),
      { type: 'CLOSE_NOTICE', date: d('2026-04-08'), findings: [] },
    ] as CadreAction[];
    const placing = run('XIANREN', 'VILLAGE_DIRECTOR', noticed);
    expect(
      fields(
        cadreCaseMachine.validate(
          placing.state,
          {
            type: 'RECORD_ELECTION',
            date: d('2026-04-20'),
            mode: 'ELECTION',
            termEnd: d('2031-03-31'),
            votes: { eligible: 1000, cast: 1200, forCandidate: 700 },
            meetingRef: '选举大会',
          },
          placing.ctx,
        ),
      ),
    ).toEqual([{ code: 'VOTES_INCONSISTENT', field: 'votes' }]);
    const trial = run('XIANREN', 'VILLAGE_DIRECTOR', [
      ...noticed,
      {
        type: 'RECORD_ELECTION',
        date: d('2026-04-20'),
        mode: 'ELECTION',
        termEnd: d('2031-03-31'),
        votes: { eligible: 1000, cast: 800, forCandidate: 500 },
        meetingRef: '选举大会',
      },
    ]);
    const review = (extra: Partial<Extract<CadreAction, { type: 'REVIEW_TRIAL' }>>) =>
      fields(
        cadreCaseMachine.validate(
          trial.state,
          { type: 'REVIEW_TRIAL', date: d('2026-10-20'), outcome: 'PASS', opinion: 'x', ...extra },
          trial.ctx,
        ),
      );
    expect(review({ outcome: 'EXTEND', extensionMonths: 9 })).toEqual([
      { code: 'TRIAL_EXTENSION_OUT_OF_RANGE', field: 'extensionMonths' },
    ]);
    expect(review({ outcome: 'FAIL' })).toEqual([{ code: 'EXIT_DESTINATION_REQUIRED', field: 'exitTo' }]);
    expect(review({ date: d('2026-10-19') })).toEqual([{ code: 'TRIAL_NOT_ENDED', field: 'date' }]);
    const [outOfOrder] = cadreCaseMachine.validate(
      trial.state,
      { type: 'OPEN_JOINT_REVIEW', date: d('2026-10-20') },
      trial.ctx,
    );
    expect(outOfOrder).toMatchObject({ code: 'STEP_OUT_OF_ORDER' });
    expect(outOfOrder).not.toHaveProperty('field');
  });
});
