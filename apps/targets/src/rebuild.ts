import 'reflect-metadata';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ConfigModule, DatabaseConfig, KafkaConfig, LogConfig } from '@app/config';
import { KafkaModule } from '@app/kafka';
import { PersistenceModule } from '@app/persistence';

import { TargetsRebuildService } from './targets-rebuild.service';
import { TargetsService } from './targets.service';

@Module({
  imports: [ConfigModule.forRoot([LogConfig, DatabaseConfig, KafkaConfig]), PersistenceModule, KafkaModule],
  providers: [TargetsService, TargetsRebuildService],
})
class TargetsRebuildModule {}

/** `npm run targets:rebuild`: rebuild the targets read model from the start of the topic. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(TargetsRebuildModule, {
    logger: ['error', 'warn', 'log'],
  });
  try {
    const result = await app.get(TargetsRebuildService).rebuild();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
