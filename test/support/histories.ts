import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

import { projectRoot } from '../../deploy/local/profiles';

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
