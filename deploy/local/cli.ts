import 'reflect-metadata';

import { join } from 'node:path';

import { mintLocalToken } from '@app/auth';

import { DEMO_USERS } from '../../prisma/seed/demo-users';
import { startApps, stopApps } from './apps';
import { down, migrate, seed, status, up } from './infra';
import { type Profile, authDir, profile } from './profiles';
import { InfraError } from './processes';

const USAGE = `usage: node dist/deploy/local/cli.js <up|down|status|migrate|seed|start|token> [--profile dev|test]
  up       install (first run, cached in .local/tools) and start PostgreSQL, Temporal and Kafka on 127.0.0.1
  down     stop them (the test profile also deletes its data)
  status   show what is running
  migrate  apply prisma/migrations (compatible with prisma migrate deploy)
  seed     load the demo county (idempotent)
  start    up + migrate + seed, then run every app until Ctrl-C
  token    <demo user> print a bearer token from the local issuer (no user: list the demo users)`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const profileIndex = rest.indexOf('--profile');
  const p = profile(profileIndex >= 0 ? (rest[profileIndex + 1] ?? '') : 'dev');
  switch (command) {
    case 'up':
      await up(p);
      return;
    case 'down':
      await down(p);
      process.stdout.write(`stopped servers of profile "${p.name}"\n`);
      return;
    case 'status':
      for (const [name, state] of Object.entries(await status(p)))
        process.stdout.write(`${name.padEnd(10)} ${state}\n`);
      return;
    case 'migrate': {
      const applied = await migrate(p);
      process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      return;
    }
    case 'seed': {
      const seeded = await seed(p);
      process.stdout.write(`seeded ${seeded.orgUnits} org units and ${seeded.people} people\n`);
      return;
    }
    case 'start':
      await startEverything(p);
      return;
    case 'token':
      await printToken(p, rest);
      return;
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

/** up + migrate + seed, then every app until Ctrl-C or until one of them exits. */
async function startEverything(p: Profile): Promise<void> {
  const started = Date.now();
  await up(p);
  const applied = await migrate(p);
  if (applied.length) process.stdout.write(`applied migrations ${applied.join(', ')}\n`);
  await seed(p);
  process.stdout.write('starting apps …\n');
  const children = await startApps(p);
  const a = p.apps;
  process.stdout.write(
    [
      '',
      `Xianfeng is running (${((Date.now() - started) / 1000).toFixed(0)} s):`,
      `  API          http://127.0.0.1:${a.api}/v1/member-cases`,
      `  OpenAPI      http://127.0.0.1:${a.api}/docs   (JSON: /docs-json)`,
      `  Targets      http://127.0.0.1:${a.targets}/v1/targets?orgUnit=DX&year=${new Date().getFullYear()}`,
      `  Health       http://127.0.0.1:{${a.api},${a.worker},${a.relay},${a.targets}}/health/ready`,
      p.temporal.uiPort ? `  Temporal UI  http://127.0.0.1:${p.temporal.uiPort}` : '',
      `  Logs         ${join(p.dataDir, 'logs')}/*.log`,
      `  Tokens       npm run -s auth:token -- dz-organiser   (no name: the demo users)`,
      '',
      'Ctrl-C stops the apps; `npm run infra:down` stops the servers.',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n',
  );
  let stopping = false;
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const [name, child] of children) {
      child.once('exit', (code, signal) => {
        if (stopping) return;
        process.stderr.write(
          `${name} exited (${code ?? signal}); see ${join(p.dataDir, 'logs', `${name}.log`)}\n`,
        );
        resolve();
      });
    }
  });
  stopping = true;
  process.stdout.write('stopping apps …\n');
  await stopApps(children);
}

/** A bearer token for a demo user from the local issuer; without a (known) user, the list of demo users. */
async function printToken(p: Profile, rest: readonly string[]): Promise<void> {
  const user = rest.find((arg, index) => !arg.startsWith('--') && rest[index - 1] !== '--profile');
  const claims = user ? DEMO_USERS[user] : undefined;
  if (!claims) {
    for (const [name, demo] of Object.entries(DEMO_USERS))
      process.stdout.write(
        `${name.padEnd(16)} ${demo.roles.join(',').padEnd(24)} ${demo.org_unit.padEnd(14)} ${demo.name}\n`,
      );
    if (user) process.exitCode = 2;
    return;
  }
  process.stdout.write(`${await mintLocalToken(authDir(p), claims)}\n`);
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof InfraError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
