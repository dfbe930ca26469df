import { type ChainBreak, type ChainVerification } from '@app/contracts';

import { type DossierHashInput, dossierRecordHash } from './dossier-hash';

/**
 * A record of any hash chain as stored (dossier_record, cadre_record, reserve_record), with its hashed fields
 * as they were hashed: dates as YYYY-MM-DD and ISO instants; the cadre and reserve chains hash step 0 and no
 * evidence.
 */
export interface ChainRecord extends Omit<DossierHashInput, 'caseId'> {
  readonly id: string;
  readonly hash: string;
}

export interface ChainCheck extends ChainVerification {
  /** Per record, in the order given: its content matches its hash and it is linked both ways to its neighbours. */
  readonly verified: readonly boolean[];
}

const short = (hash: string | null): string => (hash === null ? 'null' : `${hash.slice(0, 12)}…`);

function contentHash(subjectId: string, record: ChainRecord, prevHash: string | null): string {
  const { id: _id, hash: _hash, ...fields } = record;
  return dossierRecordHash({ ...fields, caseId: subjectId, prevHash });
}

type Report = (record: ChainRecord | null, seq: number, kind: ChainBreak['kind'], detail: string) => void;

/** One walk along a chain: what it found so far. */
interface Walk {
  readonly subjectId: string;
  readonly contentOk: ReadonlyMap<ChainRecord, boolean>;
  readonly unverified: Set<ChainRecord>;
  readonly report: Report;
}

/**
 * Walks one subject's chain and names every break: which record (seq, id) and how. Each record's hash is
 * recomputed over its content and its own prevHash, so an edited record (CONTENT_CHANGED) is told apart from a
 * link that no longer holds (LINK_BROKEN) and from a record rewritten together with its hash, which only its
 * successor still shows (HASH_REWRITTEN on it, LINK_BROKEN on the successor). A rewrite of the last record
 * with its hash, or a deleted last record, leaves no trace in the chain itself.
 */
export function verifyRecordChain(
  subjectId: string,
  records: readonly ChainRecord[],
  options: { readonly requireRecords?: boolean } = {},
): ChainCheck {
  if (records.length === 0) {
    const breaks: ChainBreak[] = options.requireRecords
      ? [{ seq: 1, recordId: null, kind: 'RECORD_MISSING', detail: 'the chain has no records at all' }]
      : [];
    return { valid: breaks.length === 0, breaks, verified: [] };
  }
  const ordered = [...records].sort(
    (a, b) =>
      a.seq - b.seq ||
      (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const breaks: ChainBreak[] = [];
  const walk: Walk = {
    subjectId,
    contentOk: new Map(ordered.map((r) => [r, contentHash(subjectId, r, r.prevHash) === r.hash])),
    unverified: new Set<ChainRecord>(),
    report: (record, seq, kind, detail) => {
      breaks.push({ seq, recordId: record?.id ?? null, kind, detail });
      if (record) walk.unverified.add(record);
    },
  };
  // The record the next one should link to: the first of its seq (later duplicates are intruders).
  let previous: ChainRecord | null = null;
  for (const record of ordered) {
    const prevHashEdited = checkContent(walk, previous, record);
    if (previous !== null && record.seq === previous.seq) {
      walk.report(
        record,
        record.seq,
        'DUPLICATE_SEQ',
        `a second record with seq ${record.seq} (the first is ${previous.id})`,
      );
      continue;
    }
    checkPlace(walk, previous, record, prevHashEdited);
    if (previous !== null && record.seq > previous.seq && record.recordedAt < previous.recordedAt)
      walk.report(
        record,
        record.seq,
        'OUT_OF_ORDER',
        `recorded at ${record.recordedAt}, before record seq ${previous.seq} (${previous.id}) at ${previous.recordedAt}`,
      );
    previous = record;
  }
  breaks.sort((a, b) => a.seq - b.seq);
  return { valid: breaks.length === 0, breaks, verified: records.map((r) => !walk.unverified.has(r)) };
}

/** Reports an edited record; true when only its prevHash was edited (its content hashes right linked back). */
function checkContent(walk: Walk, previous: ChainRecord | null, record: ChainRecord): boolean {
  const prevHashEdited =
    previous !== null &&
    record.seq === previous.seq + 1 &&
    record.prevHash !== previous.hash &&
    !walk.contentOk.get(record) &&
    contentHash(walk.subjectId, record, previous.hash) === record.hash;
  if (!walk.contentOk.get(record) && !prevHashEdited)
    walk.report(
      record,
      record.seq,
      'CONTENT_CHANGED',
      `stored hash ${short(record.hash)} no longer matches the record's content: edited after it was recorded`,
    );
  return prevHashEdited;
}

/** Reports a record out of its place in the sequence, or not linked to the one before it. */
function checkPlace(
  walk: Walk,
  previous: ChainRecord | null,
  record: ChainRecord,
  prevHashEdited: boolean,
): void {
  const expected = previous === null ? 1 : previous.seq + 1;
  if (record.seq > expected) {
    const missing = record.seq - 1 === expected ? `seq ${expected}` : `seq ${expected}–${record.seq - 1}`;
    walk.report(
      null,
      expected,
      'RECORD_MISSING',
      `${missing} missing: record seq ${record.seq} (${record.id}) follows ` +
        (previous ? `seq ${previous.seq} (${previous.id})` : 'no record'),
    );
    // Its link points at a record that is not there: nothing to verify it against.
    walk.unverified.add(record);
  } else if (record.seq < expected) {
    walk.report(record, record.seq, 'OUT_OF_ORDER', `seq ${record.seq} comes before the first seq 1`);
  } else if (previous === null) {
    if (record.prevHash !== null)
      walk.report(
        record,
        record.seq,
        'LINK_BROKEN',
        `the first record links to a predecessor (prevHash ${short(record.prevHash)}) that is not in the chain`,
      );
  } else if (record.prevHash !== previous.hash) {
    checkLink(walk, previous, record, prevHashEdited);
  }
}

function checkLink(walk: Walk, previous: ChainRecord, record: ChainRecord, prevHashEdited: boolean): void {
  if (prevHashEdited) {
    walk.report(
      record,
      record.seq,
      'LINK_BROKEN',
      `prevHash was changed to ${short(record.prevHash)}; the record was hashed linked to seq ${previous.seq} (${previous.id})`,
    );
    return;
  }
  // A consistent successor still holds the hash its predecessor had when it was recorded.
  if (walk.contentOk.get(record))
    walk.report(
      previous,
      previous.seq,
      'HASH_REWRITTEN',
      `stored hash ${short(previous.hash)} is not the ${short(record.prevHash)} that record seq ${record.seq} ` +
        `(${record.id}) was linked to: content and hash were rewritten together`,
    );
  walk.report(
    record,
    record.seq,
    'LINK_BROKEN',
    `prevHash ${short(record.prevHash)} does not match the hash ${short(previous.hash)} of record seq ` +
      `${previous.seq} (${previous.id})`,
  );
}
