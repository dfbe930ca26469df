import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { type Profile, databaseUrl, externalDatabaseUrl } from './profiles';
import { InfraError, aptInstall, isRoot, sleep, tcpOpen, waitFor } from './processes';

/** PostgreSQL from Debian's packages, run from the profile's own data directory and port. */

function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

export function ensurePostgresInstalled(): string {
  let bin = binDir();
  if (!bin) {
    aptInstall(['postgresql'], 'PostgreSQL server is not installed');
    bin = binDir();
  }
  if (!bin)
    throw new InfraError('PostgreSQL installed but no /usr/lib/postgresql/<version>/bin/pg_ctl found');
  return bin;
}

/** Whether the `postgres` user (which runs the server when we are root) can reach `dir`. */
function reachableByServerUser(dir: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The cluster lives in the profile's folder, unless we are root and the checkout is private (e.g. under
 * /root, mode 0700): then the `postgres` user cannot reach it, and the cluster goes to /var/tmp instead.
 */
function dirs(p: Profile): { root: string; data: string; log: string } {
  mkdirSync(p.dataDir, { recursive: true });
  let root = join(p.dataDir, 'postgres');
  if (isRoot() && !reachableByServerUser(p.dataDir)) {
    const project = createHash('sha256').update(p.dataDir).digest('hex').slice(0, 12);
    root = join('/var/tmp', `xianfeng-postgres-${project}-${p.name}`);
  }
  return { root, data: join(root, 'data'), log: join(root, 'postgres.log') };
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
function runAsServerUser(command: string, args: readonly string[]): void {
  const [file, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, [...args]];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function postgresUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function ready(p: Profile): Promise<boolean> {
  if (!(await tcpOpen(p.postgres.port))) return false;
  const client = new Client({ connectionString: databaseUrl(p, 'postgres') });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startPostgres(p: Profile): Promise<void> {
  if (externalDatabaseUrl(p)) return;
  const { root, data, log } = dirs(p);
  if (!existsSync(join(data, 'postmaster.pid')) && (await tcpOpen(p.postgres.port))) {
    throw new InfraError(`port ${p.postgres.port} is taken by another process; stop it or set DATABASE_URL`);
  }
  const bin = ensurePostgresInstalled();
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(root, { recursive: true });
    if (isRoot()) {
      const { uid, gid } = postgresUid();
      chownSync(root, uid, gid);
    }
    runAsServerUser(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  }
  if (!(await ready(p).catch(() => false))) {
    const settings = [
      `-p ${p.postgres.port}`,
      '-c listen_addresses=127.0.0.1',
      '-k /tmp', // clients use TCP; the Unix socket goes to /tmp because socket paths are limited to ~107 bytes
      `-c fsync=${p.ephemeral ? 'off' : 'on'}`,
      '-c max_connections=200',
    ];
    runAsServerUser(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      settings.join(' '),
    ]);
  }
  await waitFor('PostgreSQL', 30_000, () => ready(p), log);
  await createDatabase(p, p.postgres.database, { ifMissing: true });
}

/** CREATE DATABASE, optionally as a copy of `template` (which must have no open connections). */
export async function createDatabase(
  p: Profile,
  database: string,
  options: { template?: string; ifMissing?: boolean } = {},
): Promise<string> {
  const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  const client = new Client({ connectionString: databaseUrl(p, 'postgres') });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
    if (!(exists && options.ifMissing)) {
      await client.query(
        `CREATE DATABASE ${quote(database)}${options.template ? ` TEMPLATE ${quote(options.template)}` : ''}`,
      );
    }
  } finally {
    await client.end();
  }
  return databaseUrl(p, database);
}

export async function dropDatabase(p: Profile, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(p, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function stopPostgres(p: Profile): Promise<void> {
  if (externalDatabaseUrl(p)) return;
  const { root, data } = dirs(p);
  const bin = binDir();
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    try {
      runAsServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      await sleep(500); // already stopped
    }
  }
  if (p.ephemeral) rmSync(root, { recursive: true, force: true });
}

export async function postgresStatus(p: Profile): Promise<string> {
  if (externalDatabaseUrl(p)) return `external (DATABASE_URL)`;
  return (await ready(p).catch(() => false)) ? `up  127.0.0.1:${p.postgres.port}` : 'down';
}
