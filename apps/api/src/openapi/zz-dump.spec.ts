import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module';
import { apiOpenApiDocument } from './openapi';
import { TargetsModule } from '../../../targets/src/targets.module';
import { targetsOpenApiDocument } from '../../../targets/src/openapi';

it('dumps', async () => {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  writeFileSync('/tmp/api.json', JSON.stringify(apiOpenApiDocument(app), null, 2));
  await app.close();
  const t = await NestFactory.create(TargetsModule, { preview: true, logger: false, abortOnError: false });
  writeFileSync('/tmp/targets.json', JSON.stringify(targetsOpenApiDocument(t), null, 2));
  await t.close();
});
