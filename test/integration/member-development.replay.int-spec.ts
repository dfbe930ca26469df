import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

import { testDataConverter } from '../support/codec';
import { HISTORIES_DIR } from '../support/histories';
import { workflowBundleOptions } from '../../libs/temporal/src';

/**
 * Replays the recorded histories in test/fixtures/histories against the current workflow code. A change
 * that would break running cases (a reordered activity, a new timer without `patched()`) fails here.
 * Histories (binary protobuf) are recorded by the workflow suites with RECORD_HISTORIES=1.
 */
describe('workflow replay (member development, cadre recruitment)', () => {
  const dir = HISTORIES_DIR;
  const files = readdirSync(dir).filter((file) => file.endsWith('.binpb'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('replays every recorded history without nondeterminism', async () => {
    const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.binpb$/, ''),
      // Binary protobuf, exactly as the server sent it.
      history: temporal.api.history.v1.History.decode(readFileSync(join(dir, file))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      // Histories recorded before the codec carry plain payloads: it passes them through unchanged.
      { workflowsPath, bundlerOptions: { webpackConfigHook }, dataConverter: testDataConverter() },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
