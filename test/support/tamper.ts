import { dossierRecordHash } from '../../libs/persistence/src';
import { withDatabase } from './database';

export type ChainTable = 'dossier_record' | 'cadre_record' | 'reserve_record';
const SUBJECT_COLUMN: Record<ChainTable, string> = {
  dossier_record: 'case_id',
  cadre_record: 'case_id',
  reserve_record: 'entry_id',
};

/**
 * What an intruder with database access might do to one record of a chain: edit its content in place (its hash
 * left as it was), edit its content and recompute its hash to match (with the project's own hash function), or
 * delete it.
 */
export type Tampering = 'edit-content' | 'rewrite-with-hash' | 'delete';

/** Alters records behind the application's back with plain SQL, the append-only triggers off meanwhile. */
export async function tamper(
  table: ChainTable,
  subject: string,
  changes: readonly { readonly seq: number; readonly how: Tampering }[],
): Promise<void> {
  const column = SUBJECT_COLUMN[table];
  await withDatabase(async (db) => {
    await db.query('BEGIN');
    await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const { seq, how } of changes) {
      const where = `${column} = $1 AND seq = $2`;
      if (how === 'delete') {
        await db.query(`DELETE FROM ${table} WHERE ${where}`, [subject, seq]);
      } else if (how === 'edit-content') {
        await db.query(`UPDATE ${table} SET data = data || '{"tampered": "content only"}' WHERE ${where}`, [
          subject,
          seq,
        ]);
      } else {
        const { rows } = await db.query<{
          step: number;
          action: string;
          occurred_on: string;
          recorded_at: Date;
          actor_id: string | null;
          acting_body_id: string | null;
          data: Record<string, unknown>;
          evidence: unknown;
          prev_hash: string | null;
        }>(
          `SELECT ${table === 'dossier_record' ? 'step, evidence' : `0 AS step, '[]'::jsonb AS evidence`},
                  action, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at, actor_id,
                  acting_body_id, data, prev_hash
             FROM ${table} WHERE ${where}`,
          [subject, seq],
        );
        const row = rows[0]!;
        const data = { ...row.data, tampered: 'rewritten with its hash' };
        const hash = dossierRecordHash({
          caseId: subject,
          seq,
          step: row.step,
          action: row.action,
          occurredOn: row.occurred_on,
          recordedAt: row.recorded_at.toISOString(),
          actorId: row.actor_id,
          actingBodyId: row.acting_body_id,
          data,
          evidence: row.evidence,
          prevHash: row.prev_hash,
        });
        await db.query(`UPDATE ${table} SET data = $3, hash = $4 WHERE ${where}`, [subject, seq, data, hash]);
      }
    }
    await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await db.query('COMMIT');
  });
}
