import { randomUUID } from 'node:crypto';

import { main as verifyChains } from '../../apps/api/src/verify-chains';
import { DatabaseConfig, loadSection } from '../../libs/config/src';
import {
  CadreCasesRepository,
  PrismaService,
  dossierRecordHash,
  nextChainedRecord,
} from '../../libs/persistence/src';
import { type Prisma } from '../../libs/persistence/src/generated/prisma/client';
import { orgUnitId } from '../../prisma/seed/seed';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { tamper } from '../support/tamper';

/**
 * `npm run db:verify-chains` against a database of its own: chains written the way the repositories write them,
 * verified intact, then altered with plain SQL; the command names every broken record and exits non-zero.
 * Batches of two subjects, so chains of every kind fall on both sides of batch boundaries.
 */
describe('db:verify-chains', () => {
  let prisma: PrismaService;
  const member: string[] = [];
  const cadre: string[] = [];
  const reserve: string[] = [];
  const recordId = new Map<string, string>();

  async function run(args: readonly string[] = ['--batch-size', '2'], env: NodeJS.ProcessEnv = process.env) {
    let out = '';
    let err = '';
    const code = await verifyChains(
      args,
      env,
      { write: (text: string) => ((out += text), true) },
      { write: (text: string) => ((err += text), true) },
    );
    return { code, out, err };
  }

  beforeAll(async () => {
    await useIsolatedDatabase('verify_chains');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    const people = await prisma.person.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 5 });
    const person = (i: number) => people[i % people.length]!.id;
    const recorded = { subject: 'organiser', name: '组织员', actingFor: null };

    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      member.push(id);
      // Closed, so the seeded people can have several (one open case per person).
      await prisma.memberCase.create({
        data: {
          id,
          personId: person(i),
          branchId: orgUnitId('DX-DZ-DC-B1'),
          workflowId: `member-case-${id}`,
          ruleSet: '2026.05',
          stage: 'APPLICANT',
          currentStep: 3,
          status: 'CLOSED',
          applicationDate: new Date('2026-03-01T00:00:00.000Z'),
        },
      });
      let prevHash: string | null = null;
      for (let seq = 1; seq <= 3; seq++) {
        const fields = {
          caseId: id,
          seq,
          step: seq,
          action: `step-${seq}`,
          occurredOn: '2026-03-01',
          recordedAt: new Date().toISOString(),
          actorId: recorded.subject,
          actingBodyId: orgUnitId('DX-DZ-DC-B1'),
          data: { recordedBy: recorded, note: `第${seq}步` },
          evidence: [] as string[],
          prevHash,
        };
        const hash = dossierRecordHash(fields);
        const created = await prisma.dossierRecord.create({
          data: {
            ...fields,
            id: randomUUID(),
            occurredOn: new Date(`${fields.occurredOn}T00:00:00.000Z`),
            recordedAt: new Date(fields.recordedAt),
            hash,
          },
        });
        recordId.set(`${id}:${seq}`, created.id);
        prevHash = hash;
      }
    }

    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      cadre.push(id);
      await prisma.cadreCase.create({
        data: {
          id,
          personId: person(i),
          workflowId: `cadre-case-${id}`,
          programmeId: 'GUIYAN',
          post: 'SECRETARY_ASSISTANT',
          villageId: orgUnitId('DX-DZ-DC'),
          channel: 'TOWNSHIP',
          stage: 'QUALIFIED',
          status: 'CLOSED',
          nominatedOn: new Date('2026-03-01T00:00:00.000Z'),
        },
      });
      let previous: { seq: number; hash: string } | null = null;
      for (let seq = 1; seq <= 3; seq++) {
        const record = nextChainedRecord(id, previous, {
          action: `STEP_${seq}`,
          occurredOn: '2026-03-02',
          actingBodyId: orgUnitId('DX-DZ'),
          recordedBy: recorded,
          data: { seq },
        });
        await prisma.cadreRecord.create({
          data: { ...record, caseId: id, data: record.data as Prisma.InputJsonObject },
        });
        recordId.set(`${id}:${seq}`, record.id);
        previous = record;
      }
    }

    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      reserve.push(id);
      await prisma.reserveEntry.create({
        data: {
          id,
          personId: person(i),
          workflowId: `reservist-${id}`,
          villageId: orgUnitId('DX-DZ-NC'),
          townshipId: orgUnitId('DX-DZ'),
          category: 'LOCAL_GRADUATE',
          status: 'ENTERING',
          entryStep: 'RECOMMENDED',
          recommendedOn: new Date('2026-03-01T00:00:00.000Z'),
        },
      });
      let previous: { seq: number; hash: string } | null = null;
      for (let seq = 1; seq <= 3; seq++) {
        const record = nextChainedRecord(id, previous, {
          action: `STEP_${seq}`,
          occurredOn: '2026-03-03',
          actingBodyId: orgUnitId('DX-DZ'),
          recordedBy: recorded,
          data: { seq },
        });
        await prisma.reserveRecord.create({
          data: { ...record, entryId: id, data: record.data as Prisma.InputJsonObject },
        });
        recordId.set(`${id}:${seq}`, record.id);
        previous = record;
      }
    }
  });

  afterAll(() => prisma.$disconnect());

  it('exits 0 and counts every chain when all are intact', async () => {
    const { code, out, err } = await run();
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const counts = await withDatabase(async (db) => {
      const count = async (table: string) =>
        Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);
      return {
        member: await count('member_case'),
        cadre: await count('cadre_case'),
        reserve: await count('reserve_entry'),
        records:
          (await count('dossier_record')) + (await count('cadre_record')) + (await count('reserve_record')),
      };
    });
    expect(counts.member).toBeGreaterThanOrEqual(5);
    expect(out).toBe(
      `verified ${counts.member + counts.cadre + counts.reserve} chains (${counts.records} records): ` +
        `${counts.member} member-case, ${counts.cadre} cadre-case, ${counts.reserve} reserve-entry\n` +
        'every chain is intact\n',
    );
  });

  it('names every broken record with its chain, subject, seq and kind of break, and exits 1', async () => {
    await tamper('dossier_record', member[1]!, [{ seq: 2, how: 'edit-content' }]);
    await tamper('dossier_record', member[4]!, [
      { seq: 1, how: 'delete' },
      { seq: 2, how: 'delete' },
      { seq: 3, how: 'delete' },
    ]);
    await tamper('cadre_record', cadre[1]!, [
      { seq: 1, how: 'delete' },
      { seq: 2, how: 'delete' },
      { seq: 3, how: 'delete' },
    ]);
    await tamper('cadre_record', cadre[2]!, [{ seq: 1, how: 'rewrite-with-hash' }]);
    await tamper('reserve_record', reserve[0]!, [{ seq: 2, how: 'delete' }]);

    const { code, out } = await run();
    expect(code).toBe(1);
    const broken = out
      .split('\n')
      .filter((line) => line.startsWith('BROKEN '))
      .map((line) => line.slice(0, line.indexOf(':')))
      .sort();
    const id = (subject: string, seq: number) => recordId.get(`${subject}:${seq}`)!;
    expect(broken).toEqual(
      [
        `BROKEN member-case ${member[1]} seq 2 record ${id(member[1]!, 2)} CONTENT_CHANGED`,
        `BROKEN member-case ${member[4]} seq 1 record - RECORD_MISSING`,
        `BROKEN cadre-case ${cadre[1]} seq 1 record - RECORD_MISSING`,
        `BROKEN cadre-case ${cadre[2]} seq 1 record ${id(cadre[2]!, 1)} HASH_REWRITTEN`,
        `BROKEN cadre-case ${cadre[2]} seq 2 record ${id(cadre[2]!, 2)} LINK_BROKEN`,
        `BROKEN reserve-entry ${reserve[0]} seq 2 record - RECORD_MISSING`,
      ].sort(),
    );
    expect(out).toMatch(/\n5 broken chains, 6 breaks\n$/);
  });

  it('reports a case whose records were all deleted at its record endpoint too', async () => {
    const records = await new CadreCasesRepository(prisma).records(cadre[1]!);
    expect(records).toEqual({
      records: [],
      chainValid: false,
      chain: {
        valid: false,
        breaks: [{ seq: 1, recordId: null, kind: 'RECORD_MISSING', detail: expect.any(String) }],
      },
    });
    // A subject that does not exist has no chain to break.
    expect((await new CadreCasesRepository(prisma).records(randomUUID())).chain).toEqual({
      valid: true,
      breaks: [],
    });
  });

  it('exits 2 naming the variable when DATABASE_URL is not a PostgreSQL URL, and on unusable arguments', async () => {
    const badUrl = await run([], { DATABASE_URL: 'mysql://somewhere/db' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toContain('DATABASE_URL="mysql://somewhere/db"');
    expect(badUrl.out).toBe('');
    const badArgs = await run(['--batch-size', '0']);
    expect(badArgs.code).toBe(2);
    expect(badArgs.err).toMatch(/^usage: /);
  });
});
