import { execFileSync } from 'node:child_process';
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

function ensureInstalled(): string {
  let bin = binDir();
  if (!bin) {
    aptInstall(['postgresql'], 'PostgreSQL server is not installed');
    bin = binDir();
  }
  if (!bin)
    throw new InfraError('PostgreSQL installed but no /usr/lib/postgresql/<version>/bin/pg_ctl found');
  return bin;
}

const dirs = (p: Profile) => ({
  root: join(p.dataDir, 'postgres'),
  data: join(p.dataDir, 'postgres', 'data'),
  log: join(p.dataDir, 'logs', 'postgres.log'),
});

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
  const bin = ensureInstalled();
  mkdirSync(join(p.dataDir, 'logs'), { recursive: true });
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(root, { recursive: true });
    if (isRoot()) {
      const { uid, gid } = postgresUid();
      chownSync(root, uid, gid);
      chownSync(join(p.dataDir, 'logs'), uid, gid);
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
      `-p ${p.postgres.port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=${p.ephemeral ? 'off' : 'on'} -c max_connections=200`,
    ]);
  }
  await waitFor('PostgreSQL', 30_000, () => ready(p), log);
  await ensureDatabase(p, p.postgres.database);
}

export async function ensureDatabase(p: Profile, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(p, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(p: Profile, database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(p, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function stopPostgres(p: Profile): Promise<void> {
  if (externalDatabaseUrl(p)) return;
  const { data } = dirs(p);
  const bin = binDir();
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    try {
      runAsServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      await sleep(500); // already stopped
    }
  }
  if (p.ephemeral) rmSync(dirs(p).root, { recursive: true, force: true });
}

export async function postgresStatus(p: Profile): Promise<string> {
  if (externalDatabaseUrl(p)) return `external (DATABASE_URL)`;
  return (await ready(p).catch(() => false)) ? `up  127.0.0.1:${p.postgres.port}` : 'down';
}
