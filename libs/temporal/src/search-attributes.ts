import { type OperatorService, type WorkflowService, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
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

/**
 * Registers the namespace unless it exists (`retentionDays`: how long closed cases' histories stay). A new
 * namespace takes a few seconds to reach every frontend; callers that use it at once retry (see waitForNamespace).
 */
export async function ensureNamespace(
  workflowService: WorkflowService,
  namespace: string,
  retentionDays: number,
): Promise<boolean> {
  try {
    await workflowService.describeNamespace({ namespace });
    return false;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
    });
  } catch (error) {
    // Registered by another process meanwhile.
    if (!isGrpcServiceError(error) || Number(error.code) !== GRPC_ALREADY_EXISTS) throw error;
  }
  return true;
}

// gRPC status codes (the SDK's own dependency defines them; these two are all that is needed here).
const GRPC_NOT_FOUND = 5;
const GRPC_ALREADY_EXISTS = 6;

function isNotFound(error: unknown): boolean {
  return isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND;
}

/** Runs `work` until a namespace just registered is known everywhere (NOT_FOUND meanwhile), at most `timeoutMs`. */
export async function waitForNamespace<T>(work: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isNotFound(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
