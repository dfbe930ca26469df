import { randomUUID } from 'node:crypto';

import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

import {
  CadreRecruitmentActivitiesService,
  createCadreRecruitmentActivities,
} from '../../apps/worker/src/activities/cadre-recruitment.activities';
import {
  MemberDevelopmentActivitiesService,
  createMemberDevelopmentActivities,
} from '../../apps/worker/src/activities/member-development.activities';
import {
  ReservePoolActivitiesService,
  createReservePoolActivities,
} from '../../apps/worker/src/activities/reserve-pool.activities';
import { StuckCases } from '../../apps/worker/src/activities/stuck-cases';
import { DatabaseConfig, PiiConfig, loadSection } from '../../libs/config/src';
import { DEFAULT_RESERVE_POLICY, type LocalDate, type OrgUnit, cadreProgramme } from '../../libs/domain/src';
import {
  CadreCasesRepository,
  MemberCasesRepository,
  PersonIdProtector,
  PersonsRepository,
  PrismaService,
  ReservePoolRepository,
  toOrgUnit,
} from '../../libs/persistence/src';
import {
  cadreNominationRecordedUpdate,
  cadreRecruitmentWorkflow,
  cadreStateQuery,
  recordCadreActionUpdate,
} from '../../workflows/cadre-recruitment/cadre-recruitment.workflow';
import {
  applicationRecordedUpdate,
  caseStateQuery,
  memberDevelopmentWorkflow,
  recordActionUpdate,
} from '../../workflows/member-development/member-development.workflow';
import {
  reserveRecommendationRecordedUpdate,
  reservistWorkflow,
} from '../../workflows/reserve-pool/reservist.workflow';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '../support/time-skipping';

/**
 * Poison input (a NUL byte, which PostgreSQL cannot store in text or jsonb) sent straight to the workflows, past
 * the HTTP edge that refuses it: the real activities on PostgreSQL, on the time-skipping server. No retry can
 * store such data, so the recording fails at once as a DataError; the update fails with it and the case takes
 * its next action; a case whose first recording fails ends its workflow instead of staying open and empty.
 */
const NUL = '\u0000';

