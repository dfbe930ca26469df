import { ProblemError, type RuleSource } from '@app/config';
import { type RuleViolation } from '@app/domain';

/**
 * 409 for "the person already has an open case (entry)": the caller learns which one, as `field` and in the
 * message, only when they may read it (their scope); anyone else gets the conflict with nothing from the
 * other case. Without a known id (a race) nothing is named either.
 */
export async function alreadyOpenProblem(
  rules: RuleSource,
  found: RuleViolation,
  field: 'caseId' | 'entryId',
  mayRead: (id: string) => Promise<boolean>,
): Promise<ProblemError> {
  const id = found.existingId;
  const disclosed = id !== undefined && (await mayRead(id).catch(() => false));
  const shown: RuleViolation = {
    code: found.code,
    article: found.article,
    message: disclosed ? `${found.message}（${id}）` : found.message,
  };
  const problem = ProblemError.fromViolations(rules, [shown], 409);
  return disclosed
    ? new ProblemError(409, problem.code, problem.title, problem.detail, { ...problem.extra, [field]: id })
    : problem;
}
