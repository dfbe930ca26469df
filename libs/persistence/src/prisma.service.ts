import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';

import { DatabaseConfig, type HealthIndicator } from '@app/config';

import { PrismaClient } from './generated/prisma/client';

/**
 * Disconnects in the last shutdown phase (onApplicationShutdown), after the worker has drained and the
 * relay and consumers have stopped in beforeApplicationShutdown, so in-flight work can still commit.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /**
   * The connection pool under Prisma. Hot read paths that are hand-written SQL anyway (backlogs) run on it
   * directly: the adapter's per-row conversion costs more than the query itself there (npm run bench:backlog).
   */
  readonly pool: Pool;

  constructor(config: DatabaseConfig) {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

@Injectable()
export class DatabaseHealthIndicator implements HealthIndicator {
  readonly name = 'postgresql';
  constructor(private readonly prisma: PrismaService) {}

  async check(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}

/** Prisma's error for a violated unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
