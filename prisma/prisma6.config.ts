// Config for the Prisma 6 CLI (npm alias `prisma6`), used only for its offline WebAssembly schema engine:
// `migrate diff` renders SQL from schema.prisma without the native engine that cannot be downloaded here.
// The runtime client is Prisma 7 (prisma.config.ts); see scripts/migration-diff.mjs.
import { PrismaPg } from 'prisma6-adapter-pg';

export default {
  engine: 'js',
  experimental: { adapter: true },
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: process.env.PRISMA6_DIFF_DATABASE_URL })),
};
