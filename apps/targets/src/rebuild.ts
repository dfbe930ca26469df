import 'reflect-metadata';

import { ConsoleLogger, type LogLevel, Module } from '@nestjs/common';
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

/** Nest's lines on stderr: stdout holds only the result (`npm run -s targets:rebuild > counts.json`). */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/** `npm run targets:rebuild`: rebuild the targets read model from the start of the topic. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(TargetsRebuildModule, {
    logger: new StderrLogger({ logLevels: ['error', 'warn', 'log'] }),
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
