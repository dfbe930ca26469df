import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';

import { CHAIN_BREAK_KINDS } from '@app/contracts';

import { ApiModule } from '../api.module';
import { apiOpenApiDocument } from './openapi';

describe('OpenAPI: the record endpoints answer with their chain verification', () => {
  let document: OpenAPIObject;
  const schema = (name: string) => document.components!.schemas![name] as SchemaObject;
  const okSchema = (path: string) =>
    (
      (document.paths[path]!.get!.responses['200'] as ResponseObject).content!['application/json']!
        .schema as {
        $ref: string;
      }
    ).$ref;

  beforeAll(async () => {
    // Preview mode builds the module graph without instantiating providers: no database, no Temporal.
    const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
    document = apiOpenApiDocument(app);
    await app.close();
  });

  it('documents records marked verified, chainValid and chain { valid, breaks } on all three', () => {
    expect(okSchema('/v1/member-cases/{id}/timeline')).toBe('#/components/schemas/MemberCaseTimeline');
    expect(okSchema('/v1/cadre-cases/{id}/records')).toBe('#/components/schemas/ChainedRecords');
    expect(okSchema('/v1/reserve-pool/entries/{id}/records')).toBe('#/components/schemas/ChainedRecords');
    for (const name of ['MemberCaseTimeline', 'ChainedRecords']) {
      expect(schema(name).required).toEqual(['records', 'chainValid', 'chain']);
      expect(schema(name).properties!.chain).toEqual({ $ref: '#/components/schemas/ChainVerification' });
    }
    expect(schema('DossierRecord').properties).toMatchObject({ id: {}, seq: {}, hash: {}, verified: {} });
    expect(schema('ChainedRecord').properties).toMatchObject({ id: {}, seq: {}, verified: {} });
    expect(schema('ChainVerification').properties!.breaks).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ChainBreak' },
      description: expect.any(String),
    });
    expect(schema('ChainBreak').required).toEqual(['seq', 'recordId', 'kind', 'detail']);
    expect(schema('ChainBreak').properties!.recordId).toMatchObject({ type: 'string', nullable: true });
    expect(schema('ChainBreakKind')).toMatchObject({ type: 'string', enum: [...CHAIN_BREAK_KINDS] });
  });
});
