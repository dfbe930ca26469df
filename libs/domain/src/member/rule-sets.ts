import { type LocalDate, compareLocalDates, parseLocalDate } from '../time/local-date';

/**
 * 《中国共产党发展党员工作细则》 versions. A case pins the version in force on its application date
 * and keeps it for life, even after a newer version takes effect (DOMAIN.md §0).
 */
export type RuleSetId = '2014' | '2026.05';

export interface MemberRuleSet {
  readonly id: RuleSetId;
  /** Date of issue; each version takes effect on issue (2014 §52, 2026 §44). */
  readonly effectiveFrom: LocalDate;
  readonly applicant: { readonly minimumAge: number; readonly article: string };
}

export const MEMBER_RULE_SETS: readonly MemberRuleSet[] = [
  {
    id: '2014',
    effectiveFrom: parseLocalDate('2014-05-28')!,
    applicant: { minimumAge: 18, article: '2014 §5' },
  },
  {
    id: '2026.05',
    effectiveFrom: parseLocalDate('2026-05-11')!,
    applicant: { minimumAge: 18, article: '§5' },
  },
];

/** The newest rule set already in force on `date`, or undefined before the 2014 version. */
export function ruleSetInForceOn(date: LocalDate): MemberRuleSet | undefined {
  return [...MEMBER_RULE_SETS]
    .sort((a, b) => compareLocalDates(b.effectiveFrom, a.effectiveFrom))
    .find((ruleSet) => compareLocalDates(ruleSet.effectiveFrom, date) <= 0);
}

export function memberRuleSet(id: RuleSetId): MemberRuleSet {
  const ruleSet = MEMBER_RULE_SETS.find((candidate) => candidate.id === id);
  if (!ruleSet) throw new RangeError(`unknown rule set ${id}`);
  return ruleSet;
}
