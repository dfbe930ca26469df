import { CaseAlreadyOpen } from '@app/domain';

/**
 * A refusal as the caller may see it: "the person already has an open case (entry)" names the existing one (at
 * the edge: as `caseId`/`entryId` and in the message) only when `mayRead` says the caller may read it, their
 * scope; anyone else gets the conflict with nothing from the other case. Without a known id (a race) nothing
 * is named either. Any other error is handed back as it is.
 */
export async function disclosedToCaller(
  error: unknown,
  mayRead: (id: string) => Promise<boolean>,
): Promise<unknown> {
  if (!(error instanceof CaseAlreadyOpen)) return error;
  const id = error.existingId;
  return error.withDisclosure(id !== undefined && (await mayRead(id).catch(() => false)));
}
