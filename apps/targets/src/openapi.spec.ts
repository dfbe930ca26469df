import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject, type ResponseObject } from '@nestjs/swagger';

import { targetsOpenApiDocument } from './openapi';
import { TargetsModule } from './targets.module';

describe('OpenAPI document of the targets service', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    // Preview mode builds the module graph without instantiating providers: no database, no Kafka.
    const app = await NestFactory.create(TargetsModule, {
      preview: true,
      logger: false,
      abortOnError: false,
    });
    document = targetsOpenApiDocument(app);
    await app.close();
  });

  it('documents every route, behind the bearer scheme, erring as problems', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/health/live',
      '/health/ready',
      '/v1/targets',
      '/v1/targets/alerts',
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
});
