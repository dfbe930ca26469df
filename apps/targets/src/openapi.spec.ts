import 'reflect-metadata';

import { type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { openApiModels } from '@app/config';

import { targetsOpenApiDocument } from './openapi';
import { TargetsModule } from './targets.module';

describe('OpenAPI document of the targets service', () => {
  let document: OpenAPIObject;
  let models: ReadonlyMap<string, Type<unknown>>;

  beforeAll(async () => {
    // Preview mode builds the module graph without instantiating providers: no database, no Kafka.
    const app = await NestFactory.create(TargetsModule, {
      preview: true,
      logger: false,
      abortOnError: false,
    });
    document = targetsOpenApiDocument(app);
    models = openApiModels(app);
    await app.close();
  });

  it('documents every route, behind the bearer scheme, erring as problems', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/health/live',
      '/health/ready',
      '/v1/targets',
      '/v1/targets/alerts',
      '/v1/targets/export',
      '/v1/targets/forecast',
      '/v1/targets/quotas',
      '/v1/targets/village-cadres',
      '/v1/targets/village-cadres/{village}/roster',
    ]);
    expect(document.security).toEqual([{ bearer: [] }]);
    const quota = document.paths['/v1/targets/quotas']!.put!;
    expect(Object.keys(quota.responses).sort()).toEqual([
      '204',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '422',
      '429',
      '503',
    ]);
    expect(Object.keys((quota.responses['422'] as ResponseObject).content!)).toEqual([
      'application/problem+json',
    ]);
    expect(document.components!.schemas!.SetQuotaDto).toMatchObject({ additionalProperties: false });
  });

  it('documents the body of every success but 204 No Content with a schema, and none for 204', () => {
    // The console's client is generated from this document: an answer without a schema has no type there.
    const wrong = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) =>
        Object.entries(item[method]?.responses ?? {})
          .filter(([status]) => /^2\d\d$/.test(status))
          .filter(([status, response]) => {
            const media = Object.values((response as ResponseObject).content ?? {});
            return status === '204'
              ? media.length > 0
              : media.length === 0 || media.some((type) => type.schema === undefined);
          })
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(wrong).toEqual([]);
    expect(Object.keys(document.paths['/v1/targets']!.get!.responses)).toContain('200');
  });

  it('requires exactly the body properties the validation refuses to go without', async () => {
    for (const name of ['SetQuotaDto', 'RosterDto', 'RosterMemberDto']) {
      const schema = document.components!.schemas![name] as SchemaObject;
      const refused = (await validate(plainToInstance(models.get(name)!, {}) as object)).map(
        (e) => e.property,
      );
      expect({ name, required: [...(schema.required ?? [])].sort() }).toEqual({
        name,
        required: refused.sort(),
      });
    }
  });
});
