import { type INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ApiDocsConfig, createOpenApiDocument } from '@app/config';

/** The targets service's OpenAPI document (served at /docs-json; the fuzz test reads it from here too). */
export function targetsOpenApiDocument(app: INestApplication): OpenAPIObject {
  return createOpenApiDocument(app, {
    title: 'Xianfeng 先锋 targets',
    description:
      'Annual targets (发展党员 and village-cadre figures): actuals rolled up the org tree, quotas, forecasts, ' +
      'pace alerts and the 8595 structure. Errors are RFC 9457 problem details (application/problem+json) ' +
      'with a stable `code`.',
    version: '1',
  });
}

/** OpenAPI document at /docs-json, Swagger UI at /docs, when API_DOCS_ENABLED (dev and test profiles). */
export function setupTargetsOpenApi(app: INestApplication): void {
  if (!app.get(ApiDocsConfig).API_DOCS_ENABLED) return;
  SwaggerModule.setup('docs', app, () => targetsOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
