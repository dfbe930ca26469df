import { type ChainRecord, verifyRecordChain } from './chain-verification';
import { dossierRecordHash } from './dossier-hash';

const SUBJECT = 'b3f1c2de-0000-4000-8000-000000000001';

/** The hash a record of SUBJECT should carry for its fields. */
function rehash(record: Omit<ChainRecord, 'hash'> & { hash?: string }): string {
  const { id: _id, hash: _hash, ...fields } = record;
  return dossierRecordHash({ ...fields, caseId: SUBJECT });
}

/** An intact chain of `length` records, each recorded a minute after the one before. */
function chain(length: number): ChainRecord[] {
  const records: ChainRecord[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const fields = {
      id: `record-${seq}`,
      seq,
      step: seq,
      action: `action-${seq}`,
      occurredOn: '2026-03-01',
      recordedAt: new Date(Date.UTC(2026, 2, 1, 8, seq)).toISOString(),
      actorId: 'organiser',
      actingBodyId: 'branch',
      data: { note: `第${seq}步` },
      evidence: [],
      prevHash: records.at(-1)?.hash ?? null,
    };
    records.push({ ...fields, hash: rehash(fields) });
  }
  return records;
}

/** The chain with record `seq` replaced by `change(record)`. */
function altered(records: ChainRecord[], seq: number, change: (r: ChainRecord) => ChainRecord) {
  return records.map((record) => (record.seq === seq ? change(record) : record));
}

const verifiedSeqs = (records: readonly ChainRecord[], verified: readonly boolean[]) =>
  records.filter((_r, i) => verified[i]).map((r) => r.seq);

