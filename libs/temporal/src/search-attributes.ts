import { type OperatorService } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

import { CASE_SEARCH_ATTRIBUTES } from '@app/workflows';

type IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const { IndexedValueType } = temporal.api.enums.v1;

/** The case search attributes by name, with the type the server indexes each as. */
export const CASE_SEARCH_ATTRIBUTE_TYPES: Readonly<Record<string, IndexedValueType>> = Object.fromEntries(
  Object.values(CASE_SEARCH_ATTRIBUTES).map((key) => [
    key.name,
    IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`],
  ]),
);
const WANTED = new Map(Object.entries(CASE_SEARCH_ATTRIBUTE_TYPES));

/** The namespace has an attribute of one of our names with another type: only an operator can settle that. */
export class SearchAttributeConflict extends Error {
  constructor(name: string, found: IndexedValueType, wanted: IndexedValueType) {
    super(
      `search attribute ${name} is registered as ${IndexedValueType[found]}, the workflows need ${IndexedValueType[wanted]}`,
    );
    this.name = 'SearchAttributeConflict';
  }
}

async function missing(operator: OperatorService, namespace: string): Promise<Map<string, IndexedValueType>> {
  const { customAttributes } = await operator.listSearchAttributes({ namespace });
  const absent = new Map<string, IndexedValueType>();
  for (const [name, wanted] of WANTED) {
    const found = customAttributes?.[name];
    if (found === undefined || found === null) absent.set(name, wanted);
    else if (found !== wanted) throw new SearchAttributeConflict(name, found, wanted);
  }
  return absent;
}

/**
 * Registers the case search attributes (CASE_SEARCH_ATTRIBUTES) on the namespace where they are missing, and
 * answers which it added. Idempotent, and safe when several processes run it at once. The workflows upsert
 * them, and an upsert of an unknown attribute fails the workflow task, so the local scripts, the deployment's
 * setup job and the worker itself (before it polls) all run this.
 */
export async function ensureCaseSearchAttributes(
  operator: OperatorService,
  namespace: string,
): Promise<string[]> {
  const absent = await missing(operator, namespace);
  if (absent.size === 0) return [];
  try {
    await operator.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(absent) });
  } catch (error) {
    // Another process registered them meanwhile: fine if they are all there now with the right types.
    if ((await missing(operator, namespace)).size > 0) throw error;
  }
  return [...absent.keys()];
}
