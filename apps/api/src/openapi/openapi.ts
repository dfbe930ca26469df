import { type INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ApiDocsConfig, createOpenApiDocument } from '@app/config';

import { OpenApiDocumentHolder } from '../available-actions/openapi-document';

/** The API's OpenAPI document (served at /docs-json; the fuzz test reads it from here too). */
export function apiOpenApiDocument(app: INestApplication): OpenAPIObject {
  return createOpenApiDocument(app, {
    title: 'Xianfeng 先锋 API',
    description:
      'Member development (发展党员) and village-cadre workflows. Errors are RFC 9457 problem details ' +
      '(application/problem+json) with a stable `code` and, for rule violations, the `article` of the regulation.',
    version: '1',
  });
}

/**
 * OpenAPI document at /docs-json, Swagger UI at /docs, when API_DOCS_ENABLED (dev and test profiles); the
 * available actions read it in every profile.
 */
export function setupOpenApi(app: INestApplication): void {
  // The available actions show each body's schema as this document has it (built on first use).
  app.get(OpenApiDocumentHolder).provide(() => apiOpenApiDocument(app));
  if (!app.get(ApiDocsConfig).API_DOCS_ENABLED) return;
  SwaggerModule.setup('docs', app, () => apiOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
