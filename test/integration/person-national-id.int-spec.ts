import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { DatabaseConfig, PiiConfig, loadSection } from '../../libs/config/src';
import {
  DROP_CLEAR_NATIONAL_ID,
  MigrationError,
  PersonIdProtector,
  PersonsRepository,
  PrismaService,
  applyMigrations,
  encryptPersonNationalIds,
  listMigrations,
} from '../../libs/persistence/src';
import { emptyDatabase, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

const MIGRATIONS = join(projectRoot(), 'prisma', 'migrations');

/** The person row as psql shows it, every column. */
async function personRow(personId: string, url?: string): Promise<Record<string, unknown>> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ row: Record<string, unknown> }>(
      'SELECT row_to_json(p) AS row FROM person p WHERE id = $1',
      [personId],
    );
    return rows[0]!.row;
  }, url);
}

describe('national ID numbers at rest', () => {
  let prisma: PrismaService;
  let persons: PersonsRepository;
  let protector: PersonIdProtector;

  beforeAll(async () => {
    await useIsolatedDatabase('person_national_id');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    protector = PersonIdProtector.fromConfig(loadSection(PiiConfig));
    persons = new PersonsRepository(prisma, protector);
  });
  afterAll(() => prisma.$disconnect());

  it('stores the number encrypted, with its keyed hash and mask: nothing of it in clear in the row', async () => {
    const nationalId = nationalIdFor('19850611', '247');
    const { personId } = await persons.ensure({
      name: '林静',
      nationalId,
      birthDate: '1985-06-11',
      gender: 'FEMALE',
    });
    const row = await personRow(personId);
    expect(Object.keys(row)).not.toContain('national_id');
    for (const part of [nationalId, nationalId.slice(0, 17), nationalId.slice(0, 14), nationalId.slice(6)])
      expect(JSON.stringify(row)).not.toContain(part);
    expect(row.national_id_hmac).toBe(protector.lookupHash(nationalId));
    expect(row.national_id_mask).toBe(`*****************${nationalId.slice(-1)}`);
    // Only the keys bring it back, and only on its own row.
    expect(protector.decrypt(String(row.national_id_encrypted), personId)).toBe(nationalId);
    expect(() =>
      protector.decrypt(String(row.national_id_encrypted), '00000000-0000-4000-8000-000000000000'),
    ).toThrow();
  });

  it('finds a person by exact ID number through the keyed hash, and registers each number once', async () => {
    const nationalId = nationalIdFor('19900101', '078'); // check character X
    expect(nationalId.endsWith('X')).toBe(true);
    const identity = { name: '周敏', nationalId, birthDate: '1990-01-01', gender: 'FEMALE' as const };
    expect(await persons.findIdByNationalId(nationalId)).toBeUndefined();
    const registered = await Promise.all([1, 2, 3].map(() => persons.ensure(identity)));
    expect(new Set(registered.map((reference) => reference.personId)).size).toBe(1);
    const { personId } = registered[0]!;
    expect(await persons.findIdByNationalId(nationalId)).toBe(personId);
    expect(await persons.findIdByNationalId(` ${nationalId.toLowerCase()} `)).toBe(personId);
    expect(await persons.findIdByNationalId(nationalIdFor('19900101', '004'))).toBeUndefined();
    const rows = await withDatabase((db) =>
      db.query('SELECT id FROM person WHERE national_id_hmac = $1', [protector.lookupHash(nationalId)]),
    );
    expect(rows.rows).toEqual([{ id: personId }]);
  });
});

describe('encrypting the numbers of a database from before (migration data step)', () => {
  const protector = () => PersonIdProtector.fromConfig(loadSection(PiiConfig));
  const legacy = [
    { id: '11111111-1111-4111-8111-111111111111', nationalId: nationalIdFor('19700312', '013') },
    { id: '22222222-2222-4222-8222-222222222222', nationalId: nationalIdFor('19820725', '024') },
  ];

  /** A database migrated up to the migration that adds the encrypted columns, with people stored in clear. */
  async function databaseFromBefore(label: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'xf-migrations-'));
    try {
      cpSync(MIGRATIONS, dir, { recursive: true });
      for (const name of listMigrations(dir).filter((name) => name >= DROP_CLEAR_NATIONAL_ID))
        rmSync(join(dir, name), { recursive: true });
      const url = await emptyDatabase(label);
      await applyMigrations(url, dir);
      await withDatabase(async (db) => {
        for (const person of legacy) {
          await db.query(
            `INSERT INTO person (id, name, national_id, birth_date, gender) VALUES ($1, '旧档', $2, '1970-03-12', 'MALE')`,
            [person.id, person.nationalId],
          );
        }
      }, url);
      return url;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('encrypts every row still in clear, then drops the clear column', async () => {
    const url = await databaseFromBefore('pid_convert');
    const result = await applyMigrations(url, MIGRATIONS, {
      dataSteps: [encryptPersonNationalIds(protector)],
    });
    expect(result.applied).toContain(DROP_CLEAR_NATIONAL_ID);
    for (const person of legacy) {
      const row = await personRow(person.id, url);
      expect(Object.keys(row)).not.toContain('national_id');
      expect(JSON.stringify(row)).not.toContain(person.nationalId.slice(0, 14));
      expect(row.national_id_hmac).toBe(protector().lookupHash(person.nationalId));
      expect(protector().decrypt(String(row.national_id_encrypted), person.id)).toBe(person.nationalId);
    }
  });

  it('stops, naming the keys, when there are rows to encrypt and no keys; nothing is lost', async () => {
    const url = await databaseFromBefore('pid_nokeys');
    const noKeys = () => PersonIdProtector.fromConfig(loadSection(PiiConfig, {}));
    const error = await applyMigrations(url, MIGRATIONS, {
      dataSteps: [encryptPersonNationalIds(noKeys)],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /2 person rows hold national ID numbers in clear; set PERSON_ID_ENCRYPTION_KEYS and PERSON_ID_HMAC_KEY/,
    );
    const { rows } = await withDatabase(
      (db) => db.query<{ national_id: string }>('SELECT national_id FROM person ORDER BY id'),
      url,
    );
    expect(rows.map((row) => row.national_id)).toEqual(legacy.map((person) => person.nationalId));
  });

  it('refuses to drop the clear column when a tool without the data step (prisma migrate deploy) gets there first', async () => {
    const url = await databaseFromBefore('pid_nostep');
    await expect(applyMigrations(url, MIGRATIONS)).rejects.toThrow(
      /person rows still hold national ID numbers in clear: run npm run db:migrate/,
    );
    const { rows } = await withDatabase((db) => db.query('SELECT national_id FROM person'), url);
    expect(rows).toHaveLength(2);
  });
});
