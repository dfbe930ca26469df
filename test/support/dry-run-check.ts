import { type INestApplication } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';

import { CaseRulesBroken } from '../../libs/domain/src';
import { CadreCaseGateway, MemberCaseGateway, ReservistGateway } from '../../libs/temporal/src';

/** A dry run that did not answer what recording the same action answered. */
export interface DryRunMismatch {
  readonly caseId: string;
  readonly action: string;
  readonly dryRun: unknown;
  readonly recorded: unknown;
}

interface ActingGateway {
  act(caseId: string, action: { readonly type: string }, updateId?: string): Promise<unknown>;
  dryRun(caseId: string, action: { readonly type: string }): Promise<unknown>;
}

/** What a call answered, as far as a dry run must match it: the view, or the broken rules. */
type Outcome =
  | { readonly view: unknown }
  | { readonly violations: unknown; readonly error: unknown }
  | { readonly other: unknown };

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { view: await call() };
  } catch (error) {
    return error instanceof CaseRulesBroken ? { violations: error.violations, error } : { other: error };
  }
}

/** What a dry run must equal: the view, or the violations (not the error objects around them). */
const answerOf = (outcome: Outcome): unknown =>
  'view' in outcome ? outcome.view : 'violations' in outcome ? outcome.violations : undefined;

/**
 * Makes every action the e2e suites record through the API prove the dry run: just before the action is sent
 * to its case, the same action is dry-run, and its answer (the case after it, or the violations) must equal
 * what recording answered. Skipped where they may differ by design: a retried update id (answered with the
 * case as recorded before), another action on the same case in flight at the same time (the dry run saw the
 * case before it), and failures other than broken rules (a closed case, a timeout). `checked` counts the
 * comparisons, so a suite can see they ran.
 */
export function checkDryRuns(api: INestApplication): { mismatches: DryRunMismatch[]; checked: () => number } {
  const mismatches: DryRunMismatch[] = [];
  const seenUpdates = new Set<string>();
  const inFlight = new Map<string, number>();
  let checked = 0;
  for (const token of [MemberCaseGateway, CadreCaseGateway, ReservistGateway]) {
    const gateway = api.get<ActingGateway>(token);
    const act = gateway.act.bind(gateway);
    gateway.act = async (caseId, action, updateId) => {
      const retried = updateId !== undefined && seenUpdates.has(updateId);
      if (updateId !== undefined) seenUpdates.add(updateId);
      const alone = !inFlight.has(caseId);
      inFlight.set(caseId, (inFlight.get(caseId) ?? 0) + 1);
      let concurrent = !alone;
      try {
        const tried = retried ? undefined : await outcomeOf(() => gateway.dryRun(caseId, action));
        const recorded = await outcomeOf(() => act(caseId, action, updateId));
        concurrent ||= (inFlight.get(caseId) ?? 0) > 1;
        if (tried && !concurrent && !('other' in recorded) && !('other' in tried)) {
          checked++;
          const [dryRun, answered] = [answerOf(tried), answerOf(recorded)];
          if ('view' in tried !== 'view' in recorded || !isDeepStrictEqual(dryRun, answered)) {
            mismatches.push({ caseId, action: action.type, dryRun, recorded: answered });
          }
        }
        if ('view' in recorded) return recorded.view;
        throw 'violations' in recorded ? recorded.error : recorded.other;
      } finally {
        const left = (inFlight.get(caseId) ?? 1) - 1;
        if (left === 0) inFlight.delete(caseId);
        else inFlight.set(caseId, left);
      }
    };
  }
  return { mismatches, checked: () => checked };
}
