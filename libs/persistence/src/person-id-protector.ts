import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import { type KeyRing, type PiiConfig } from '@app/config';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The national ID number at rest (DESIGN "Personal data stays protected"): AES-256-GCM ciphertext stored as
 * `<key id>:<base64 iv‖ciphertext‖tag>`, bound to the person's row id so it cannot be copied onto another row,
 * and an HMAC-SHA256 under a separate key for uniqueness and exact lookup. Nothing searches by decrypting.
 */
export class PersonIdProtector {
  constructor(
    private readonly ring: KeyRing,
    private readonly hmacKey: Buffer,
  ) {}

  static fromConfig(config: PiiConfig): PersonIdProtector {
    return new PersonIdProtector(config.personIdKeys, config.personIdHmacKey);
  }

  /** The lookup hash (hex) of a number as the rules accept it (trimmed, upper-case X). */
  lookupHash(nationalId: string): string {
    return this.keyedHash('national-id', normalise(nationalId));
  }

  /**
   * A keyed hash of any text in its own domain (e.g. the fingerprint of a request that carries an ID number):
   * comparable, but not open to guessing the number from it without the key.
   */
  keyedHash(domain: string, text: string): string {
    return createHmac('sha256', this.hmacKey).update(`${domain}\u0000${text}`, 'utf8').digest('hex');
  }

  encrypt(nationalId: string, personId: string): string {
    const keyId = this.ring.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys.get(keyId)!, iv);
    cipher.setAAD(aad(keyId, personId));
    const ciphertext = Buffer.concat([cipher.update(normalise(nationalId), 'utf8'), cipher.final()]);
    return `${keyId}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** For the few who must see the number (filing, re-keying); throws on an unknown key or altered data. */
  decrypt(stored: string, personId: string): string {
    const colon = stored.indexOf(':');
    const keyId = stored.slice(0, colon);
    const key = colon > 0 ? this.ring.keys.get(keyId) : undefined;
    if (!key) throw new Error(`national ID encrypted under key id "${keyId}", which is not configured`);
    const data = Buffer.from(stored.slice(colon + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(aad(keyId, personId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

function normalise(nationalId: string): string {
  return nationalId.trim().toUpperCase();
}

function aad(keyId: string, personId: string): Buffer {
  return Buffer.from(`person.national_id:${keyId}:${personId}`, 'utf8');
}
