import { type PersonIdProtector } from '../person-id-protector';
import { type MigrationResult, applyMigrations } from './migrator';
import { encryptPersonNationalIds } from './person-national-id.step';
import { backfillPipelineTasks } from './pipeline-tasks.step';

/**
 * Brings a database to the schema of prisma/migrations with the data steps the migrations need on the way: the
 * one way every environment migrates (the local scripts, the image's `setup` command, the Helm setup job).
 * `migrationsDir`: prisma/migrations of this checkout or image; `protector`: asked for only when rows from
 * before the national ID was encrypted are found.
 */
export function migrateDatabase(
  databaseUrl: string,
  migrationsDir: string,
  protector: () => PersonIdProtector,
): Promise<MigrationResult> {
  return applyMigrations(databaseUrl, migrationsDir, {
    dataSteps: [
      // Rows from before the national ID was encrypted are encrypted with the deployment's keys.
      encryptPersonNationalIds(protector),
      // Running cadre cases and reservists get their tasks in the backlog.
      backfillPipelineTasks(databaseUrl),
    ],
  });
}
