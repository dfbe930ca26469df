import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Client } from '@temporalio/client';
import { type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

import { projectRoot } from '../../deploy/local/profiles';
import { workflowBundleOptions } from '../../libs/temporal/src';
import { testDataConverter } from './codec';

/**
 * Recorded workflow histories (binary protobuf, as the server sent them) that the replay test runs against the
 * current workflow code. `RECORD_HISTORIES=1` rewrites them, only after an intended workflow change.
 */
export const HISTORIES_DIR = join(projectRoot(), 'test/fixtures/histories');

export function recordHistory(name: string, history: History): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  writeFileSync(
    join(HISTORIES_DIR, `${name}.binpb`),
    temporal.api.history.v1.History.encode(history).finish(),
  );
}

/** One run's history, named for replay. */
export interface RunHistory {
  readonly workflowId: string;
  readonly history: History;
}

/** The histories of every run of a workflow, following continue-as-new from the first run. */
export async function runHistories(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<RunHistory[]> {
  const histories: RunHistory[] = [];
  for (let runId: string | undefined = firstRunId; runId;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push({ workflowId, history });
    runId =
      history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return histories;
}

/** Records each run's history as `<name>-run<n>` (with RECORD_HISTORIES=1). */
export function recordRunHistories(name: string, histories: readonly RunHistory[]): void {
  histories.forEach(({ history }, run) => recordHistory(`${name}-run${run + 1}`, history));
}

/**
 * Replays histories against the current workflow code (through the codec: histories recorded before it carry
 * plain payloads, which it passes through unchanged); answers one line per history that failed.
 */
export async function replayFailures(histories: readonly RunHistory[]): Promise<string[]> {
  const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowsPath, bundlerOptions: { webpackConfigHook }, dataConverter: testDataConverter() },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  return failures;
}
