import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import { projectRoot } from '../../deploy/local/profiles';

/**
 * A consumer built only from the committed AsyncAPI document (what integrators read): the names of the
 * documented messages an event validates against. Every produced event must match exactly its own type.
 */
export function documentedMessagesMatching(): (event: unknown) => string[] {
  const asyncapi = JSON.parse(readFileSync(join(projectRoot(), 'libs/contracts/asyncapi.json'), 'utf8')) as {
    components: { messages: Record<string, { name: string; payload: object }> };
  };
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const documented = Object.values(asyncapi.components.messages).map((m) => ({
    name: m.name,
    validate: ajv.compile(m.payload),
  }));
  return (event) => documented.filter((m) => m.validate(event)).map((m) => m.name);
}
