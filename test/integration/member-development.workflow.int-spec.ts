import { randomUUID } from 'node:crypto';

import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';

import { temporalTestServerPath } from '../../deploy/local/temporal';
import { type MemberCaseView, type RecordApplicationCommand } from '../../libs/contracts/src';
import { workflowBundleOptions } from '../../libs/temporal/src';
import { type MemberDevelopmentActivities } from '../../workflows/member-development/activities';
import { ruleViolationFailure } from '../../workflows/shared/rule-violation-failure';
import {
  applicationRecordedUpdate,
  caseStateQuery,
  memberDevelopmentWorkflow,
} from '../../workflows/member-development/member-development.workflow';

/** The workflow on the time-skipping test server, with the activity layer faked (the slice e2e uses the real one). */
describe('memberDevelopmentWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = `member-development-${randomUUID()}`;
  let recordApplication: jest.Mock<Promise<MemberCaseView>, [RecordApplicationCommand]>;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    recordApplication = jest.fn();
    const activities: MemberDevelopmentActivities = { recordApplication };
    const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      bundlerOptions: { webpackConfigHook },
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const application = {
    name: '郑洁',
    nationalId: '11010519491231002X',
    birthDate: '1949-12-31',
    gender: 'FEMALE' as const,
    applicationDate: '2026-11-20',
    ruleSet: '2026.05' as const,
    branchId: randomUUID(),
    actorId: null,
  };

  async function start(caseId: string): Promise<MemberCaseView> {
    const recorded = await env.client.workflow.executeUpdateWithStart(applicationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
        workflowId: `member-case-${caseId}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ caseId, requestFingerprint: 'fingerprint', application }],
      }),
    });
    expect(recorded.requestFingerprint).toBe('fingerprint');
    return recorded.memberCase;
  }

  it('answers update-with-start once step 1 is recorded, and holds the case open', async () => {
    const caseId = randomUUID();
    const view = { id: caseId, stage: 'APPLICANT' } as MemberCaseView;
    recordApplication.mockReset().mockResolvedValue(view);
    await expect(start(caseId)).resolves.toEqual(view);
    const command = recordApplication.mock.calls[0]![0];
    expect(command).toMatchObject({ ...application, caseId, workflowId: `member-case-${caseId}` });
    expect(command.eventId).toMatch(/^[0-9a-f-]{36}$/);

    // A retried request (same workflow id) gets the same answer without recording again.
    await expect(start(caseId)).resolves.toEqual(view);
    expect(recordApplication).toHaveBeenCalledTimes(1);

    const handle = env.client.workflow.getHandle(`member-case-${caseId}`);
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'OPEN', caseId });
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('retries a failing activity (backoff skipped by the test server) and reuses the same event id on every attempt', async () => {
    const caseId = randomUUID();
    recordApplication
      .mockReset()
      .mockRejectedValueOnce(new Error('database unavailable'))
      .mockRejectedValueOnce(new Error('database unavailable'))
      .mockResolvedValue({ id: caseId } as MemberCaseView);
    await expect(start(caseId)).resolves.toEqual({ id: caseId });
    expect(recordApplication).toHaveBeenCalledTimes(3);
    const eventIds = new Set(recordApplication.mock.calls.map(([command]) => command.eventId));
    expect(eventIds.size).toBe(1);
  });

  it('rejects the update with the broken rule and closes the workflow when the activity reports a rule violation', async () => {
    const caseId = randomUUID();
    const violation = {
      code: 'MEMBER_CASE_ALREADY_OPEN',
      article: null,
      message: '该申请人已有进行中的发展党员案件',
    };
    recordApplication.mockReset().mockRejectedValue(ruleViolationFailure(violation));
    const error = await start(caseId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).details).toEqual([violation]);
    const result = await env.client.workflow.getHandle(`member-case-${caseId}`).result();
    expect(result).toMatchObject({ status: 'REJECTED', rejection: violation });
    expect(recordApplication).toHaveBeenCalledTimes(1);
  });
});
