import { type OrgUnit } from '../kernel/org/org-unit';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { type MemberRuleSet } from './rule-sets';

/** Bodies that must review an acceptance but cannot approve it (§22). */
const REVIEW_ONLY_KINDS = new Set<OrgUnit['kind']>(['GENERAL_BRANCH', 'VILLAGE_COMMITTEE']);

export interface ApprovalRoute {
  /** The first ancestor with approval authority (审批权), e.g. the township committee. */
  readonly approver: OrgUnit;
  /** Every review-only body between the branch and the approver, nearest first; each must review first. */
  readonly reviewers: readonly OrgUnit[];
}

/**
 * Routes a branch's acceptance up the tree (DOMAIN.md §1.6, §5.2 rule 2): the first ancestor with
 * approval authority approves; every 党总支 or basic committee on the way that cannot approve reviews.
 * `ancestry` runs from the root down to the branch.
 */
export function routeApproval(
  rules: MemberRuleSet,
  ancestry: readonly OrgUnit[],
): { readonly route: ApprovalRoute } | { readonly violation: RuleViolation } {
  const reviewers: OrgUnit[] = [];
  for (const unit of [...ancestry].reverse().slice(1)) {
    // A 党总支 or 村党委 only reviews, whatever its flag says (§22).
    if (REVIEW_ONLY_KINDS.has(unit.kind)) reviewers.push(unit);
    else if (unit.canApproveMembership) return { route: { approver: unit, reviewers } };
  }
  return {
    violation: violation(
      'NO_APPROVING_COMMITTEE',
      rules.reviewOnlyBodies.article,
      '上级组织中没有具有审批权限的基层党委，不能审批预备党员',
    ),
  };
}

/** An approval decision must come from the route's approver; review-only bodies and others are refused. */
export function checkApprovingBody(
  rules: MemberRuleSet,
  route: ApprovalRoute,
  actingBody: OrgUnit,
): RuleViolation[] {
  if (actingBody.id === route.approver.id) return [];
  const reviewOnly = REVIEW_ONLY_KINDS.has(actingBody.kind);
  return [
    violation(
      'APPROVER_WITHOUT_AUTHORITY',
      rules.reviewOnlyBodies.article,
      reviewOnly
        ? `${actingBody.name}只能审议，不能审批预备党员`
        : `${actingBody.name}不是本案的审批党委（应为${route.approver.name}）`,
      'actingBody',
    ),
  ];
}

/** Reviews must all be recorded before the approver decides. */
export function checkReviewsComplete(
  rules: MemberRuleSet,
  route: ApprovalRoute,
  reviewedBy: ReadonlySet<string>,
): RuleViolation[] {
  const missing = route.reviewers.filter((unit) => !reviewedBy.has(unit.id));
  if (missing.length === 0) return [];
  return [
    violation(
      'REVIEW_MISSING',
      rules.reviewOnlyBodies.article,
      `审批前须由${missing.map((unit) => unit.name).join('、')}审议`,
    ),
  ];
}
