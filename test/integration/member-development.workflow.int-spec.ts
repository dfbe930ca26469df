import { randomUUID } from 'node:crypto';

import {
  WithStartWorkflowOperation,
  type WorkflowHandle,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';

import {
  type MemberCaseView,
  type RecordApplicationCommand,
  type RecordDeadlineSignalCommand,
  type RecordImportedMemberCaseCommand,
  type RecordMemberActionCommand,
} from '../../libs/contracts/src';
import {
  ARCHIVE_SET,
  CHINA_WORKING_DAYS,
  type LocalDate,
  type MeetingVote,
  type MemberAction,
  type OrgUnit,
  addDays,
  addMonths,
  addYears,
} from '../../libs/domain/src';
import { type MemberDevelopmentActivities } from '../../workflows/member-development/activities';
import {
  type ApplicationRecorded,
  type MemberDevelopmentInput,
  applicationRecordedUpdate,
  availableActionsQuery,
  caseStateQuery,
  memberDevelopmentWorkflow,
  recordActionUpdate,
  timelineQuery,
} from '../../workflows/member-development/member-development.workflow';
import { ruleViolationFailure } from '../../workflows/shared/rule-violation-failure';
import { recordRunHistories, replayFailures, runHistories } from '../support/histories';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '../support/time-skipping';

/**
 * The member-development workflow on the time-skipping test server with the real durations (a year of
 * cultivation and a year of probation pass in seconds). The activity layer is faked here; the e2e suite
 * drives the same workflow through the real activities, PostgreSQL and Kafka.
 */
const unit = (name: string, kind: OrgUnit['kind'], canApproveMembership = false): OrgUnit => ({
  id: randomUUID(),
  code: name,
  name,
  kind,
  parentId: null,
  path: [],
  canApproveMembership,
});
const township = unit('东镇党委', 'TOWNSHIP_COMMITTEE', true);
const village = unit('东村党委', 'VILLAGE_COMMITTEE');
const branch = unit('东村第一党支部', 'BRANCH');
const route = { approver: township, reviewers: [village] };
const full = (name: string) => ({ personId: randomUUID(), name, status: 'FULL_MEMBER' as const });
const [contactA, contactB] = [full('联系人甲'), full('联系人乙')];
const vote: MeetingVote = {
  votingMembers: 15,
  excluded: [],
  presentVoting: 12,
  writtenOpinions: [],
  yes: 11,
  no: 1,
  abstain: 0,
  ballot: 'SECRET',
  candidates: 1,
};
const committeeVote = { members: 7, present: 6, yes: 6 };

describe('memberDevelopmentWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `member-development-${randomUUID()}`;
  const actions: RecordMemberActionCommand[] = [];
  const signals: RecordDeadlineSignalCommand[] = [];
  const imports: RecordImportedMemberCaseCommand['application'][] = [];
  let recordApplication: jest.Mock<Promise<MemberCaseView>, [RecordApplicationCommand]>;
  let harness: TimeSkippingWorker;

  const viewOf = (
    caseId: string,
    stage: MemberCaseView['stage'],
    currentStep: number,
    status: MemberCaseView['status'] = 'OPEN',
  ): MemberCaseView => ({
    id: caseId,
    workflowId: `member-case-${caseId}`,
    ruleSet: '2026.05',
    stage,
    currentStep,
    status,
    applicationDate: '2026-01-01',
    branchId: branch.id,
    applicant: {
      personId: 'person-1',
      name: '郑洁',
      nationalIdMasked: '1101**********002X',
      gender: 'FEMALE',
      birthDate: '1990-01-01',
    },
    createdAt: new Date(0).toISOString(),
  });

  beforeAll(async () => {
    recordApplication = jest.fn((command: RecordApplicationCommand) =>
      Promise.resolve(viewOf(command.caseId, 'APPLICANT', 1)),
    );
    const activities: MemberDevelopmentActivities = {
      recordApplication,
      recordMemberAction: (command) => {
        actions.push(command);
        return Promise.resolve(
          viewOf(command.caseId, command.after.stage, command.after.lastStep, command.after.status),
        );
      },
      recordImportedCase: ({ application, history }) => {
        imports.push(application);
        actions.push(...history);
        const last = history.at(-1)?.after;
        return Promise.resolve(
          last
            ? viewOf(application.caseId, last.stage, last.lastStep, last.status)
            : viewOf(application.caseId, 'APPLICANT', 1),
        );
      },
      recordDeadlineSignal: (command) => {
        signals.push(command);
        return Promise.resolve();
      },
    };
    harness = await startTimeSkippingWorker(taskQueue, activities);
    env = harness.env;
  });

  afterAll(() => harness.stop());

  const today = (): Promise<LocalDate> => harness.today();
  const sleepUntil = (date: LocalDate): Promise<void> => harness.sleepUntil(date);

  /** Starts a case's workflow with its application (update-with-start, as the gateway does). */
  const started = (
    caseId: string,
    input: Omit<MemberDevelopmentInput, 'caseId' | 'requestFingerprint' | 'branch'>,
  ): Promise<ApplicationRecorded> =>
    env.client.workflow.executeUpdateWithStart(applicationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
        workflowId: `member-case-${caseId}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ caseId, requestFingerprint: 'fingerprint', branch, ...input }],
      }),
    });

  async function startCase(
    ruleSet: '2014' | '2026.05' = '2026.05',
    applicationDate?: LocalDate,
  ): Promise<{ caseId: string; handle: WorkflowHandle }> {
    const caseId = randomUUID();
    const recorded = await started(caseId, {
      application: {
        name: '郑洁',
        nationalId: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: 'FEMALE',
        applicationDate: applicationDate ?? (await today()),
        ruleSet,
        branchId: branch.id,
        recordedBy: null,
      },
    });
    expect(recorded).toMatchObject({ requestFingerprint: 'fingerprint', memberCase: { id: caseId } });
    return { caseId, handle: env.client.workflow.getHandle(`member-case-${caseId}`) };
  }

  type Build = (date: LocalDate) => MemberAction;
  const act = async (handle: WorkflowHandle, build: Build): Promise<MemberCaseView> =>
    handle.executeUpdate(recordActionUpdate, { args: [build(await today())] });
  const refused = async (handle: WorkflowHandle, build: Build): Promise<string[]> => {
    const error = await act(handle, build).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (
      ((error as WorkflowUpdateFailedError).cause as ApplicationFailure).details as { code: string }[]
    ).map((v) => v.code);
  };
  const b = { actingBody: branch };

  /** Application to activist; returns the activist date. */
  async function toActivist(handle: WorkflowHandle): Promise<LocalDate> {
    await env.sleep('10 days');
    await act(handle, (date) => ({
      type: 'RECORD_TALK',
      date,
      ...b,
      talker: '组织委员',
      summary: '了解入党动机',
    }));
    await env.sleep('10 days');
    const activistDate = await today();
    await act(handle, (date) => ({
      type: 'DETERMINE_ACTIVIST',
      date,
      ...b,
      recommendation: 'PARTY_MEMBERS',
    }));
    await act(handle, (date) => ({ type: 'FILE_ACTIVIST', date, actingBody: township }));
    await act(handle, (date) => ({ type: 'ASSIGN_CONTACTS', date, ...b, contacts: [contactA, contactB] }));
    return activistDate;
  }

  /** A year after becoming an activist: proposed, consented, noticed for five working days, listed. */
  async function toListed(handle: WorkflowHandle, activistDate: LocalDate): Promise<void> {
    await sleepUntil(addYears(activistDate, 1));
    await act(handle, (date) => ({
      type: 'PROPOSE_DEVELOPMENT_TARGET',
      date,
      ...b,
      opinionsHeard: ['党小组', '培养联系人', '群众'],
    }));
    await act(handle, (date) => ({
      type: 'HIGHER_COMMITTEE_DECISION',
      date,
      actingBody: township,
      route,
      consent: true,
    }));
    const noticeEnd = CHINA_WORKING_DAYS.lastDayOfPeriod(await today(), 5).value;
    await act(handle, (date) => ({
      type: 'START_NOTICE',
      date,
      ...b,
      end: noticeEnd,
      scope: '工作单位和居住地',
    }));
    await sleepUntil(addDays(noticeEnd, 1));
    await act(handle, (date) => ({
      type: 'CLOSE_NOTICE',
      date,
      ...b,
      affectsEligibility: false,
      finding: '无异议',
    }));
  }

  /** Activist to branch acceptance (2026 path with consent and notice); returns the meeting date. */
  async function toAccepted(handle: WorkflowHandle, activistDate: LocalDate): Promise<LocalDate> {
    await sleepUntil(addMonths(activistDate, 6));
    await act(handle, (date) => ({ type: 'RECORD_ACTIVIST_VETTING', date, ...b, summary: '半年考察' }));
    await toListed(handle, activistDate);
    await act(handle, (date) => ({ type: 'DESIGNATE_SPONSORS', date, ...b, sponsors: [contactA, contactB] }));
    await act(handle, (date) => ({
      type: 'RECORD_POLITICAL_REVIEW',
      date,
      ...b,
      passed: true,
      conclusionRef: '政审结论',
    }));
    await env.sleep('5 days');
    await act(handle, (date) => ({
      type: 'RECORD_TRAINING',
      date,
      actingBody: township,
      training: { days: 3, classHours: 24 },
    }));
    await act(handle, (date) => ({ type: 'COMMITTEE_REVIEW', date, ...b, passed: true, opinion: '合格' }));
    await act(handle, (date) => ({
      type: 'PRE_REVIEW',
      date,
      actingBody: township,
      route,
      passed: true,
      expectedDeparture: null,
    }));
    await act(handle, (date) => ({ type: 'FILL_APPLICATION_FORM', date, ...b, formNumber: '0001234' }));
    await env.sleep('10 days');
    const meetingDate = await today();
    await act(handle, (date) => ({ type: 'BRANCH_MEETING_ACCEPTANCE', date, ...b, vote }));
    await act(handle, (date) => ({
      type: 'REVIEW_BY_BODY',
      date,
      actingBody: village,
      route,
      opinion: '同意',
    }));
    await act(handle, (date) => ({
      type: 'COMMITTEE_INTERVIEW',
      date,
      actingBody: township,
      interviewer: '组织员',
    }));
    return meetingDate;
  }

  it('carries a 2026 case from application to archived full member through a year of cultivation and a year of probation', async () => {
    const { caseId, handle } = await startCase();
    const firstRunId = (await handle.describe()).runId;
    const activistDate = await toActivist(handle);

    // T3 on the workflow itself: one day short of a year is refused, the next day is allowed.
    await sleepUntil(addDays(addYears(activistDate, 1), -1));
    expect(
      await refused(handle, (date) => ({
        type: 'PROPOSE_DEVELOPMENT_TARGET',
        date,
        ...b,
        opinionsHeard: [],
      })),
    ).toEqual(['T3_CULTIVATION_TOO_SHORT']);
    const meetingDate = await toAccepted(handle, activistDate);

    await act(handle, (date) => ({
      type: 'APPROVE_ACCEPTANCE',
      date,
      actingBody: township,
      route,
      resolutionReceived: meetingDate,
      approved: true,
      committeeVote,
    }));
    const admitted = await handle.query(caseStateQuery);
    expect(admitted.state).toMatchObject({
      stage: 'PROBATIONARY',
      probation: { start: meetingDate, end: addYears(meetingDate, 1) },
    });
    await act(handle, (date) => ({ type: 'FILE_WITH_ORG_DEPARTMENT', date, actingBody: township }));
    await act(handle, (date) => ({ type: 'ASSIGN_TO_GROUP', date, ...b, partyGroup: '第一党小组' }));
    await act(handle, (date) => ({ type: 'RECORD_OATH', date, ...b }));
    await env.sleep('90 days');
    await act(handle, (date) => ({ type: 'RECORD_PROBATION_VETTING', date, ...b, summary: '季度考察' }));

    // A year of probation, counted from the branch meeting (not the oath).
    await sleepUntil(addYears(meetingDate, 1));
    await act(handle, (date) => ({ type: 'APPLY_FOR_CONVERSION', date, ...b }));
    await act(handle, (date) => ({ type: 'CONVERSION_MEETING', date, ...b, vote, proposal: 'CONVERT' }));
    await decideConversion(handle);
    await act(handle, (date) => ({
      type: 'ARCHIVE',
      date,
      ...b,
      documents: [
        '入党志愿书',
        '入党申请书',
        '培养考察登记表',
        '政审材料',
        '预备党员教育考察登记表',
        '转正申请书',
      ],
    }));

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'CLOSED',
      state: {
        outcome: 'FULL_MEMBER',
        stage: 'FULL_MEMBER',
        lastStep: 25,
        probation: { partyAgeFrom: addYears(meetingDate, 1) },
      },
    });
    const ownActions = actions.filter((a) => a.caseId === caseId);
    expect(ownActions.flatMap((a) => a.events.map((e) => e.kind))).toEqual([
      'activist-determined',
      'development-target-listed',
      'accepted-by-branch',
      'probationary-admitted',
      'converted',
      'archived',
    ]);
    expect(new Set(ownActions.map((a) => a.step))).toEqual(new Set([...Array(24).keys()].map((i) => i + 2)));
    // Stage boundaries continued the workflow as new, carrying the case forward.
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    const histories = await runHistories(env.client, `member-case-${caseId}`, firstRunId);
    expect(histories.length).toBeGreaterThanOrEqual(4); // applicant, activist, development target, probationary, full member
    // Every run replays deterministically against the current code.
    expect(await replayFailures(histories)).toEqual([]);
    recordRunHistories('member-development-2026-full', histories);
    // The half-yearly vetting (T2) was signalled as it came due, and the probation end (T10) too.
    const ownSignals = signals.filter((s) => s.caseId === caseId).map((s) => `${s.deadline.kind}:${s.level}`);
    expect(ownSignals).toEqual(
      expect.arrayContaining(['T2_ACTIVIST_VETTING:WARNING', 'T10_PROBATION_END:WARNING']),
    );
  });

  /** Application to probationary member; returns the branch meeting date (probation start). */
  async function toProbationary(handle: WorkflowHandle): Promise<LocalDate> {
    const meetingDate = await toAccepted(handle, await toActivist(handle));
    await act(handle, (date) => ({
      type: 'APPROVE_ACCEPTANCE',
      date,
      actingBody: township,
      route,
      resolutionReceived: meetingDate,
      approved: true,
      committeeVote,
    }));
    return meetingDate;
  }
  /** The village committee reviews the branch's conversion resolution, then the township approves it. */
  async function decideConversion(handle: WorkflowHandle): Promise<void> {
    await act(handle, (date) => ({
      type: 'REVIEW_BY_BODY',
      date,
      actingBody: village,
      route,
      opinion: '同意',
    }));
    await act(handle, (date) => ({
      type: 'APPROVE_CONVERSION',
      date,
      actingBody: township,
      route,
      resolutionReceived: date,
      approved: true,
      committeeVote,
    }));
  }

  it('extends probation once by six months, refuses a second extension, then converts with party age from the extended end (T11, T14)', async () => {
    const { caseId, handle } = await startCase();
    const meetingDate = await toProbationary(handle);
    await sleepUntil(addYears(meetingDate, 1));
    await act(handle, (date) => ({ type: 'APPLY_FOR_CONVERSION', date, ...b }));
    expect(
      await refused(handle, (date) => ({
        type: 'CONVERSION_MEETING',
        date,
        ...b,
        vote,
        proposal: 'EXTEND',
        extensionMonths: 13,
      })),
    ).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    await act(handle, (date) => ({
      type: 'CONVERSION_MEETING',
      date,
      ...b,
      vote,
      proposal: 'EXTEND',
      extensionMonths: 6,
    }));
    await decideConversion(handle);
    const extendedEnd = addMonths(addYears(meetingDate, 1), 6);
    expect((await handle.query(caseStateQuery)).state?.probation).toMatchObject({
      end: extendedEnd,
      extensions: 1,
    });
    await sleepUntil(extendedEnd);
    await act(handle, (date) => ({ type: 'APPLY_FOR_CONVERSION', date, ...b }));
    expect(
      await refused(handle, (date) => ({
        type: 'CONVERSION_MEETING',
        date,
        ...b,
        vote,
        proposal: 'EXTEND',
        extensionMonths: 6,
      })),
    ).toEqual(['T11_ALREADY_EXTENDED']);
    await act(handle, (date) => ({ type: 'CONVERSION_MEETING', date, ...b, vote, proposal: 'CONVERT' }));
    await decideConversion(handle);
    await act(handle, (date) => ({ type: 'ARCHIVE', date, ...b, documents: [...ARCHIVE_SET] }));
    expect(await handle.result()).toMatchObject({
      state: { outcome: 'FULL_MEMBER', probation: { partyAgeFrom: extendedEnd } },
    });
    expect(actions.filter((a) => a.caseId === caseId).flatMap((a) => a.events.map((e) => e.kind))).toContain(
      'probation-extended',
    );
  });

  it('cancels probationary status on an adopted resolution and its approval', async () => {
    const { caseId, handle } = await startCase();
    const meetingDate = await toProbationary(handle);
    await sleepUntil(addYears(meetingDate, 1));
    await act(handle, (date) => ({ type: 'APPLY_FOR_CONVERSION', date, ...b }));
    await act(handle, (date) => ({ type: 'CONVERSION_MEETING', date, ...b, vote, proposal: 'CANCEL' }));
    await decideConversion(handle);
    expect(await handle.result()).toMatchObject({
      status: 'CLOSED',
      state: { outcome: 'PROBATION_CANCELLED' },
    });
    expect(actions.filter((a) => a.caseId === caseId).flatMap((a) => a.events.map((e) => e.kind))).toContain(
      'probationary-status-cancelled',
    );
  });

  it('does not list an activist when a notice objection is found to affect eligibility', async () => {
    const { caseId, handle } = await startCase();
    const activistDate = await toActivist(handle);
    await sleepUntil(addYears(activistDate, 1));
    await act(handle, (date) => ({
      type: 'PROPOSE_DEVELOPMENT_TARGET',
      date,
      ...b,
      opinionsHeard: ['党小组'],
    }));
    await act(handle, (date) => ({
      type: 'HIGHER_COMMITTEE_DECISION',
      date,
      actingBody: township,
      route,
      consent: true,
    }));
    const end = CHINA_WORKING_DAYS.lastDayOfPeriod(await today(), 5).value;
    await act(handle, (date) => ({ type: 'START_NOTICE', date, ...b, end, scope: '居住地' }));
    await env.sleep('1 day');
    await act(handle, (date) => ({
      type: 'RECORD_OBJECTION',
      date,
      ...b,
      objection: '反映其长期不参加组织生活',
    }));
    await sleepUntil(addDays(end, 1));
    await act(handle, (date) => ({
      type: 'CLOSE_NOTICE',
      date,
      ...b,
      affectsEligibility: true,
      finding: '经核实，反映属实',
    }));
    expect((await handle.query(caseStateQuery)).state?.stage).toBe('ACTIVIST');
    expect(actions.filter((a) => a.caseId === caseId).flatMap((a) => a.events.map((e) => e.kind))).toContain(
      'development-target-not-listed',
    );
  });

  it('lets the receiving branch of a transferred probationary member postpone conversion by at most six months (T13)', async () => {
    const { handle } = await startCase();
    const meetingDate = await toProbationary(handle);
    const newBranch = unit('西村第一党支部', 'BRANCH');
    await env.sleep('30 days');
    await act(handle, (date) => ({
      type: 'TRANSFER',
      date,
      ...b,
      toBranch: newBranch,
      materialsRef: '预备党员考察材料',
    }));
    await sleepUntil(addDays(addMonths(addYears(meetingDate, 1), 6), 1));
    const there = { actingBody: newBranch };
    await act(handle, (date) => ({ type: 'APPLY_FOR_CONVERSION', date, ...there }));
    expect(
      await refused(handle, (date) => ({
        type: 'CONVERSION_MEETING',
        date,
        ...there,
        vote,
        proposal: 'CONVERT',
      })),
    ).toEqual(['T13_POSTPONEMENT_TOO_LONG']);
    expect((await handle.query(caseStateQuery)).state).toMatchObject({
      branch: { id: newBranch.id },
      transferredIn: true,
    });
  });

  it('records rejections at pre-review, branch vote and approval, holds the departure gate, and lets the case go round again', async () => {
    const { caseId, handle } = await startCase();
    const activistDate = await toActivist(handle);
    await toListed(handle, activistDate);
    await act(handle, (date) => ({ type: 'DESIGNATE_SPONSORS', date, ...b, sponsors: [contactA, contactB] }));
    await act(handle, (date) => ({
      type: 'RECORD_POLITICAL_REVIEW',
      date,
      ...b,
      passed: true,
      conclusionRef: '政审结论',
    }));
    await act(handle, (date) => ({
      type: 'RECORD_TRAINING',
      date,
      actingBody: township,
      training: { days: 3, classHours: 24 },
    }));
    const committeeReview: Build = (date) => ({
      type: 'COMMITTEE_REVIEW',
      date,
      ...b,
      passed: true,
      opinion: '合格',
    });
    const preReview =
      (passed: boolean, departure?: LocalDate, justification?: string): Build =>
      (date) => ({
        type: 'PRE_REVIEW',
        date,
        actingBody: township,
        route,
        passed,
        expectedDeparture: departure ?? null,
        ...(justification ? { departureJustification: justification } : {}),
      });
    await act(handle, committeeReview);
    await act(handle, preReview(false));
    expect(
      await refused(handle, (date) => ({ type: 'FILL_APPLICATION_FORM', date, ...b, formNumber: 'x' })),
    ).toEqual(['STEP_OUT_OF_ORDER']);
    await env.sleep('20 days');
    await act(handle, committeeReview);
    const leaving = addMonths(await today(), 2);
    expect(await refused(handle, preReview(true, leaving))).toEqual(['T6_LEAVING_WITHIN_3_MONTHS']);
    await act(handle, preReview(true, leaving, '调往本县另一单位，组织关系随转'));
    await act(handle, (date) => ({ type: 'FILL_APPLICATION_FORM', date, ...b, formNumber: '0004321' }));
    await act(handle, (date) => ({
      type: 'BRANCH_MEETING_ACCEPTANCE',
      date,
      ...b,
      vote: { ...vote, presentVoting: 10, yes: 7, no: 3 },
    })); // 7 of 15 fails
    expect((await handle.query(caseStateQuery)).state?.acceptance).toBeUndefined();
    await act(handle, (date) => ({ type: 'BRANCH_MEETING_ACCEPTANCE', date, ...b, vote }));
    await act(handle, (date) => ({
      type: 'REVIEW_BY_BODY',
      date,
      actingBody: village,
      route,
      opinion: '同意',
    }));
    await act(handle, (date) => ({
      type: 'COMMITTEE_INTERVIEW',
      date,
      actingBody: township,
      interviewer: '组织员',
    }));
    await act(handle, (date) => ({
      type: 'APPROVE_ACCEPTANCE',
      date,
      actingBody: township,
      route,
      resolutionReceived: date,
      approved: false,
      committeeVote,
    }));
    expect((await handle.query(caseStateQuery)).state).toMatchObject({ stage: 'DEVELOPMENT_TARGET' });
    expect(await refused(handle, preReview(true))).toEqual(['STEP_OUT_OF_ORDER']); // round again from the committee review
    await act(handle, committeeReview);
    const rejections = actions
      .filter((a) => a.caseId === caseId)
      .flatMap((a) => a.events.filter((e) => e.kind === 'acceptance-rejected').map((e) => e.details.step));
    expect(rejections).toEqual([13, 15, 17]);
  });

  it('escalates an approval after three months and refuses it after six (T8)', async () => {
    const { caseId, handle } = await startCase();
    const meetingDate = await toAccepted(handle, await toActivist(handle));
    await sleepUntil(addDays(addMonths(meetingDate, 3), 1));
    const approve =
      (reason?: string): Build =>
      (date) => ({
        type: 'APPROVE_ACCEPTANCE',
        date,
        actingBody: township,
        route,
        resolutionReceived: meetingDate,
        approved: true,
        committeeVote,
        ...(reason ? { specialCaseReason: reason } : {}),
      });
    expect(await refused(handle, approve())).toEqual(['T8_APPROVAL_OVERDUE_NEEDS_REASON']);
    expect(
      signals.filter(
        (s) => s.caseId === caseId && s.deadline.kind === 'T8_ACCEPTANCE_APPROVAL' && s.level === 'OVERDUE',
      ),
    ).toHaveLength(1);
    await sleepUntil(addDays(addMonths(meetingDate, 6), 1));
    expect(await refused(handle, approve('党委换届'))).toEqual(['T8_APPROVAL_BEYOND_6_MONTHS']);
    expect(
      signals.filter(
        (s) =>
          s.caseId === caseId && s.deadline.kind === 'T8_ACCEPTANCE_APPROVAL_CAP' && s.level === 'OVERDUE',
      ),
    ).toHaveLength(1);
    expect((await handle.query(caseStateQuery)).state?.stage).toBe('DEVELOPMENT_TARGET');
  });

  it('validates each update against the case as recorded: concurrent duplicates are taken once', async () => {
    const { caseId, handle } = await startCase();
    await env.sleep('3 days');
    const talk: Build = (date) => ({ type: 'RECORD_TALK', date, ...b, talker: '书记', summary: '谈话' });
    const results = await Promise.allSettled([act(handle, talk), act(handle, talk)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(actions.filter((a) => a.caseId === caseId && a.action.type === 'RECORD_TALK')).toHaveLength(1);
    expect(await refused(handle, (date) => ({ type: 'RECORD_OATH', date, ...b }))).toEqual([
      'STEP_OUT_OF_ORDER',
    ]);
    expect((await handle.query(availableActionsQuery)).map((a) => a.type)).toContain('DETERMINE_ACTIVIST');
    expect((await handle.query(timelineQuery)).map((entry) => entry.type)).toEqual([
      'APPLICATION_SUBMITTED',
      'RECORD_TALK',
    ]);
    expect(signals.some((s) => s.caseId === caseId)).toBe(false); // the talk came within T1

    // A retried request (same update id) is answered, not recorded again, even after the stage boundary
    // made the workflow continue as new in between.
    const determine = {
      type: 'DETERMINE_ACTIVIST' as const,
      date: await today(),
      ...b,
      recommendation: 'PARTY_MEMBERS' as const,
    };
    const runBefore = (await handle.describe()).runId;
    await handle.executeUpdate(recordActionUpdate, { args: [determine], updateId: 'retry-key-1' });
    await env.sleep('1 hour');
    expect((await handle.describe()).runId).not.toBe(runBefore);
    await handle.executeUpdate(recordActionUpdate, { args: [determine], updateId: 'retry-key-1' });
    expect(actions.filter((a) => a.caseId === caseId && a.action.type === 'DETERMINE_ACTIVIST')).toHaveLength(
      1,
    );
  });

  it('signals an overdue talk (T1) and closes the case on withdrawal', async () => {
    const { caseId, handle } = await startCase();
    await env.sleep('40 days');
    expect(signals.filter((s) => s.caseId === caseId).map((s) => `${s.deadline.kind}:${s.level}`)).toEqual([
      'T1_TALK:WARNING',
      'T1_TALK:OVERDUE',
    ]);
    await act(handle, (date) => ({ type: 'WITHDRAW', date, ...b, reason: '本人撤回' }));
    expect(await handle.result()).toMatchObject({ status: 'CLOSED', state: { outcome: 'WITHDRAWN' } });
  });

  it('keeps a 2014 case on 2014 rules after the 2026 rules exist: listed on filing, without a notice', async () => {
    const { handle } = await startCase('2014', '2026-05-10' as LocalDate);
    const activistDate = await toActivist(handle);
    await sleepUntil(addYears(activistDate, 1));
    await act(handle, (date) => ({ type: 'PROPOSE_DEVELOPMENT_TARGET', date, ...b, opinionsHeard: [] }));
    await act(handle, (date) => ({
      type: 'HIGHER_COMMITTEE_DECISION',
      date,
      actingBody: township,
      route,
      consent: true,
    }));
    const snapshot = await handle.query(caseStateQuery);
    expect(snapshot).toMatchObject({ ruleSet: '2014', state: { stage: 'DEVELOPMENT_TARGET' } });
  });

  describe('a case brought in from paper', () => {
    const provenance = async () => ({
      source: '纸质档案',
      importedOn: await today(),
      by: { subject: 'zzb-officer', name: '县委组织部组织科', actingFor: null },
      admitsProbationary: false,
    });
    async function importCase(
      applicationDate: LocalDate,
      importedHistory: MemberAction[],
    ): Promise<{ caseId: string; handle: WorkflowHandle; recorded: Promise<unknown> }> {
      const caseId = randomUUID();
      const recorded = started(caseId, {
        application: {
          personId: randomUUID(),
          applicationDate,
          ruleSet: '2026.05',
          branchId: branch.id,
          recordedBy: null,
          imported: await provenance(),
        },
        importedHistory,
      });
      return { caseId, handle: env.client.workflow.getHandle(`member-case-${caseId}`), recorded };
    }

    it('records the history in order before answering, each record marked imported', async () => {
      const applied = addDays(await today(), -60);
      const history: MemberAction[] = [
        {
          type: 'RECORD_TALK',
          date: addDays(applied, 10),
          ...b,
          talker: '组织委员',
          summary: '了解入党动机',
        },
        { type: 'DETERMINE_ACTIVIST', date: addDays(applied, 30), ...b, recommendation: 'PARTY_MEMBERS' },
        { type: 'FILE_ACTIVIST', date: addDays(applied, 35), actingBody: township },
      ];
      const { caseId, handle, recorded } = await importCase(applied, history);
      await expect(recorded).resolves.toMatchObject({ memberCase: { id: caseId, stage: 'ACTIVIST' } });
      const mine = actions.filter((action) => action.caseId === caseId);
      expect(mine.map((action) => [action.action.type, action.action.date])).toEqual(
        history.map((action) => [action.type, action.date]),
      );
      for (const action of mine) expect(action.action.data.imported).toMatchObject({ source: '纸质档案' });
      // Step 1 and the history in one recording (one transaction).
      expect(imports).toContainEqual(expect.objectContaining({ caseId, imported: expect.anything() }));
      // Steps recorded after the import are the case's own: not marked.
      await act(handle, (date) => ({ type: 'ASSIGN_CONTACTS', date, ...b, contacts: [contactA, contactB] }));
      const after = actions.filter((action) => action.caseId === caseId).at(-1)!;
      expect(after.action.data.imported).toBeUndefined();
      const histories = await runHistories(
        env.client,
        `member-case-${caseId}`,
        (await handle.describe()).runId,
      );
      expect(await replayFailures(histories)).toEqual([]);
      recordRunHistories('member-development-imported', histories);
    });

    it('refuses the whole case before recording anything when a step breaks a rule', async () => {
      const applied = addDays(await today(), -60);
      const { caseId, recorded } = await importCase(applied, [
        { type: 'RECORD_TALK', date: addDays(applied, 10), ...b, talker: '组织委员', summary: '谈话' },
        // An activist without the branch's recommendation and filing, dated before the talk.
        { type: 'DETERMINE_ACTIVIST', date: addDays(applied, 5), ...b, recommendation: 'PARTY_MEMBERS' },
      ]);
      const error = await recorded.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const details = ((error as WorkflowUpdateFailedError).cause as ApplicationFailure).details as {
        message: string;
      }[];
      expect(details[0]!.message).toMatch(/^history\[1\] DETERMINE_ACTIVIST: /);
      expect(recordApplication).not.toHaveBeenCalledWith(expect.objectContaining({ caseId }));
      expect(imports).not.toContainEqual(expect.objectContaining({ caseId }));
      expect(actions.filter((action) => action.caseId === caseId)).toEqual([]);
    });

    it('treats deadline signals whose day came before the import as history, and sends the later ones', async () => {
      // T1: the talk within a month; its warning (a week before) passed three days ago, the overdue is ahead.
      const { caseId, recorded } = await importCase(addDays(await today(), -27), []);
      await recorded;
      await env.sleep('10 days');
      expect(signals.filter((s) => s.caseId === caseId).map((s) => `${s.deadline.kind}:${s.level}`)).toEqual([
        'T1_TALK:OVERDUE',
      ]);
    });
  });

  it('rejects update-with-start with the broken rule when step 1 cannot be recorded', async () => {
    const violation = {
      code: 'MEMBER_CASE_ALREADY_OPEN',
      article: null,
      message: '该申请人已有进行中的发展党员案件',
    };
    recordApplication.mockRejectedValueOnce(ruleViolationFailure(violation));
    const error = await startCase().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).details).toEqual([violation]);
  });
});
