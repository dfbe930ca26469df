import { randomUUID } from 'node:crypto';

import { WithStartWorkflowOperation, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';

import {
  type CadreCaseView,
  type RecordCadreActionCommand,
  type RecordCadreNominationCommand,
  type RecordReserveRecommendationCommand,
  type ReserveEntryView,
} from '../../libs/contracts/src';
import {
  CHINA_WORKING_DAYS,
  DEFAULT_RESERVE_POLICY,
  type CadreAction,
  type CadreApplicant,
  type CadrePost,
  type LocalDate,
  type OrgUnit,
  addDays,
  addYears,
  cadreProgramme,
} from '../../libs/domain/src';
import { type CadreRecruitmentActivities } from '../../workflows/cadre-recruitment/activities';
import {
  type CadreSnapshot,
  cadreNominationRecordedUpdate,
  cadreRecruitmentWorkflow,
  cadreStateQuery,
  recordCadreActionUpdate,
} from '../../workflows/cadre-recruitment/cadre-recruitment.workflow';
import { type ReservePoolActivities } from '../../workflows/reserve-pool/activities';
import { reservistStateQuery, reservistWorkflowId } from '../../workflows/reserve-pool/reservist.workflow';
import { ruleViolationsFrom } from '../../workflows/shared/rule-violation-failure';
import { eventually } from '../support/database';
import { recordHistory, recordRunHistories, replayFailures, runHistories } from '../support/histories';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '../support/time-skipping';

/**
 * The cadre-recruitment workflow on the time-skipping test server with real durations (a year's trial passes
 * in seconds). Activities are faked; the e2e suite runs the real ones against PostgreSQL and Kafka.
 */
const township: OrgUnit = {
  id: randomUUID(),
  code: 'T',
  name: '东镇党委',
  kind: 'TOWNSHIP_COMMITTEE',
  parentId: null,
  path: [],
  canApproveMembership: true,
};
const village: OrgUnit = {
  ...township,
  id: randomUUID(),
  code: 'V',
  name: '东村党委',
  kind: 'VILLAGE_COMMITTEE',
};
/** Born `years` ago on the server's clock (which runs years ahead as the tests skip time). */
const bornYearsBefore = (today: LocalDate, years: number): string => addYears(today, -years);
const graduate: CadreApplicant = {
  birthDate: '2000-05-01',
  education: 'BACHELOR',
  politicalStatus: 'FULL_MEMBER',
  source: 'RETURNING_GRADUATE',
  householdVillageId: village.id,
  residenceVillageId: null,
  negativeRecords: [],
  relatives: [],
};
const entrepreneur: CadreApplicant = {
  ...graduate,
  birthDate: '1976-02-02',
  education: 'SENIOR_HIGH',
  source: 'LOCAL_ENTREPRENEUR',
};

/** 定制村干: trained for the village under a government–school agreement. */
const trainee: CadreApplicant = {
  ...graduate,
  birthDate: '2003-09-09',
  education: 'JUNIOR_COLLEGE',
  source: 'ORIENTATED_TRAINEE',
  politicalStatus: 'LEAGUE_MEMBER',
};

const AGES = new Map<CadreApplicant, number>([
  [graduate, 26],
  [entrepreneur, 50],
  [trainee, 23],
]);

describe('cadreRecruitmentWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let harness: TimeSkippingWorker;
  const taskQueue = `cadre-${randomUUID()}`;
  const recorded: RecordCadreActionCommand[] = [];
  const deadlines: { caseId: string; kind: string; due: string }[] = [];
  const referrals: RecordReserveRecommendationCommand[] = [];
  /** Cases whose next overdue signal cannot be recorded (the store is down), and the attempts that failed. */
  const failingSignals = new Set<string>();
  const failedSignals: string[] = [];

  beforeAll(async () => {
    const view = (
      caseId: string,
      stage: string,
      status: 'OPEN' | 'CLOSED',
      outcome: string | null,
    ): CadreCaseView => ({
      id: caseId,
      workflowId: `cadre-case-${caseId}`,
      programmeId: 'GUIYAN',
      post: 'SECRETARY_ASSISTANT',
      villageId: village.id,
      stage,
      status,
      outcome,
      nominatedOn: '2026-01-01',
      person: {
        id: 'person-1',
        name: '陈雁',
        nationalIdMasked: '3206**********1234',
        birthDate: '2000-05-01',
      },
    });
    const activities: CadreRecruitmentActivities = {
      recordCadreNomination: (command: RecordCadreNominationCommand) =>
        Promise.resolve(view(command.caseId, 'NOMINATED', 'OPEN', null)),
      recordCadreAction: (command) => {
        recorded.push(command);
        return Promise.resolve(
          view(command.caseId, command.after.stage, command.after.status, command.after.outcome),
        );
      },
      recordCadreDeadline: (command) => {
        if (failingSignals.delete(command.caseId)) {
          failedSignals.push(command.caseId);
          return Promise.reject(ApplicationFailure.nonRetryable('the store is down', 'Unavailable'));
        }
        deadlines.push(command);
        return Promise.resolve();
      },
    };
    const reserve: Pick<
      ReservePoolActivities,
      'reserveReferralTarget' | 'recordReserveRecommendation' | 'recordReserveAction'
    > = {
      // A township whose reserve takes people up to 55 (贤人回村 recruits are older than the usual 35).
      reserveReferralTarget: () =>
        Promise.resolve({
          village,
          townshipId: township.id,
          policy: { ...DEFAULT_RESERVE_POLICY, maxAge: 55 },
          openEntryId: null,
        }),
      recordReserveAction: (command) =>
        Promise.resolve({ ...reserveView(referrals.at(-1)!), status: command.after.status }),
      recordReserveRecommendation: (command) => {
        referrals.push(command);
        return Promise.resolve(reserveView(command));
      },
    };
    function reserveView(command: RecordReserveRecommendationCommand): ReserveEntryView {
      return {
        id: command.entryId,
        workflowId: command.workflowId,
        villageId: command.villageId,
        townshipId: command.townshipId,
        category: command.category,
        status: 'ENTERING',
        entryStep: 'RECOMMENDED',
        education: null,
        politicalStatus: null,
        recommendedOn: command.recommendedOn,
        enteredOn: null,
        leftOn: null,
        leftCode: null,
        inspectionPost: null,
        cadreCaseId: null,
        memberCaseId: null,
        person: {
          id: 'person-1',
          name: '陈雁',
          nationalIdMasked: '',
          birthDate: command.person.birthDate,
        },
      };
    }
    harness = await startTimeSkippingWorker(taskQueue, { ...activities, ...reserve });
    env = harness.env;
  });

  afterAll(() => harness.stop());

  const today = (): Promise<LocalDate> => harness.today();
  const sleepUntil = (date: LocalDate): Promise<void> => harness.sleepUntil(date);

  /** Nominates through update-with-start, as the API does; `historyLimit` makes the case continue as new early. */
  async function nominate(
    programmeId: string,
    post: CadrePost,
    historyLimit?: number,
    caseId: string = randomUUID(),
  ): Promise<{ caseId: string; handle: WorkflowHandle; view: CadreCaseView }> {
    const workflowId = `cadre-case-${caseId}`;
    const view = await env.client.workflow.executeUpdateWithStart(cadreNominationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(cadreRecruitmentWorkflow, {
        workflowId,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            caseId,
            programme: cadreProgramme(programmeId)!,
            post,
            village,
            channel: 'SELF',
            nominatedOn: await today(),
            // As the API starts it: the person row it registered, no name or ID number.
            person: { personId: 'person-1', birthDate: '2000-05-01' },
            recordedBy: null,
            ...(historyLimit ? { historyLimit } : {}),
          },
        ],
      }),
    });
    return { caseId, handle: env.client.workflow.getHandle(workflowId), view };
  }

  type Build = (date: LocalDate) => CadreAction;
  const act = async (handle: WorkflowHandle, build: Build, updateId?: string) =>
    handle.executeUpdate(recordCadreActionUpdate, {
      args: [{ ...build(await today()), actingBody: township }],
      ...(updateId ? { updateId } : {}),
    });
  const refusal = async (handle: WorkflowHandle, build: Build): Promise<string[]> =>
    act(handle, build).then(
      () => [],
      (error: unknown) => ruleViolationsFrom(error).map((v) => v.code),
    );
  const snapshot = (handle: WorkflowHandle): Promise<CadreSnapshot> => handle.query(cadreStateQuery);
  /**
   * Waits for the case to close by querying: awaiting a result lets the test server skip time while the workflow
   * finishes, past other workflows' far timers (years of them).
   */
  const closed = (handle: WorkflowHandle): Promise<CadreSnapshot> =>
    eventually('the case closed', async () => {
      const current = await snapshot(handle);
      return current.status === 'CLOSED' ? current : undefined;
    });

  /** Qualification through the notice's end, for `applicant` in `programmeId`. */
  async function throughNotice(handle: WorkflowHandle, programmeId: string, applicant: CadreApplicant) {
    const programme = cadreProgramme(programmeId)!;
    await act(handle, (date) => ({
      type: 'REVIEW_QUALIFICATION',
      date,
      applicant: { ...applicant, birthDate: bornYearsBefore(date, AGES.get(applicant)!) },
      committeeMemberIds: [],
    }));
    await act(handle, (date) => ({ type: 'OPEN_JOINT_REVIEW', date }));
    for (const department of programme.jointReviewDepartments) {
      await act(handle, (date) => ({
        type: 'RECORD_DEPARTMENT_OPINION',
        date,
        department,
        result: 'PASS',
        note: '',
      }));
    }
    await act(handle, (date) => ({
      type: 'RECORD_ASSESSMENT',
      date,
      evaluation: { participants: 30, favourable: 27 },
      interviewScore: null,
    }));
    await act(handle, (date) => ({
      type: 'DECIDE',
      date,
      approved: true,
      committeeVote: { members: 9, present: 9, yes: 8 },
      minutesRef: '党委会纪要',
      countyConsultationRef: '县委组织部函',
    }));
    const start = await today();
    const end = CHINA_WORKING_DAYS.lastDayOfPeriod(start, programme.noticeWorkingDays).value;
    // One working day short is refused with the rule's code; the full period is accepted.
    const short = CHINA_WORKING_DAYS.lastDayOfPeriod(start, programme.noticeWorkingDays - 1).value;
    expect(
      await refusal(handle, (date) => ({ type: 'START_NOTICE', date, end: short, scope: '本村' })),
    ).toEqual(['NOTICE_SHORTER_THAN_RULE']);
    await act(handle, (date) => ({ type: 'START_NOTICE', date, end, scope: '本村' }));
    return end;
  }

  it('归雁计划: appoints after the notice, signals the trial end a year on, confirms and files', async () => {
    const { caseId, handle } = await nominate('GUIYAN', 'SECRETARY_ASSISTANT');
    const noticeEnd = await throughNotice(handle, 'GUIYAN', graduate);
    expect(await refusal(handle, (date) => ({ type: 'CLOSE_NOTICE', date, findings: [] }))).toEqual([
      'NOTICE_NOT_FINISHED',
    ]);
    await sleepUntil(addDays(noticeEnd, 1));
    await act(handle, (date) => ({ type: 'CLOSE_NOTICE', date, findings: [] }));
    const appointed = await act(handle, (date) => ({
      type: 'APPOINT',
      date,
      termEnd: addDays(date, 5 * 365),
      documentRef: '聘任书',
    }));
    expect(appointed).toMatchObject({ stage: 'TRIAL' });
    const trialEnd = (await snapshot(handle)).state!.trial!.end;
    expect(
      await refusal(handle, (date) => ({ type: 'REVIEW_TRIAL', date, outcome: 'PASS', opinion: '称职' })),
    ).toEqual(['TRIAL_NOT_ENDED']);
    // The year's trial passes on the server's clock; the day after its end the township is told it is overdue.
    await sleepUntil(addDays(trialEnd, 2));
    expect(deadlines).toContainEqual(expect.objectContaining({ caseId, kind: 'TRIAL_END', due: trialEnd }));
    await act(handle, (date) => ({ type: 'REVIEW_TRIAL', date, outcome: 'PASS', opinion: '称职' }));
    await act(handle, (date) => ({ type: 'FILE_WITH_COUNTY', date, ref: '备案' }));
    const result = await closed(handle);
    expect(result).toMatchObject({ status: 'CLOSED', state: { outcome: 'CONFIRMED' } });
    const events = recorded
      .filter((command) => command.caseId === caseId)
      .flatMap((command) => command.events.map((e) => e.kind));
    expect(events).toEqual(['qualified', 'appointed', 'trial-passed']);
  });

  it('贤人回村: the elected post is filled by a by-election record; the trial is extended once', async () => {
    const { caseId, handle } = await nominate('XIANREN', 'VILLAGE_DIRECTOR');
    const noticeEnd = await throughNotice(handle, 'XIANREN', entrepreneur);
    await sleepUntil(addDays(noticeEnd, 1));
    await act(handle, (date) => ({ type: 'CLOSE_NOTICE', date, findings: [] }));
    expect(
      await refusal(handle, (date) => ({
        type: 'APPOINT',
        date,
        termEnd: addDays(date, 1800),
        documentRef: 'x',
      })),
    ).toEqual(['ELECTED_POST_CANNOT_BE_APPOINTED']);
    await act(handle, (date) => ({
      type: 'RECORD_ELECTION',
      date,
      mode: 'BY_ELECTION',
      termEnd: addDays(date, 1800),
      votes: { eligible: 1000, cast: 820, forCandidate: 600 },
      meetingRef: '村民会议补选',
    }));
    const trialEnd = (await snapshot(handle)).state!.trial!.end;
    await sleepUntil(addDays(trialEnd, 1));
    await act(handle, (date) => ({
      type: 'REVIEW_TRIAL',
      date,
      outcome: 'EXTEND',
      extensionMonths: 3,
      opinion: '基本称职',
    }));
    const extended = (await snapshot(handle)).state!.trial!;
    expect(extended.extendedMonths).toBe(3);
    await sleepUntil(addDays(extended.end, 1));
    await act(handle, (date) => ({
      type: 'REVIEW_TRIAL',
      date,
      outcome: 'FAIL',
      exitTo: 'RESERVE_POOL',
      reserveCategory: 'RETURNING_MIGRANT',
      opinion: '不称职',
    }));
    const events = recorded
      .filter((command) => command.caseId === caseId)
      .flatMap((command) => command.events);
    expect(events.map((e) => e.kind)).toEqual([
      'qualified',
      'appointed',
      'trial-extended',
      'trial-failed',
      'exited',
    ]);
    expect(events.find((e) => e.kind === 'appointed')?.details).toMatchObject({
      mode: 'BY_ELECTION',
      post: 'VILLAGE_DIRECTOR',
    });
    const { reserveReferral } = events.find((e) => e.kind === 'exited')!.details as {
      reserveReferral: { outcome: string; entryId: string };
    };
    expect(reserveReferral).toEqual({ outcome: 'REFERRED', entryId: expect.any(String) });
    // The township's referral opens the person's reserve entry in a workflow of its own.
    const reservist = await eventually('the reserve entry workflow', () =>
      env.client.workflow
        .getHandle(reservistWorkflowId(reserveReferral.entryId))
        .query(reservistStateQuery)
        .then((snapshot) => (snapshot.status === 'OPEN' ? snapshot : undefined))
        .catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return undefined;
          throw error;
        }),
    );
    expect(reservist).toMatchObject({ policy: { maxAge: 55 }, state: { status: 'ENTERING' } });
    expect(referrals).toEqual([
      expect.objectContaining({
        entryId: reserveReferral.entryId,
        category: 'RETURNING_MIGRANT',
        channel: 'ORGANISATION',
        villageId: village.id,
        townshipId: township.id,
      }),
    ]);
    // Filed with the county, the case ends as an exit; the reservist's workflow lives on.
    await act(handle, (date) => ({ type: 'FILE_WITH_COUNTY', date, ref: '备案' }));
    expect(await closed(handle)).toMatchObject({ state: { outcome: 'EXITED' } });
    recordHistory('cadre-recruitment-xianren-exit-to-reserve', await handle.fetchHistory());
  });

  it('定制村干: an orientated trainee placed as village affairs staff, confirmed after the trial and filed', async () => {
    const { caseId, handle } = await nominate('DINGZHI', 'VILLAGE_AFFAIRS_STAFF');
    const noticeEnd = await throughNotice(handle, 'DINGZHI', trainee);
    await sleepUntil(addDays(noticeEnd, 1));
    await act(handle, (date) => ({ type: 'CLOSE_NOTICE', date, findings: [] }));
    await act(handle, (date) => ({
      type: 'APPOINT',
      date,
      termEnd: addDays(date, 3 * 365),
      documentRef: '聘用合同',
    }));
    const trialEnd = (await snapshot(handle)).state!.trial!.end;
    await sleepUntil(addDays(trialEnd, 1));
    await act(handle, (date) => ({ type: 'REVIEW_TRIAL', date, outcome: 'PASS', opinion: '胜任村务专干' }));
    await act(handle, (date) => ({ type: 'FILE_WITH_COUNTY', date, ref: '备案' }));
    expect(await closed(handle)).toMatchObject({ state: { outcome: 'CONFIRMED' } });
    const events = recorded
      .filter((command) => command.caseId === caseId)
      .flatMap((command) => command.events);
    expect(events.map((e) => e.kind)).toEqual(['qualified', 'appointed', 'trial-passed']);
    // The appointment tells HR the post, the mode, the trial's end and the education reviewed.
    expect(events[1]!.details).toMatchObject({
      post: 'VILLAGE_AFFAIRS_STAFF',
      mode: 'APPOINTMENT',
      trialEnd,
      education: 'JUNIOR_COLLEGE',
    });
  });

  it('stops at a failed joint review, and signals an unanswered joint review when its days run out', async () => {
    const failed = await nominate('DINGZHI', 'VILLAGE_AFFAIRS_STAFF');

    await act(failed.handle, (date) => ({
      type: 'REVIEW_QUALIFICATION',
      date,
      applicant: { ...trainee, birthDate: bornYearsBefore(date, 23) },
      committeeMemberIds: [],
    }));
    await act(failed.handle, (date) => ({ type: 'OPEN_JOINT_REVIEW', date }));
    await act(failed.handle, (date) => ({
      type: 'RECORD_DEPARTMENT_OPINION',
      date,
      department: '公安局',
      result: 'FAIL',
      note: '有违法记录',
    }));
    expect(await closed(failed.handle)).toMatchObject({
      status: 'CLOSED',
      state: { outcome: 'JOINT_REVIEW_FAILED' },
    });

    const waiting = await nominate('DINGZHI', 'VILLAGE_AFFAIRS_STAFF');
    await act(waiting.handle, (date) => ({
      type: 'REVIEW_QUALIFICATION',
      date,
      applicant: { ...trainee, birthDate: bornYearsBefore(date, 23) },
      committeeMemberIds: [],
    }));
    await act(waiting.handle, (date) => ({ type: 'OPEN_JOINT_REVIEW', date }));
    const due = (await snapshot(waiting.handle)).deadlines[0]!;
    expect(due.kind).toBe('JOINT_REVIEW_DUE');
    await sleepUntil(addDays(due.due, 2));
    expect(deadlines).toContainEqual(
      expect.objectContaining({ caseId: waiting.caseId, kind: 'JOINT_REVIEW_DUE', due: due.due }),
    );
  });

  it('stops the appointment when an objection raised in the notice is upheld', async () => {
    const { handle } = await nominate('GUIYAN', 'SECRETARY_ASSISTANT');
    const noticeEnd = await throughNotice(handle, 'GUIYAN', graduate);
    await act(handle, (date) => ({ type: 'RECORD_OBJECTION', date, text: '反映其学历造假' }));
    await sleepUntil(addDays(noticeEnd, 1));
    await act(handle, (date) => ({
      type: 'CLOSE_NOTICE',
      date,
      findings: [{ finding: '经查属实', affectsEligibility: true }],
    }));
    expect(await closed(handle)).toMatchObject({
      status: 'CLOSED',
      state: { outcome: 'NOTICE_OBJECTION_UPHELD' },
    });
  });

  it('continues as new when its history grows long: state, overdue signals and update ids carried over', async () => {
    // A history limit of a few dozen events: the case continues as new every few actions.
    const { caseId, handle } = await nominate('GUIYAN', 'SECRETARY_ASSISTANT', 40);
    const firstRunId = (await handle.describe()).runId;
    const programme = cadreProgramme('GUIYAN')!;
    const qualify: Build = (date) => ({
      type: 'REVIEW_QUALIFICATION',
      date,
      applicant: { ...graduate, birthDate: bornYearsBefore(date, 26) },
      committeeMemberIds: [],
    });
    await act(handle, qualify, `qualify-${caseId}`);
    await act(handle, (date) => ({ type: 'OPEN_JOINT_REVIEW', date }));
    const due = (await snapshot(handle)).deadlines[0]!;
    await sleepUntil(addDays(due.due, 2));
    const overdue = () => deadlines.filter((signal) => signal.caseId === caseId);
    expect(overdue()).toEqual([expect.objectContaining({ kind: 'JOINT_REVIEW_DUE', due: due.due })]);
    // All departments but one answer; meanwhile the case has continued as new, the joint review still due.
    const [last, ...answering] = [...programme.jointReviewDepartments].reverse();
    for (const department of answering) {
      await act(handle, (date) => ({
        type: 'RECORD_DEPARTMENT_OPINION',
        date,
        department,
        result: 'PASS',
        note: '',
      }));
    }
    await eventually('the case continued as new', async () =>
      (await handle.describe()).runId !== firstRunId ? true : undefined,
    );
    // A retried request (same update id) is answered by the new run, not recorded again; so is the nomination.
    expect(await act(handle, qualify, `qualify-${caseId}`)).toMatchObject({ stage: 'JOINT_REVIEW' });
    expect((await nominate('GUIYAN', 'SECRETARY_ASSISTANT', 40, caseId)).view).toMatchObject({ id: caseId });
    await act(handle, (date) => ({
      type: 'RECORD_DEPARTMENT_OPINION',
      date,
      department: last!,
      result: 'PASS',
      note: '',
    }));
    const { state } = await snapshot(handle);
    expect(state).toMatchObject({ stage: 'ASSESSMENT', qualification: { education: 'BACHELOR' } });
    expect(Object.keys(state!.jointReview!.answers).sort()).toEqual(
      [...programme.jointReviewDepartments].sort(),
    );
    await act(handle, (date) => ({
      type: 'RECORD_ASSESSMENT',
      date,
      evaluation: { participants: 30, favourable: 27 },
      interviewScore: null,
    }));
    await act(handle, (date) => ({
      type: 'DECIDE',
      date,
      approved: false,
      committeeVote: { members: 9, present: 9, yes: 3 },
      minutesRef: '党委会纪要',
      countyConsultationRef: '县委组织部函',
    }));
    expect(await closed(handle)).toMatchObject({ state: { outcome: 'NOT_DECIDED' } });
    // Every action recorded once, the overdue joint review signalled once across the runs.
    expect(
      recorded.filter((command) => command.caseId === caseId).map((command) => command.action.type),
    ).toEqual([
      'REVIEW_QUALIFICATION',
      'OPEN_JOINT_REVIEW',
      ...programme.jointReviewDepartments.map(() => 'RECORD_DEPARTMENT_OPINION'),
      'RECORD_ASSESSMENT',
      'DECIDE',
    ]);
    expect(overdue()).toHaveLength(1);
    const histories = await runHistories(env.client, handle.workflowId, firstRunId);
    expect(histories.length).toBeGreaterThanOrEqual(3);
    expect(await replayFailures(histories)).toEqual([]);
    recordRunHistories('cadre-recruitment-guiyan-continued', histories);
  });

  it('tries a failed overdue signal again an hour later, the deferral carried over continue-as-new', async () => {
    const { caseId, handle } = await nominate('DINGZHI', 'VILLAGE_AFFAIRS_STAFF', 40);
    const firstRunId = (await handle.describe()).runId;
    await act(handle, (date) => ({
      type: 'REVIEW_QUALIFICATION',
      date,
      applicant: { ...trainee, birthDate: bornYearsBefore(date, 23) },
      committeeMemberIds: [],
    }));
    await act(handle, (date) => ({ type: 'OPEN_JOINT_REVIEW', date }));
    const due = (await snapshot(handle)).deadlines[0]!;
    failingSignals.add(caseId);
    // The day after the due day the signal fails: the case carries on and tries again an hour later.
    await sleepUntil(addDays(due.due, 1));
    await eventually('the failed signal', () =>
      Promise.resolve(failedSignals.includes(caseId) ? true : undefined),
    );
    const failedIn = (await handle.describe()).runId;
    const departments = cadreProgramme('DINGZHI')!.jointReviewDepartments;
    for (const department of departments.slice(0, -1)) {
      await act(handle, (date) => ({
        type: 'RECORD_DEPARTMENT_OPINION',
        date,
        department,
        result: 'PASS',
        note: '',
      }));
    }
    await eventually('the case continued as new', async () =>
      (await handle.describe()).runId !== failedIn ? true : undefined,
    );
    // The new run waits out the deferral it carried instead of trying at once.
    await act(handle, (date) => ({
      type: 'RECORD_DEPARTMENT_OPINION',
      date,
      department: departments.at(-1)!,
      result: 'CONCERN',
      note: '待核实',
    }));
    expect(deadlines.filter((signal) => signal.caseId === caseId)).toEqual([]);
    await env.sleep('2 hours');
    await eventually('the signal recorded', () =>
      Promise.resolve(deadlines.some((signal) => signal.caseId === caseId) ? true : undefined),
    );
    expect(deadlines.filter((signal) => signal.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'JOINT_REVIEW_DUE', due: due.due }),
    ]);
    expect(failedSignals.filter((failed) => failed === caseId)).toHaveLength(1);
    await act(handle, (date) => ({ type: 'WITHDRAW', date, reason: '本人申请' }));
    await closed(handle);
    const histories = await runHistories(env.client, handle.workflowId, firstRunId);
    expect(await replayFailures(histories)).toEqual([]);
    recordRunHistories('cadre-recruitment-dingzhi-deferred-signal', histories);
  });
});
