import { type OpenAPIObject } from '@nestjs/swagger';

import { exampleBody } from './example-body';
import { OpenApiDocumentHolder, inlineRefs, operationBodySchema } from './openapi-document';

const components = {
  Vote: {
    type: 'object',
    properties: { members: { type: 'integer', example: 9 }, yes: { type: 'integer', minimum: 0 } },
    required: ['members', 'yes'],
  },
  Decision: {
    type: 'object',
    properties: {
      date: { type: 'string', format: 'date' },
      approved: { type: 'boolean' },
      committeeVote: { $ref: '#/components/schemas/Vote' },
      votes: { type: 'array', items: { $ref: '#/components/schemas/Vote' }, minItems: 1 },
      outcome: { type: 'string', enum: ['PASS', 'FAIL'] },
      note: { type: 'string' },
    },
    required: ['date', 'approved', 'committeeVote', 'votes', 'outcome'],
  },
  Tree: {
    type: 'object',
    properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
  },
};

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/cases/{id}/decision': {
      post: {
        operationId: 'decide',
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Decision' } } },
        },
      },
    },
    '/v1/cases/{id}': { get: { operationId: 'getCase' } },
  },
  components: { schemas: components },
} as unknown as OpenAPIObject;

describe('available actions: body schemas from the OpenAPI document', () => {
  it('inlines every $ref, nested and in arrays, leaving no reference behind', () => {
    const schema = operationBodySchema(document, 'decide')!;
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(schema).toMatchObject({
      properties: {
        committeeVote: { type: 'object', required: ['members', 'yes'] },
        votes: { items: { properties: { members: { example: 9 } } } },
      },
    });
  });

  it('keeps the $ref where a schema recurs into itself, and refuses a reference to nothing', () => {
    expect(inlineRefs({ $ref: '#/components/schemas/Tree' }, components)).toEqual({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
    });
    expect(() => inlineRefs({ $ref: '#/components/schemas/Missing' }, components)).toThrow(/names no schema/);
  });

  it('answers null for an operation without a body or not in the document', () => {
    expect(operationBodySchema(document, 'getCase')).toBeNull();
    expect(operationBodySchema(document, 'nothing')).toBeNull();
  });

  it('builds the document once, on first use, and none until it is provided', () => {
    const holder = new OpenApiDocumentHolder();
    expect(holder.bodySchema('decide')).toBeNull();
    const build = jest.fn(() => document);
    holder.provide(build);
    expect(build).not.toHaveBeenCalled();
    holder.bodySchema('decide');
    holder.bodySchema('getCase');
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('makes an example body of the required fields, dated, the case’s fields over it', () => {
    const schema = operationBodySchema(document, 'decide');
    expect(exampleBody(schema, { date: '2026-05-06', fields: { approved: false } })).toEqual({
      date: '2026-05-06',
      approved: false,
      committeeVote: { members: 9, yes: 0 },
      votes: [{ members: 9, yes: 0 }],
      outcome: 'PASS',
    });
  });
});
