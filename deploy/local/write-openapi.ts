import 'reflect-metadata';

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ApiModule } from '../../apps/api/src/api.module';
import { apiOpenApiDocument } from '../../apps/api/src/openapi/openapi';
import { targetsOpenApiDocument } from '../../apps/targets/src/openapi';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { projectRoot } from './profiles';

/**
 * Writes the OpenAPI documents of the API and the targets app to libs/contracts/openapi/ (the console's client
 * is generated from them). Preview mode builds each app's module graph without its providers: no server, no
 * configuration is needed.
 */
export const OPENAPI_DIR = join(projectRoot(), 'libs/contracts/openapi');

async function documentOf(module: Type<unknown>, build: (app: INestApplication) => object): Promise<object> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return build(app);
  } finally {
    await app.close();
  }
}

/** The documents as the apps describe themselves now, by file name. */
export async function openApiDocuments(): Promise<Record<'api.json' | 'targets.json', object>> {
  return {
    'api.json': await documentOf(ApiModule, apiOpenApiDocument),
    'targets.json': await documentOf(TargetsModule, targetsOpenApiDocument),
  };
}

async function main(): Promise<void> {
  mkdirSync(OPENAPI_DIR, { recursive: true });
  for (const [name, document] of Object.entries(await openApiDocuments())) {
    writeFileSync(join(OPENAPI_DIR, name), `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`wrote ${join(OPENAPI_DIR, name)}\n`);
  }
}

if (require.main === module) void main();
