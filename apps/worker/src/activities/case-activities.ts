import { type WorkflowPerson } from '@app/contracts';
import { type PersonsRepository, type WithPersonReference } from '@app/persistence';

import { classifyFailures } from './activity-failures';

type Activity = (...args: never[]) => Promise<unknown>;

/**
 * The plain object the worker registers for a pipeline: the named methods bound to its Nest service, their
 * failures classified (see classifyFailures).
 */
export function bindActivities<S extends Record<K, Activity>, K extends keyof S & string>(
  service: S,
  names: readonly K[],
): Pick<S, K> {
  return classifyFailures(
    Object.fromEntries(names.map((name) => [name, service[name].bind(service)])) as Pick<S, K>,
  );
}

/**
 * A first recording's person as a reference: histories recorded before person references carry the identity,
 * registered here, as then.
 */
export async function withPersonReference<T extends { readonly person: WorkflowPerson }>(
  persons: PersonsRepository,
  command: T,
): Promise<WithPersonReference<T>> {
  return { ...command, person: await persons.reference(command.person) };
}
