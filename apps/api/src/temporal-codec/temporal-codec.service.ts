import { Injectable, Logger } from '@nestjs/common';
import { type Payload } from '@temporalio/common';

import { AccessService } from '@app/auth';
import { PiiConfig, ProblemError } from '@app/config';
import { type Principal, payloadDecodingViolation } from '@app/domain';
import { OrgUnitsRepository } from '@app/persistence';
import { ENCRYPTED_ENCODING, EncryptionCodec, PayloadDecryptionError } from '@app/temporal';

import { type TemporalPayloadDto, type TemporalPayloadsDto } from './temporal-codec.dto';

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The remote codec of the Temporal UI and CLI: decodes the encrypted payloads of workflow histories for a
 * caller who may read every case (payloadDecodingViolation), and encodes what they send to a workflow.
 * Every call is logged with who made it and how many payloads it carried, never their content.
 */
@Injectable()
export class TemporalCodecService {
  private readonly logger = new Logger('TemporalCodec');
  private readonly codec: EncryptionCodec;

  constructor(
    config: PiiConfig,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly access: AccessService,
  ) {
    this.codec = new EncryptionCodec(config.temporalCodecKeys);
  }

  async decode(principal: Principal, namespace: string | undefined, body: TemporalPayloadsDto) {
    await this.authorise(principal, 'decode');
    const payloads = (body.payloads ?? []).map(fromJson);
    let decoded: Payload[];
    try {
      decoded = await this.codec.decode(payloads);
    } catch (error) {
      if (!(error instanceof PayloadDecryptionError)) throw error;
      this.logger.warn({
        msg: 'temporal payloads not decodable',
        subject: principal.subject,
        reason: error.message,
      });
      throw new ProblemError(422, 'PAYLOAD_NOT_DECODABLE', '无法解密工作流数据', error.message);
    }
    const encrypted = payloads.filter(isEncrypted).length;
    this.logger.log({
      msg: 'temporal payloads decoded',
      subject: principal.subject,
      actingFor: principal.actingFor?.subject ?? null,
      namespace: namespace ?? null,
      payloads: payloads.length,
      encrypted,
    });
    return { payloads: decoded.map(toJson) };
  }

  async encode(principal: Principal, namespace: string | undefined, body: TemporalPayloadsDto) {
    await this.authorise(principal, 'encode');
    const encoded = await this.codec.encode((body.payloads ?? []).map(fromJson));
    this.logger.log({
      msg: 'temporal payloads encoded',
      subject: principal.subject,
      namespace: namespace ?? null,
      payloads: encoded.length,
    });
    return { payloads: encoded.map(toJson) };
  }

  private async authorise(principal: Principal, operation: string): Promise<void> {
    const refusal = payloadDecodingViolation(principal, await this.orgUnits.roots());
    if (refusal) this.access.refuse(principal, refusal, `temporal-codec:${operation}`);
  }
}

function bytes(text: string, field: string): Uint8Array {
  if (!BASE64.test(text))
    throw new ProblemError(400, 'PAYLOAD_MALFORMED', '工作流数据格式不正确', `${field} must be base64`);
  return Buffer.from(text, 'base64');
}

function fromJson(payload: TemporalPayloadDto, index: number): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (typeof value !== 'string')
      throw new ProblemError(
        400,
        'PAYLOAD_MALFORMED',
        '工作流数据格式不正确',
        `payloads[${index}].metadata.${key} must be base64`,
      );
    metadata[key] = bytes(value, `payloads[${index}].metadata.${key}`);
  }
  return { metadata, data: bytes(payload.data ?? '', `payloads[${index}].data`) };
}

function toJson(payload: Payload): TemporalPayloadDto {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {}))
    metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? []).toString('base64') };
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}
