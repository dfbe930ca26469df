import 'reflect-metadata';

import { join } from 'node:path';

import { type Profile, authDir, profile } from './profiles';
import { InfraError } from './processes';
import { startSummary } from './summary';

// Each command loads what it uses when it runs: `token`, run beside the apps, starts in a fraction of the time
// without the servers' and the apps' code.
const infra = () => import('./infra.js');

const USAGE = `usage: node dist/deploy/local/cli.js <up|down|status|migrate|seed|start|token> [--profile dev|test]
  (the profile is XIANFENG_PROFILE when --profile is not given, else dev)
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
  const p = profile(
    profileIndex >= 0 ? (rest[profileIndex + 1] ?? '') : (process.env.XIANFENG_PROFILE ?? 'dev'),
  );
  switch (command) {
    case 'up':
      await (await infra()).up(p);
      return;
    case 'down':
      await (await infra()).down(p);
      process.stdout.write(`stopped servers of profile "${p.name}"\n`);
      return;
    case 'status':
      for (const [name, state] of Object.entries(await (await infra()).status(p)))
        process.stdout.write(`${name.padEnd(10)} ${state}\n`);
      return;
    case 'migrate': {
      const applied = await (await infra()).migrate(p);
      process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      return;
    }
    case 'seed': {
      const seeded = await (await infra()).seed(p);
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
  const [{ up, migrate, seed }, { startApps, stopApps }, { seedDemoData }] = await Promise.all([
    infra(),
    import('./apps.js'),
    import('./demo/index.js'),
  ]);
  await up(p);
  const applied = await migrate(p);
  if (applied.length) process.stdout.write(`applied migrations ${applied.join(', ')}\n`);
  await seed(p);
  process.stdout.write('starting apps …\n');
  const children = await startApps(p);
  const rows = startSummary(p);
  const width = Math.max(...rows.map((row) => row.what.length)) + 2;
  process.stdout.write(
    [
      '',
      `Xianfeng is running (${((Date.now() - started) / 1000).toFixed(0)} s):`,
      ...rows.map((row) => `  ${row.what.padEnd(width)}${row.where}`),
      '',
      'Ctrl-C stops the apps; `npm run infra:down` stops the servers.',
      '',
    ].join('\n'),
  );
  // The links first: the apps answer while the demo county's cases go in through the API (deploy/local/demo).
  await seedDemoData(p); // never throws
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

/**
 * A bearer token for a demo user from the local issuer: the token and a newline on stdout, nothing else, so that
 * `BRANCH=$(npm run -s auth:token -- <user>)` holds exactly it. No user: the list of demo users on stdout; an
 * unknown user: the list on stderr and exit code 2 (nothing captured).
 */
async function printToken(p: Profile, rest: readonly string[]): Promise<void> {
  // The issuer alone, not all of @app/auth (the guard and its Nest module).
  const [{ mintLocalToken }, { DEMO_USERS }] = await Promise.all([
    import('../../libs/auth/src/local-issuer.js'),
    import('../../prisma/seed/demo-users.js'),
  ]);
  const user = rest.find((arg, index) => !arg.startsWith('--') && rest[index - 1] !== '--profile');
  const claims = user && Object.hasOwn(DEMO_USERS, user) ? DEMO_USERS[user] : undefined;
  if (claims) {
    process.stdout.write(`${await mintLocalToken(authDir(p), claims)}\n`);
    return;
  }
  const users = Object.entries(DEMO_USERS);
  const width = (column: (row: (typeof users)[number]) => string): number =>
    Math.max(...users.map((row) => column(row).length));
  const [nameWidth, rolesWidth, unitWidth] = [
    width(([name]) => name),
    width(([, demo]) => demo.roles.join(',')),
    width(([, demo]) => demo.org_unit),
  ];
  const list = users.map(
    ([name, demo]) =>
      `${name.padEnd(nameWidth)}  ${demo.roles.join(',').padEnd(rolesWidth)}  ${demo.org_unit.padEnd(unitWidth)}  ${demo.name}\n`,
  );
  if (!user) {
    process.stdout.write(list.join(''));
    return;
  }
  process.stderr.write(`no demo user "${user}"; the demo users are:\n${list.join('')}`);
  process.exitCode = 2;
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
