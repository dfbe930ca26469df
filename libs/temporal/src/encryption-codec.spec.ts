import { randomBytes } from 'node:crypto';

import { ApplicationFailure, type Payload, defaultPayloadConverter } from '@temporalio/common';

import { type KeyRing } from '@app/config';

import { ENCRYPTED_ENCODING, EncryptionCodec, PayloadDecryptionError } from './encryption-codec';
import { failureConverter } from './failure-converter';

const ring = (active: string, ...ids: string[]): KeyRing => ({
  active,
  keys: new Map(ids.map((id) => [id, keys.get(id)!])),
});
const keys = new Map(['k1', 'k2'].map((id) => [id, randomBytes(32)]));
const person = { name: '张三', nationalId: '320602200001051237', birthDate: '2000-01-05' };
const plain = (): Payload => defaultPayloadConverter.toPayload(person);
const text = (payload: Payload): string => Buffer.from(payload.data ?? []).toString('utf8');
const metadata = (payload: Payload, key: string): string =>
  Buffer.from(payload.metadata?.[key] ?? []).toString('utf8');

describe(EncryptionCodec.name, () => {
  it('round-trips a payload, metadata included, with nothing of it in clear', async () => {
    const codec = new EncryptionCodec(ring('k1', 'k1'));
    const [encoded] = await codec.encode([plain()]);
    expect(metadata(encoded!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(metadata(encoded!, 'encryption-key-id')).toBe('k1');
    const raw = Buffer.from(encoded!.data!);
    for (const secret of [person.name, person.nationalId, '200001051237', 'json/plain'])
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    const [decoded] = await codec.decode([encoded!]);
    expect(metadata(decoded!, 'encoding')).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(person);
  });

  it('uses a fresh IV: the same payload encrypts differently each time', async () => {
    const codec = new EncryptionCodec(ring('k1', 'k1'));
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('detects tampering: a flipped bit or a relabelled key id fails authentication', async () => {
    const codec = new EncryptionCodec(ring('k1', 'k1', 'k2'));
    const [encoded] = await codec.encode([plain()]);
    const flipped = Buffer.from(encoded!.data!);
    flipped[20]! ^= 1;
    await expect(codec.decode([{ ...encoded!, data: flipped }])).rejects.toThrow(
      new PayloadDecryptionError(
        'encrypted payload (key id "k1") failed authentication: altered, or a different key under that id',
      ),
    );
    const relabelled = {
      ...encoded!,
      metadata: { ...encoded!.metadata, 'encryption-key-id': Buffer.from('k2') },
    };
    await expect(codec.decode([relabelled])).rejects.toThrow(/key id "k2"\) failed authentication/);
    await expect(codec.decode([{ ...encoded!, data: flipped.subarray(0, 10) }])).rejects.toThrow(/truncated/);
  });

  it('rotates keys: new payloads use the active key, payloads under a retired key still decode', async () => {
    const before = new EncryptionCodec(ring('k1', 'k1'));
    const after = new EncryptionCodec(ring('k2', 'k2', 'k1'));
    const [old] = await before.encode([plain()]);
    const [fresh] = await after.encode([plain()]);
    expect(metadata(fresh!, 'encryption-key-id')).toBe('k2');
    const decoded = await after.decode([old!, fresh!]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([person, person]);
  });

  it('refuses, by name, a key id that is not configured', async () => {
    const [encoded] = await new EncryptionCodec(ring('k2', 'k2')).encode([plain()]);
    await expect(new EncryptionCodec(ring('k1', 'k1')).decode([encoded!])).rejects.toThrow(
      'payload encrypted with key id "k2", which is not configured (known: k1); add it to TEMPORAL_CODEC_KEYS',
    );
  });

  it('passes payloads that were never encrypted through unchanged (histories recorded before the codec)', async () => {
    const codec = new EncryptionCodec(ring('k1', 'k1'));
    const unencrypted = [plain(), defaultPayloadConverter.toPayload(undefined), {}];
    const decoded = await codec.decode(unencrypted);
    expect(decoded).toEqual(unencrypted);
    expect(text(decoded[0]!)).toContain(person.nationalId);
  });

  it('takes failure messages out of the clear too: they travel in a payload the codec encrypts', async () => {
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.nonRetryable('孙红不是正式党员，不能作入党介绍人', 'RuleViolation'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    const [encrypted] = await new EncryptionCodec(ring('k1', 'k1')).encode([failure.encodedAttributes!]);
    expect(Buffer.from(encrypted!.data!).includes(Buffer.from('孙红'))).toBe(false);
  });
});
