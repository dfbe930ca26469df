import 'reflect-metadata';

import { DatabaseConfig, InvalidEnvironmentError, loadSection } from '@app/config';
import { CHAIN_KINDS, type ChainKind, PrismaService, RecordChainsRepository } from '@app/persistence';

const USAGE = `usage: DATABASE_URL=postgresql://… npm run db:verify-chains [-- --batch-size N]
  Verifies the hash chain of every member case (全程纪实), cadre case and reserve entry (一人一档), N subjects
  at a time (default 500). Prints every broken record and a summary; exits 0 when every chain is intact,
  1 when any is broken, 2 when it could not verify.`;

export interface Output {
  write(text: string): boolean;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** `npm run db:verify-chains`: the exit code (0 intact, 1 broken, 2 unusable arguments or environment). */
export async function main(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<number> {
  let batchSize = 500;
  for (let i = 0; i < args.length; i++) {
    const value = args[i] === '--batch-size' ? args[++i] : undefined;
    if (value === undefined || !/^[1-9][0-9]{0,5}$/.test(value)) {
      err.write(`${USAGE}\n`);
      return 2;
    }
    batchSize = Number(value);
  }
  let config: DatabaseConfig;
  try {
    config = loadSection(DatabaseConfig, env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    err.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }

  const prisma = new PrismaService(config);
  try {
    const chains = Object.fromEntries(CHAIN_KINDS.map((kind) => [kind, 0])) as Record<ChainKind, number>;
    let records = 0;
    let brokenChains = 0;
    let breaks = 0;
    for await (const chain of new RecordChainsRepository(prisma).verifyAll(batchSize)) {
      chains[chain.kind] += 1;
      records += chain.records;
      if (chain.check.valid) continue;
      brokenChains += 1;
      for (const found of chain.check.breaks) {
        breaks += 1;
        out.write(
          `BROKEN ${chain.kind} ${chain.subjectId} seq ${found.seq} record ${found.recordId ?? '-'} ` +
            `${found.kind}: ${found.detail}\n`,
        );
      }
    }
    const total = CHAIN_KINDS.reduce((sum, kind) => sum + chains[kind], 0);
    out.write(
      `verified ${plural(total, 'chain')} (${plural(records, 'record')}): ` +
        `${CHAIN_KINDS.map((kind) => `${chains[kind]} ${kind}`).join(', ')}\n` +
        (brokenChains === 0
          ? 'every chain is intact\n'
          : `${plural(brokenChains, 'broken chain')}, ${plural(breaks, 'break')}\n`),
    );
    return brokenChains === 0 ? 0 : 1;
  } finally {
    await prisma.$disconnect();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
