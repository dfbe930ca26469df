import { randomUUID } from 'node:crypto';

import { type RecordedBy } from '@app/domain';

import { dossierRecordHash } from '../dossier-hash';
import { asDate, dateOnly } from './dates';

/**
 * 一人一档 chains for the cadre and reserve records: each record hashes its content and its predecessor's hash
 * (same scheme as dossier_record, step 0, no evidence), so editing any record breaks every later link.
 */
export interface ChainedRow {
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

/** The records in order as the API shows them, and whether every link of the chain holds. */
export function verifiedChain(
  subjectId: string,
  rows: readonly ChainedRow[],
): { records: RecordEntry[]; chainValid: boolean } {
  let previous: string | null = null;
  let chainValid = true;
  const records = rows.map((row, index) => {
    const entry = {
      seq: row.seq,
      action: row.action,
      occurredOn: dateOnly(row.occurredOn),
      recordedAt: row.recordedAt.toISOString(),
      actorId: row.actorId,
      data: row.data,
    };
    const hash = dossierRecordHash({
      caseId: subjectId,
      seq: row.seq,
      step: 0,
      action: row.action,
      occurredOn: entry.occurredOn,
      recordedAt: entry.recordedAt,
      actorId: row.actorId,
      actingBodyId: row.actingBodyId,
      data: row.data,
      evidence: [],
      prevHash: previous,
    });
    chainValid &&= row.prevHash === previous && hash === row.hash && row.seq === index + 1;
    previous = row.hash;
    return entry;
  });
  return { records, chainValid };
}
