import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { OPENAPI_DIR, openApiDocuments } from './write-openapi';

/**
 * The console's API client is generated from the committed OpenAPI documents: they must be the ones the apps
 * serve, or the console would call an API that is not there. `npm run contracts:openapi` rewrites them.
 */
describe('committed OpenAPI documents', () => {
  it('are the documents the API and the targets app describe (run npm run contracts:openapi after a change)', async () => {
    for (const [name, document] of Object.entries(await openApiDocuments())) {
      const committed = JSON.parse(readFileSync(join(OPENAPI_DIR, name), 'utf8')) as unknown;
      // Through JSON, as the file was written: undefined properties drop out the same way.
      expect({ name, document: JSON.parse(JSON.stringify(document)) as unknown }).toEqual({
        name,
        document: committed,
      });
    }
  });
});
