import { Injectable, Logger } from '@nestjs/common';

import { ProblemError } from '@app/config';
import {
  type CaseParties,
  type OrgUnit,
  type Principal,
  type RuleViolation,
  type StepActor,
  actionViolation,
  planningViolation,
  readViolation,
  subtreeReadViolation,
} from '@app/domain';

/** Problem response for an authorisation failure: 403 with the rule's code, logged, nothing changed. */
export function forbidden(violation: RuleViolation): ProblemError {
  return new ProblemError(403, violation.code, '无权办理', violation.message, {
    article: violation.article,
  });
}

/** The access rules of libs/domain applied to a request: refusals are logged and answered with 403. */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('Access');

  /** Data across a subtree (backlogs, targets): an office, and the unit in the caller's part of the tree. */
  assertCanReadSubtree(principal: Principal, unit: OrgUnit): void {
    this.enforce(principal, subtreeReadViolation(principal, unit), unit.code);
  }

  assertCanReadCase(principal: Principal, branch: OrgUnit, parties: CaseParties): void {
    this.enforce(principal, readViolation(principal, branch, parties), parties.candidateId);
  }

  assertCanAct(
    principal: Principal,
    actors: readonly StepActor[],
    actingBody: OrgUnit,
    branch: OrgUnit,
    parties: CaseParties | null,
  ): void {
    this.enforce(
      principal,
      actionViolation(principal, actors, actingBody, branch, parties),
      `${actingBody.code}:${parties?.candidateId ?? branch.code}`,
    );
  }

  assertCanPlan(principal: Principal, unit: OrgUnit): void {
    this.enforce(principal, planningViolation(principal, unit), unit.code);
  }

  /** Logs and throws a refusal; also used for refusals decided elsewhere (delegations). */
  refuse(principal: Principal | null, violation: RuleViolation, target: string): never {
    this.logger.warn({
      msg: 'access denied',
      code: violation.code,
      subject: principal?.subject ?? null,
      actingFor: principal?.actingFor?.subject ?? null,
      orgUnit: principal?.orgUnit.code ?? null,
      target,
    });
    throw forbidden(violation);
  }

  private enforce(principal: Principal, violation: RuleViolation | undefined, target: string): void {
    if (violation) this.refuse(principal, violation, target);
  }
}