describe(verifyRecordChain.name, () => {
  it('finds nothing wrong with an intact chain and verifies every record', () => {
    const records = chain(4);
    expect(verifyRecordChain(SUBJECT, records)).toEqual({
      valid: true,
      breaks: [],
      verified: [true, true, true, true],
    });
  });

  it('names a record whose content was edited while its hash was left: CONTENT_CHANGED, the next link holds', () => {
    const records = altered(chain(4), 2, (r) => ({ ...r, data: { note: '篡改' } }));
    const result = verifyRecordChain(SUBJECT, records);
    expect(result.valid).toBe(false);
    expect(result.breaks).toEqual([
      { seq: 2, recordId: 'record-2', kind: 'CONTENT_CHANGED', detail: expect.stringContaining('content') },
    ]);
    expect(verifiedSeqs(records, result.verified)).toEqual([1, 3, 4]);
  });

  it('tells a record rewritten together with its hash (HASH_REWRITTEN) by the next record’s broken link', () => {
    const records = altered(chain(4), 2, (r) => {
      const forged = { ...r, data: { note: '篡改' } };
      return { ...forged, hash: rehash(forged) };
    });
    const result = verifyRecordChain(SUBJECT, records);
    expect(result.breaks).toEqual([
      { seq: 2, recordId: 'record-2', kind: 'HASH_REWRITTEN', detail: expect.stringContaining('seq 3') },
      { seq: 3, recordId: 'record-3', kind: 'LINK_BROKEN', detail: expect.stringContaining('seq 2') },
    ]);
    expect(verifiedSeqs(records, result.verified)).toEqual([1, 4]);
  });

  it('blames only the record whose prevHash was edited, not its predecessor', () => {
    const records = altered(chain(4), 3, (r) => ({ ...r, prevHash: 'f'.repeat(64) }));
    const result = verifyRecordChain(SUBJECT, records);
    expect(result.breaks).toEqual([
      { seq: 3, recordId: 'record-3', kind: 'LINK_BROKEN', detail: expect.stringContaining('prevHash') },
    ]);
    expect(verifiedSeqs(records, result.verified)).toEqual([1, 2, 4]);
  });

  it('reports a deleted record as RECORD_MISSING at its seq and leaves the record after the gap unverified', () => {
    const records = chain(5).filter((r) => r.seq !== 3);
    const result = verifyRecordChain(SUBJECT, records);
    expect(result.breaks).toEqual([
      { seq: 3, recordId: null, kind: 'RECORD_MISSING', detail: expect.stringContaining('record-4') },
    ]);
    expect(verifiedSeqs(records, result.verified)).toEqual([1, 2, 5]);
  });

  it('reports one RECORD_MISSING for a run of deleted records, and for a deleted first record', () => {
    const gap = verifyRecordChain(
      SUBJECT,
      chain(6).filter((r) => r.seq !== 3 && r.seq !== 4),
    );
    expect(gap.breaks).toEqual([
      { seq: 3, recordId: null, kind: 'RECORD_MISSING', detail: expect.stringContaining('seq 3–4') },
    ]);
    const head = verifyRecordChain(
      SUBJECT,
      chain(3).filter((r) => r.seq !== 1),
    );
    expect(head.breaks).toEqual([
      { seq: 1, recordId: null, kind: 'RECORD_MISSING', detail: expect.any(String) },
    ]);
    expect(head.verified).toEqual([false, true]);
  });

  it('breaks the chain when the first record links to a predecessor that is not there', () => {
    const records = altered(chain(2), 1, (r) => {
      const moved = { ...r, prevHash: 'a'.repeat(64) };
      return { ...moved, hash: rehash(moved) };
    });
    const result = verifyRecordChain(SUBJECT, records);
    // Record 1 now carries another hash as well, so record 2's link names it.
    expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([
      [1, 'LINK_BROKEN'],
      [1, 'HASH_REWRITTEN'],
      [2, 'LINK_BROKEN'],
    ]);
  });

  it('reports a second record with the same seq as DUPLICATE_SEQ', () => {
    const records = chain(3);
    const copy = { ...records[1]!, id: 'record-2-copy', data: { note: '插入' } };
    const result = verifyRecordChain(SUBJECT, [...records, copy]);
    expect(result.breaks).toEqual([
      { seq: 2, recordId: 'record-2-copy', kind: 'CONTENT_CHANGED', detail: expect.any(String) },
      {
        seq: 2,
        recordId: 'record-2-copy',
        kind: 'DUPLICATE_SEQ',
        detail: expect.stringContaining('record-2'),
      },
    ]);
    expect(result.verified).toEqual([true, true, true, false]);
  });

  it('reports a record appended with a consistent hash but recorded before its predecessor as OUT_OF_ORDER', () => {
    const records = chain(3);
    const fields = {
      ...records[2]!,
      id: 'record-4',
      seq: 4,
      recordedAt: '2026-02-01T00:00:00.000Z',
      prevHash: records[2]!.hash,
    };
    const result = verifyRecordChain(SUBJECT, [...records, { ...fields, hash: rehash(fields) }]);
    expect(result.breaks).toEqual([
      { seq: 4, recordId: 'record-4', kind: 'OUT_OF_ORDER', detail: expect.stringContaining('seq 3') },
    ]);
  });

  it('verifies records given in any order against their seq', () => {
    const records = chain(4);
    const shuffled = [records[2]!, records[0]!, records[3]!, records[1]!];
    expect(verifyRecordChain(SUBJECT, shuffled)).toEqual({
      valid: true,
      breaks: [],
      verified: [true, true, true, true],
    });
  });

  it('hashes with the subject id, so a record moved to another subject no longer matches', () => {
    const result = verifyRecordChain('another-subject', chain(2));
    expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([
      [1, 'CONTENT_CHANGED'],
      [2, 'CONTENT_CHANGED'],
    ]);
  });

  it('accepts an empty chain unless records are required (a subject whose records were all deleted)', () => {
    expect(verifyRecordChain(SUBJECT, [])).toEqual({ valid: true, breaks: [], verified: [] });
    expect(verifyRecordChain(SUBJECT, [], { requireRecords: true })).toEqual({
      valid: false,
      breaks: [{ seq: 1, recordId: null, kind: 'RECORD_MISSING', detail: expect.any(String) }],
      verified: [],
    });
  });
});
