import { canonicalJson, dossierRecordHash } from './dossier-hash';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('dossierRecordHash', () => {
  const record = {
    caseId: 'c',
    seq: 1,
    step: 1,
    action: 'application-submitted',
    occurredOn: '2026-11-20',
    recordedAt: '2026-11-21T06:00:00.000Z',
    actorId: null,
    actingBodyId: 'b',
    data: { name: '张三' },
    evidence: [],
    prevHash: null,
  };

  it('is a 64-hex SHA-256 that changes when any field or the previous hash changes', () => {
    const hash = dossierRecordHash(record);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(dossierRecordHash({ ...record, data: { name: '李四' } })).not.toBe(hash);
    expect(dossierRecordHash({ ...record, prevHash: hash })).not.toBe(hash);
    expect(dossierRecordHash({ ...record })).toBe(hash);
  });
});
