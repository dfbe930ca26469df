import { Logger } from '@nestjs/common';
import { type Client } from '@temporalio/client';

import { ProblemError, type TemporalConfig } from '@app/config';
import { AccessService } from '@app/auth';
import { type OrgUnit, type Principal } from '@app/domain';
import {
  type IdempotencyKeysRepository,
  type MemberCasesRepository,
  type OrgUnitsRepository,
  PersonIdProtector,
  type PersonsRepository,
} from '@app/persistence';
import { TemporalMemberCaseGateway } from '@app/temporal';

import { IdempotencyToken } from '../idempotency/idempotency';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { type MemberCaseActionsService } from './actions/member-case-actions.service';
import { MemberCasesService } from './member-cases.service';

const branch: OrgUnit = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'B1',
  name: '第一党支部',
  kind: 'BRANCH',
  parentId: null,
  path: ['00000000-0000-4000-8000-000000000001'],
  canApproveMembership: false,
};

const secretary = (orgUnit: OrgUnit): Principal => ({
  subject: 'b1-secretary',
  name: '书记',
  personId: null,
  orgUnit,
  roles: ['SECRETARY'],
  actingFor: null,
});
const otherBranch: OrgUnit = {
  ...branch,
  id: '00000000-0000-4000-8000-000000000002',
  code: 'B2',
  path: ['00000000-0000-4000-8000-000000000002'],
};

interface StartOptions {
  startWorkflowOperation: {
    options: {
      workflowId: string;
      args: [{ caseId: string; requestFingerprint: string; application: { applicationDate: string } }];
    };
  };
}

/** What the workflow answers: the recorded case and the fingerprint of the request that started it. */
function recordedBy(fingerprint?: string) {
  return (_update: unknown, options: StartOptions) =>
    Promise.resolve({
      memberCase: { id: options.startWorkflowOperation.options.args[0].caseId },
      requestFingerprint: fingerprint ?? options.startWorkflowOperation.options.args[0].requestFingerprint,
    });
}

/** The idempotency_key table in memory: first claim wins, as INSERT … ON CONFLICT DO NOTHING does. */
function inMemoryKeys(): IdempotencyKeysRepository {
  const rows = new Map<string, { fingerprint: string; resourceId: string | null }>();
  return {
    claim: (scope: object, request: { fingerprint: string; resourceId: string | null }) => {
      const id = JSON.stringify(scope);
      const created = !rows.has(id);
      if (created) rows.set(id, request);
      return Promise.resolve({ ...rows.get(id)!, created });
    },
    release: (scope: object) => Promise.resolve(void rows.delete(JSON.stringify(scope))),
  } as unknown as IdempotencyKeysRepository;
}

const idempotency = () =>
  new IdempotencyService(
    inMemoryKeys(),
    new PersonIdProtector(
      { active: 'k1', keys: new Map([['k1', Buffer.alloc(32, 7)]]) },
      Buffer.alloc(32, 9),
    ),
  );

function newTestService() {
  const executeUpdateWithStart = jest.fn<Promise<unknown>, [unknown, StartOptions]>();
  const find = jest.fn<Promise<OrgUnit | undefined>, [string]>().mockResolvedValue(branch);
  const sut = new MemberCasesService(
    new TemporalMemberCaseGateway(
      {
        workflow: { executeUpdateWithStart },
        withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
      } as unknown as Client,
      { TEMPORAL_TASK_QUEUE: 'q' } as TemporalConfig,
    ),
    { find, ancestry: () => Promise.resolve([branch]) } as unknown as OrgUnitsRepository,
    {} as MemberCasesRepository,
    { now: () => new Date('2026-11-21T02:00:00Z') },
    new AccessService(),
    idempotency(),
    {} as MemberCaseActionsService,
    // One person per ID number, as the registry keeps them.
    {
      ensure: ({ nationalId, birthDate }: { nationalId: string; birthDate: string }) =>
        Promise.resolve({ personId: `person-${nationalId}`, birthDate }),
    } as unknown as PersonsRepository,
  );
  return { sut, mocks: { executeUpdateWithStart, find } };
}

describe(MemberCasesService.name, () => {
  // Refusals are logged; keep them out of the test output.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('rejects a broken rule before anything reaches Temporal', async () => {
    const { sut, mocks } = newTestService();
    const error = await sut
      .submitApplication(
        secretary(branch),
        { name: '张三', nationalId: '320602200001051230', birthDate: '2000-01-05', branch: 'B1' },
        undefined,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 422, code: 'NATIONAL_ID_CHECK_DIGIT_INVALID' });
    expect(mocks.executeUpdateWithStart).not.toHaveBeenCalled();
  });

  it("defaults the application date to today in China and derives the case id from the caller's key", async () => {
    const { sut, mocks } = newTestService();
    mocks.executeUpdateWithStart.mockImplementation(recordedBy());
    const application = {
      name: '张三',
      nationalId: '320602200001051237',
      birthDate: '2000-01-05',
      branch: 'B1',
    };
    const recorded = await sut.submitApplication(secretary(branch), application, 'k-1');
    const options = mocks.executeUpdateWithStart.mock.calls[0]![1];
    const scope = {
      callerSubject: 'b1-secretary',
      actingFor: '',
      endpoint: 'POST /v1/member-cases',
      key: 'k-1',
    };
    const caseId = new IdempotencyToken(scope, idempotency().fingerprint(scope.endpoint, application)).id(
      'member-case',
    );
    expect(recorded).toEqual({ id: caseId });
    expect(options.startWorkflowOperation.options.workflowId).toBe(`member-case-${caseId}`);
    expect(options.startWorkflowOperation.options.args[0]).toMatchObject({
      caseId,
      application: { applicationDate: '2026-11-21' },
    });
  });

  it('refuses an Idempotency-Key reused for a different application before anything reaches Temporal', async () => {
    const { sut, mocks } = newTestService();
    mocks.executeUpdateWithStart.mockImplementation(recordedBy());
    const application = {
      name: '张三',
      nationalId: '320602200001051237',
      birthDate: '2000-01-05',
      branch: 'B1',
    };
    await sut.submitApplication(secretary(branch), application, 'k-1');
    await expect(
      sut.submitApplication(secretary(branch), { ...application, name: '李四' }, 'k-1'),
    ).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(mocks.executeUpdateWithStart).toHaveBeenCalledTimes(1);
  });

  it('refuses an application the workflow recorded for another request (422)', async () => {
    const { sut, mocks } = newTestService();
    mocks.executeUpdateWithStart.mockImplementation(recordedBy('fingerprint of another request'));
    await expect(
      sut.submitApplication(
        secretary(branch),
        { name: '张三', nationalId: '320602200001051237', birthDate: '2000-01-05', branch: 'B1' },
        'k-1',
      ),
    ).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it("refuses another branch's secretary (403) before anything reaches Temporal", async () => {
    const { sut, mocks } = newTestService();
    await expect(
      sut.submitApplication(
        secretary(otherBranch),
        { name: '张三', nationalId: '320602200001051237', birthDate: '2000-01-05', branch: 'B1' },
        undefined,
      ),
    ).rejects.toMatchObject({ status: 403, code: 'NOT_ACTING_BODY' });
    expect(mocks.executeUpdateWithStart).not.toHaveBeenCalled();
  });
});
