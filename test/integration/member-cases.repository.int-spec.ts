import { randomUUID } from 'node:crypto';

import { DatabaseConfig, PiiConfig, loadSection } from '../../libs/config/src';
import { RuleViolationError } from '../../libs/domain/src';
import {
  MemberCasesRepository,
  PersonIdProtector,
  PersonsRepository,
  PrismaService,
  type ResolvedApplication,
  dossierRecordHash,
} from '../../libs/persistence/src';
import { orgUnitId } from '../../prisma/seed/seed';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

const TABLES = ['person', 'member_case', 'dossier_record', 'outbox_event'];

describe(MemberCasesRepository.name, () => {
  let prisma: PrismaService;
  let repository: MemberCasesRepository;
  let persons: PersonsRepository;

  beforeAll(async () => {
    await useIsolatedDatabase('member_cases_repository');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    repository = new MemberCasesRepository(prisma);
    persons = new PersonsRepository(prisma, PersonIdProtector.fromConfig(loadSection(PiiConfig)));
  });
  afterAll(() => prisma.$disconnect());

  // Each command a different person (a random sequence could repeat one and meet their open case).
  let sequence = 100;
  // The person is registered first, as the API does before it starts the workflow.
  async function command(
    overrides: Partial<ResolvedApplication> & { nationalId?: string } = {},
  ): Promise<ResolvedApplication & { nationalId: string }> {
    const { nationalId = nationalIdFor('19990101', String(sequence++)), ...rest } = overrides;
    const { personId } = await persons.ensure({
      name: '吴刚',
      nationalId,
      birthDate: '1999-01-01',
      gender: 'MALE',
    });
    const caseId = randomUUID();
    return {
      caseId,
      workflowId: `member-case-${caseId}`,
      eventId: randomUUID(),
      personId,
      nationalId,
      applicationDate: '2026-10-08',
      ruleSet: '2026.05',
      branchId: orgUnitId('DX-DZ-DC-B2'),
      recordedBy: null,
      tasks: [
        { action: 'RECORD_TALK', step: 2, actor: 'BRANCH', dueOn: '2026-11-08', capOn: null, doneBy: [] },
      ],
      ...rest,
    };
  }

  it('writes the person, the case, the first dossier record and the outbox event together', async () => {
    const before = await rowCounts(TABLES);
    const input = await command();
    const view = await repository.recordApplication(input);
    expect(view).toMatchObject({
      id: input.caseId,
      stage: 'APPLICANT',
      currentStep: 1,
      status: 'OPEN',
      applicationDate: '2026-10-08',
    });
    expect(view.applicant.nationalIdMasked).toBe(`${'*'.repeat(17)}${input.nationalId.slice(-1)}`);
    const after = await rowCounts(TABLES);
    expect(after).toEqual({
      person: before.person! + 1,
      member_case: before.member_case! + 1,
      dossier_record: before.dossier_record! + 1,
      outbox_event: before.outbox_event! + 1,
    });

    const outbox = await withDatabase((db) =>
      db.query<{ id: string; aggregate_id: string; payload: { data: { branch: { path: string[] } } } }>(
        'SELECT id, aggregate_id, payload FROM outbox_event WHERE aggregate_id = $1',
        [input.caseId],
      ),
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ id: input.eventId, aggregate_id: input.caseId });
    expect(outbox.rows[0]!.payload.data.branch.path).toEqual(
      ['DX', 'DX-DZ', 'DX-DZ-DC', 'DX-DZ-DC-B2'].map(orgUnitId),
    );
    expect(JSON.stringify(outbox.rows[0]!.payload)).not.toContain(input.nationalId);
  });

  it('is idempotent: a retried activity returns the recorded case and writes nothing', async () => {
    const input = await command();
    const first = await repository.recordApplication(input);
    const counts = await rowCounts(TABLES);
    expect(await repository.recordApplication({ ...input, eventId: randomUUID() })).toEqual(first);
    expect(await rowCounts(TABLES)).toEqual(counts);
  });

  it('keeps one open case per person, also under concurrent submissions', async () => {
    const nationalId = nationalIdFor('19970707', '771');
    const commands = await Promise.all([1, 2, 3].map(() => command({ nationalId })));
    const results = await Promise.allSettled(commands.map((c) => repository.recordApplication(c)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(RuleViolationError);
      expect((result.reason as RuleViolationError).violation.code).toBe('MEMBER_CASE_ALREADY_OPEN');
    }
    const open = await withDatabase((db) =>
      db.query('SELECT 1 FROM member_case WHERE person_id = $1', [commands[0]!.personId]),
    );
    expect(open.rowCount).toBe(1);
  });

  it('answers concurrent attempts at the same case (a retry racing the first attempt) with that one case', async () => {
    const input = await command();
    const before = await rowCounts(TABLES);
    const views = await Promise.all([1, 2, 3, 4].map(() => repository.recordApplication(input)));
    expect(new Set(views.map((view) => JSON.stringify(view))).size).toBe(1);
    expect(views[0]).toMatchObject({ id: input.caseId });
    const after = await rowCounts(TABLES);
    expect(Object.fromEntries(TABLES.map((t) => [t, after[t]! - before[t]!]))).toEqual({
      person: 0, // registered before
      member_case: 1,
      dossier_record: 1,
      outbox_event: 1,
    });
  });

  it('rolls everything back when any write of the transaction fails, and reports the real error', async () => {
    const taken = await command();
    await repository.recordApplication(taken);
    const clash = await command({ eventId: taken.eventId });
    const counts = await rowCounts(TABLES);
    // Reusing an outbox id makes the last insert fail after the case and dossier rows were written.
    const error = await repository.recordApplication(clash).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RuleViolationError);
    expect(await rowCounts(TABLES)).toEqual(counts);
  });

  it('refuses an unknown branch without writing', async () => {
    const unknownBranch = await command({ branchId: randomUUID() });
    const counts = await rowCounts(TABLES);
    await expect(repository.recordApplication(unknownBranch)).rejects.toMatchObject({
      violation: { code: 'BRANCH_UNKNOWN' },
    });
    expect(await rowCounts(TABLES)).toEqual(counts);
  });

  it('keeps the dossier append-only and its hash verifiable from the stored fields', async () => {
    const input = await command();
    await repository.recordApplication(input);
    const stored = await withDatabase((db) =>
      db.query<{
        id: string;
        case_id: string;
        seq: number;
        step: number;
        action: string;
        occurred_on: string;
        recorded_at: Date;
        actor_id: string | null;
        acting_body_id: string | null;
        data: unknown;
        evidence: unknown;
        prev_hash: string | null;
        hash: string;
      }>(
        `SELECT id, case_id, seq, step, action, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at, actor_id, acting_body_id, data, evidence, prev_hash, hash
         FROM dossier_record WHERE case_id = $1`,
        [input.caseId],
      ),
    );
    const row = stored.rows[0]!;
    expect(
      dossierRecordHash({
        caseId: row.case_id,
        seq: row.seq,
        step: row.step,
        action: row.action,
        occurredOn: row.occurred_on,
        recordedAt: row.recorded_at.toISOString(),
        actorId: row.actor_id,
        actingBodyId: row.acting_body_id,
        data: row.data,
        evidence: row.evidence,
        prevHash: row.prev_hash,
      }),
    ).toBe(row.hash);
    await expect(
      withDatabase((db) => db.query(`UPDATE dossier_record SET action = 'x' WHERE id = $1`, [row.id])),
    ).rejects.toThrow(/append-only/);
    await expect(
      withDatabase((db) => db.query('DELETE FROM dossier_record WHERE id = $1', [row.id])),
    ).rejects.toThrow(/append-only/);
  });
});
