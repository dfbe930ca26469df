import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI document at /docs-json, Swagger UI at /docs. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Xianfeng 先锋 API')
    .setDescription(
      'Member development (发展党员) and village-cadre workflows. Errors are RFC 9457 problem details ' +
        '(application/problem+json) with a stable `code` and, for rule violations, the `article` of the regulation.',
    )
    .setVersion('1')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
  });
}
