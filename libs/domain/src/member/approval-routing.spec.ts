import { type OrgUnit } from '../kernel/org/org-unit';
import { checkApprovingBody, checkReviewsComplete, routeApproval } from './approval-routing';
import { memberRuleSet } from './rule-sets';

const rules = memberRuleSet('2026.05');
const unit = (id: string, kind: OrgUnit['kind'], canApproveMembership = false): OrgUnit => ({
  id,
  code: id,
  name: id,
  kind,
  parentId: null,
  path: [],
  canApproveMembership,
});
const county = unit('县委', 'COUNTY_COMMITTEE', true);
const township = unit('东镇党委', 'TOWNSHIP_COMMITTEE', true);
const village = unit('东村党委', 'VILLAGE_COMMITTEE');
const general = unit('西村党总支', 'GENERAL_BRANCH');
const branch = unit('支部', 'BRANCH');

describe('routeApproval (§22)', () => {
  it('sends a village branch to the township committee, reviewed by the village committee first', () => {
    expect(routeApproval(rules, [county, township, village, branch])).toEqual({
      route: { approver: township, reviewers: [village] },
    });
  });

  it('collects every review-only body on the way, nearest first', () => {
    expect(routeApproval(rules, [county, township, village, general, branch])).toEqual({
      route: { approver: township, reviewers: [general, village] },
    });
  });

  it('needs no review for a branch directly under the township committee', () => {
    expect(routeApproval(rules, [county, township, branch])).toEqual({
      route: { approver: township, reviewers: [] },
    });
  });

  it('never lets a 村党委 or 党总支 approve, even if flagged with approval authority', () => {
    const flaggedVillage = { ...village, canApproveMembership: true };
    expect(routeApproval(rules, [county, township, flaggedVillage, branch])).toEqual({
      route: { approver: township, reviewers: [flaggedVillage] },
    });
  });

  it('refuses a tree without an approving committee', () => {
    expect(routeApproval(rules, [unit('临时党组织', 'GENERAL_BRANCH'), branch])).toMatchObject({
      violation: { code: 'NO_APPROVING_COMMITTEE', article: '§22' },
    });
  });

  it('lets only the approver decide, and only after every review', () => {
    const result = routeApproval(rules, [county, township, village, branch]);
    if (!('route' in result)) throw new Error('expected a route');
    expect(checkApprovingBody(rules, result.route, township)).toEqual([]);
    expect(checkApprovingBody(rules, result.route, village)).toMatchObject([
      { code: 'APPROVER_WITHOUT_AUTHORITY', article: '§22' },
    ]);
    expect(checkApprovingBody(rules, result.route, county)).toMatchObject([
      { code: 'APPROVER_WITHOUT_AUTHORITY' },
    ]);
    expect(checkReviewsComplete(rules, result.route, new Set())).toMatchObject([{ code: 'REVIEW_MISSING' }]);
    expect(checkReviewsComplete(rules, result.route, new Set([village.id]))).toEqual([]);
  });
});
