import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildAsyncApiDocument } from '@app/contracts';

import { projectRoot } from './profiles';

/** Writes libs/contracts/asyncapi.json from the contracts (run after changing an event schema). */
const file = join(projectRoot(), 'libs/contracts/asyncapi.json');
writeFileSync(file, `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