/** The failure type inside an error, however deeply wrapped (update failed → activity failed → cause). */
function failureTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type) types.push(current.type);
  }
  return types;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('poison input (time-skipping, real activities)', () => {
  let prisma: PrismaService;
  let harness: TimeSkippingWorker;
  const taskQueue = `poison-${randomUUID()}`;
  const units: Record<string, OrgUnit> = {};
  let sequence = 300;
  const stuck = new StuckCases();

  beforeAll(async () => {
    await useIsolatedDatabase('poison_input');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    for (const row of await prisma.orgUnit.findMany()) units[row.code] = toOrgUnit(row);
    const persons = new PersonsRepository(prisma, PersonIdProtector.fromConfig(loadSection(PiiConfig)));
    const activities = {
      ...createMemberDevelopmentActivities(
        new MemberDevelopmentActivitiesService(new MemberCasesRepository(prisma), persons),
      ),
      ...createCadreRecruitmentActivities(
        new CadreRecruitmentActivitiesService(new CadreCasesRepository(prisma), persons),
      ),
      ...createReservePoolActivities(
        new ReservePoolActivitiesService(new ReservePoolRepository(prisma), persons),
      ),
    };
    harness = await startTimeSkippingWorker(taskQueue, activities, stuck.interceptors);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await prisma?.$disconnect();
  });

  const client = () => harness.env.client;
  const branch = () => units['DX-DZ-DC-B1']!;

  function startMemberCase(workflowId: string, caseId: string, name: string, on: LocalDate) {
    const nationalId = nationalIdFor('19990101', String(sequence++));
    return client().workflow.executeUpdateWithStart(applicationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
        workflowId,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        args: [
          {
            caseId,
            requestFingerprint: 'fingerprint',
            branch: branch(),
            application: {
              name,
              nationalId,
              birthDate: '1999-01-01',
              gender: 'MALE',
              applicationDate: on,
              ruleSet: '2026.05',
              branchId: branch().id,
              recordedBy: null,
            },
          },
        ],
      }),
    });
  }

  const talk = (handle: WorkflowHandle, date: LocalDate, summary: string) =>
    handle.executeUpdate(recordActionUpdate, {
      args: [{ type: 'RECORD_TALK', date, actingBody: branch(), talker: '王书记', summary }],
    });

  const dossierActions = (caseId: string) =>
    withDatabase(async (db) => {
      const { rows } = await db.query<{ action: string }>(
        'SELECT action FROM dossier_record WHERE case_id = $1 ORDER BY seq',
        [caseId],
      );
      return rows.map((row) => row.action);
    });

  it('fails an action the database cannot store at once, and the case takes the next action', async () => {
    const today = await harness.today();
    const caseId = randomUUID();
    const workflowId = `member-case-${caseId}`;
    await startMemberCase(workflowId, caseId, '郑洁', today);
    const handle = client().workflow.getHandle(workflowId);

    const poisoned = await failureOf(talk(handle, today, `谈话${NUL}记录`));
    expect(failureTypes(poisoned)).toContain('DataError');
    // The worker lists the failure with the case's workflow id, given up (not retried).
    expect(stuck.view().failing).toContainEqual(
      expect.objectContaining({
        workflowId,
        activityType: 'recordMemberAction',
        attempt: 1,
        retrying: false,
        failureType: 'DataError',
      }),
    );

    // Nothing of the refused action reached the case; the next valid action is recorded as usual.
    expect((await handle.query(caseStateQuery)).state?.lastStep).toBe(1);
    const recorded = await talk(handle, today, '谈话记录');
    expect(recorded.currentStep).toBe(2);
    expect(await dossierActions(caseId)).toHaveLength(2);
  }, 90_000);

  it('ends the workflow of a case whose first recording fails; the same id can then be started again', async () => {
    const today = await harness.today();
    const caseId = randomUUID();
    const workflowId = `member-case-${caseId}`;

    const poisoned = await failureOf(startMemberCase(workflowId, caseId, `郑${NUL}洁`, today));
    expect(failureTypes(poisoned)).toContain('DataError');
    const described = await client().workflow.getHandle(workflowId).describe();
    expect(described.status.name).toBe('FAILED');
    expect(await dossierActions(caseId)).toEqual([]);

    // Corrected data under the same id (the same Idempotency-Key) opens the case.
    const recorded = await startMemberCase(workflowId, caseId, '郑洁', today);
    expect(recorded.memberCase).toMatchObject({ id: caseId, currentStep: 1, status: 'OPEN' });
  }, 90_000);

  it('does the same for cadre actions and reserve-pool recommendations', async () => {
    const today = await harness.today();
    const village = units['DX-DZ-DC']!;
    const caseId = randomUUID();
    await client().workflow.executeUpdateWithStart(cadreNominationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(cadreRecruitmentWorkflow, {
        workflowId: `cadre-case-${caseId}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            caseId,
            programme: cadreProgramme('GUIYAN')!,
            post: 'SECRETARY_ASSISTANT',
            village,
            channel: 'SELF',
            nominatedOn: today,
            person: {
              name: '陈雁',
              nationalId: nationalIdFor('20000501', String(sequence++)),
              birthDate: '2000-05-01',
              gender: 'MALE',
            },
            recordedBy: null,
          },
        ],
      }),
    });
    const cadre = client().workflow.getHandle(`cadre-case-${caseId}`);
    const withdraw = (reason: string) =>
      cadre.executeUpdate(recordCadreActionUpdate, {
        args: [{ type: 'WITHDRAW', date: today, reason, actingBody: units['DX-DZ']! }],
      });
    expect(failureTypes(await failureOf(withdraw(`本人${NUL}申请`)))).toContain('DataError');
    expect((await cadre.query(cadreStateQuery)).status).toBe('OPEN');
    expect((await withdraw('本人申请')).status).toBe('CLOSED');

    const entryId = randomUUID();
    const recommendation = client().workflow.executeUpdateWithStart(reserveRecommendationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(reservistWorkflow, {
        workflowId: `reserve-entry-${entryId}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            entryId,
            village,
            townshipId: units['DX-DZ']!.id,
            category: 'LOCAL_ENTREPRENEUR',
            channel: 'SELF',
            by: `本人${NUL}`,
            recommendedOn: today,
            person: {
              name: '张晓梅',
              nationalId: nationalIdFor('19990301', String(sequence++)),
              birthDate: '1999-03-01',
              gender: 'FEMALE',
            },
            policy: DEFAULT_RESERVE_POLICY,
            recordedBy: null,
          },
        ],
      }),
    });
    expect(failureTypes(await failureOf(recommendation))).toContain('DataError');
    const entry = await client().workflow.getHandle(`reserve-entry-${entryId}`).describe();
    expect(entry.status.name).toBe('FAILED');
  }, 90_000);
});
