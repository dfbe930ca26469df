import { randomUUID } from 'node:crypto';

import { type VerifiedRecords } from '@app/contracts';
import { type RecordedBy } from '@app/domain';

import { type ChainRecord, verifyRecordChain } from '../chain-verification';
import { dossierRecordHash } from '../dossier-hash';
import { asDate, dateOnly } from './dates';

/**
 * 一人一档 chains for the cadre and reserve records: each record hashes its content and its predecessor's hash
 * (same scheme as dossier_record, step 0, no evidence), so editing any record breaks every later link.
 */
export interface ChainedRow {
  readonly id: string;
  readonly seq: number;
  readonly action: string;
  readonly occurredOn: Date;
  readonly recordedAt: Date;
  readonly actorId: string | null;
  readonly actingBodyId: string | null;
  readonly data: unknown;
  readonly prevHash: string | null;
  readonly hash: string;
}

export interface ChainEntry {
  readonly id?: string;
  readonly action: string;
  readonly occurredOn: string;
  readonly actingBodyId: string | null;
  readonly recordedBy: RecordedBy | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RecordEntry {
  readonly id: string;
  readonly seq: number;
  readonly action: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly actorId: string | null;
  readonly data: unknown;
}

/** The next row of a chain after `previous` (null: the first), ready to insert. */
export function nextChainedRecord(
  subjectId: string,
  previous: { readonly seq: number; readonly hash: string } | null,
  entry: ChainEntry,
): Omit<ChainedRow, 'data'> & { readonly id: string; readonly data: Record<string, unknown> } {
  const recordedAt = new Date();
  const data = { ...entry.data, ...(entry.recordedBy ? { recordedBy: { ...entry.recordedBy } } : {}) };
  const hashed = {
    caseId: subjectId,
    seq: (previous?.seq ?? 0) + 1,
    step: 0,
    action: entry.action,
    occurredOn: entry.occurredOn,
    recordedAt: recordedAt.toISOString(),
    actorId: entry.recordedBy?.subject ?? null,
    actingBodyId: entry.actingBodyId,
    data,
    evidence: [] as string[],
    prevHash: previous?.hash ?? null,
  };
  return {
    id: entry.id ?? randomUUID(),
    seq: hashed.seq,
    action: entry.action,
    occurredOn: asDate(entry.occurredOn),
    recordedAt,
    actorId: hashed.actorId,
    actingBodyId: entry.actingBodyId,
    data,
    prevHash: hashed.prevHash,
    hash: dossierRecordHash(hashed),
  };
}

/** A stored cadre or reserve record as its hash was computed (step 0, no evidence), for the verifier. */
export function chainRecord(row: ChainedRow): ChainRecord {
  return {
    id: row.id,
    seq: row.seq,
    step: 0,
    action: row.action,
    occurredOn: dateOnly(row.occurredOn),
    recordedAt: row.recordedAt.toISOString(),
    actorId: row.actorId,
    actingBodyId: row.actingBodyId,
    data: row.data,
    evidence: [],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** A stored cadre or reserve record as the API shows it. */
function recordEntry({ id, seq, action, occurredOn, recordedAt, actorId, data }: ChainRecord): RecordEntry {
  return { id, seq, action, occurredOn, recordedAt, actorId, data };
}

/**
 * A subject's records in order as the API shows them (`show`), each marked verified or not, and every break of
 * the chain. The subject row and its first record are written together: when `subjectExists`, a chain without
 * records lost them.
 */
export async function verifiedRecords<R extends ChainRecord, V extends object>(
  subjectId: string,
  stored: readonly R[],
  subjectExists: () => PromiseLike<boolean>,
  show: (record: R) => V,
): Promise<VerifiedRecords<V>> {
  const requireRecords = stored.length > 0 || (await subjectExists());
  const { verified, ...chain } = verifyRecordChain(subjectId, stored, { requireRecords });
  const records = stored.map((record, index) => ({ ...show(record), verified: verified[index]! }));
  return { records, chainValid: chain.valid, chain };
}

/** A cadre case's or reserve entry's records in order, verified (see verifiedRecords). */
export function verifiedChain(
  subjectId: string,
  rows: readonly ChainedRow[],
  subjectExists: () => PromiseLike<boolean>,
): Promise<VerifiedRecords<RecordEntry>> {
  return verifiedRecords(subjectId, rows.map(chainRecord), subjectExists, recordEntry);
}
