// Prisma 7 CLI config. Only `prisma generate` is used here: migrations are applied by the project's own
// migrator (libs/persistence/src/migrations), compatible with `prisma migrate deploy`; see README.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
