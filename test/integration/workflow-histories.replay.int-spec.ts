import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { temporal } from '@temporalio/proto';

import { HISTORIES_DIR, replayFailures } from '../support/histories';

/**
 * Replays the recorded histories in test/fixtures/histories against the current workflow code: member
 * development, cadre recruitment and reservists, runs that continued as new among them. A change that would
 * break running cases (a reordered activity, a new timer without `patched()`) fails here. Histories (binary
 * protobuf) are recorded by the workflow suites with RECORD_HISTORIES=1.
 */
describe('workflow replay (member development, cadre recruitment, reserve pool)', () => {
  // Histories recorded before a workflow change (one folder each, named for the change) stay: cases that ran
  // then must replay as long as any may still be running.
  const files = readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.binpb'),
  );
  const decoded = files.map((file) => ({
    workflowId: file.replace(/\.binpb$/, ''),
    // Binary protobuf, exactly as the server sent it.
    history: temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES_DIR, file))),
  }));
  /** The workflow type a history ran, and whether its run ended by continuing as new. */
  const kinds = decoded.map(({ history }) => ({
    type: history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
    continued: Boolean(history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes),
  }));

  it.each(['memberDevelopmentWorkflow', 'cadreRecruitmentWorkflow', 'reservistWorkflow'])(
    'has recorded histories of %s, one of them continued as new',
    (type) => {
      const ofType = kinds.filter((kind) => kind.type === type);
      expect(ofType.length).toBeGreaterThanOrEqual(2);
      expect(ofType.some((kind) => kind.continued)).toBe(true);
    },
  );

  it('replays every recorded history without nondeterminism', async () => {
    expect(await replayFailures(decoded)).toEqual([]);
  });
});
