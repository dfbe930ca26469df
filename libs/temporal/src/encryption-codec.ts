import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import {
  type DataConverter,
  METADATA_ENCODING_KEY,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { decode, encode } from '@temporalio/common/lib/encoding';
import { temporal } from '@temporalio/proto';

import { type KeyRing, type PiiConfig } from '@app/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload the codec cannot decode: unknown key id, or a ciphertext that fails authentication. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, update and query arguments,
 * failure details, memos) with AES-256-GCM, so workflow histories on the server, in its database and in the
 * UI hold no personal data in clear. The whole original payload (its metadata too) is the plaintext; the key
 * id travels in the metadata, so keys rotate by adding a new active key and keeping the old ones listed.
 * Payloads that are not encrypted (histories recorded before the codec) pass through unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.active;
    const key = this.ring.keys.get(keyId)!;
    return Promise.resolve(
      payloads.map((payload) => {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        cipher.setAAD(aad(keyId));
        const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
        const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
        return {
          metadata: {
            [METADATA_ENCODING_KEY]: encode(ENCRYPTED_ENCODING),
            [METADATA_ENCRYPTION_KEY_ID]: encode(keyId),
          },
          data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // A throw in the executor rejects: a payload that cannot be decoded fails the call, not the caller's stack.
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decodeOne(payload))));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[METADATA_ENCRYPTION_KEY_ID];
    const keyId = idBytes ? decode(idBytes) : '';
    const key = this.ring.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload encrypted with key id "${keyId}", which is not configured (known: ${[...this.ring.keys.keys()].join(', ')}); add it to TEMPORAL_CODEC_KEYS`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError(`encrypted payload (key id "${keyId}") is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `encrypted payload (key id "${keyId}") failed authentication: altered, or a different key under that id`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}

/** The key id is authenticated with the ciphertext: relabelling a payload with another id is detected. */
function aad(keyId: string): Buffer {
  return Buffer.from(`xianfeng-temporal-payload:${keyId}`, 'utf8');
}

/** Loaded by the SDK from this path in the client, the worker and the workflow sandbox. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter of every Temporal client and worker of the project: payloads encrypted, failure messages
 * moved into encrypted payloads too (payload converter: the default).
 */
export function encryptingDataConverter(ring: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

export function temporalDataConverter(config: PiiConfig): DataConverter {
  return encryptingDataConverter(config.temporalCodecKeys);
}
