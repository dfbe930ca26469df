import { type Client } from 'pg';

import { type PersonIdProtector } from '../person-id-protector';
import { maskNationalId } from '../repositories/persons';
import { type DataStep, MigrationError } from './migrator';

/** The migration that drops the clear column: every row must be encrypted before it. */
export const DROP_CLEAR_NATIONAL_ID = '20261129070100_drop_person_national_id_clear';
const BATCH = 1_000;

/**
 * Encrypts the national ID numbers still in clear (rows written before 20261129070000_encrypt_person_national_id):
 * ciphertext, lookup hash and mask set, the clear value removed, in batches of 1 000 rows per transaction.
 * The keys are asked for only when there is something to convert, so an empty or converted database needs
 * none. Afterwards the table is rewritten (VACUUM FULL) so no page keeps the old values.
 */
export function encryptPersonNationalIds(protector: () => PersonIdProtector): DataStep {
  return {
    name: 'encrypt person.national_id',
    before: DROP_CLEAR_NATIONAL_ID,
    async run(client: Client): Promise<void> {
      let converted = 0;
      let keys: Promise<PersonIdProtector> | undefined;
      for (;;) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ id: string; national_id: string }>(
            `SELECT id, national_id FROM person WHERE national_id IS NOT NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
          );
          if (rows.length > 0) {
            keys ??= protectorFor(protector, client);
            const k = await keys;
            await client.query(
              `UPDATE person p SET national_id_encrypted = v.encrypted, national_id_hmac = v.hmac,
                 national_id_mask = v.mask, national_id = NULL
               FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(id, encrypted, hmac, mask)
               WHERE p.id = v.id`,
              [
                rows.map((row) => row.id),
                rows.map((row) => k.encrypt(row.national_id, row.id)),
                rows.map((row) => k.lookupHash(row.national_id)),
                rows.map((row) => maskNationalId(row.national_id)),
              ],
            );
          }
          await client.query('COMMIT');
          converted += rows.length;
          if (rows.length < BATCH) break;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      // The old tuples still hold the numbers until the table is rewritten.
      if (converted > 0) await client.query('VACUUM FULL person');
    },
  };
}

async function protectorFor(protector: () => PersonIdProtector, client: Client): Promise<PersonIdProtector> {
  try {
    return protector();
  } catch (error) {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM person WHERE national_id IS NOT NULL',
    );
    throw new MigrationError(
      `${rows[0]?.n ?? 'some'} person rows hold national ID numbers in clear; set PERSON_ID_ENCRYPTION_KEYS and PERSON_ID_HMAC_KEY so the migration can encrypt them (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
