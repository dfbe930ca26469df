import { RuleViolationError, violation } from '../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates, parseLocalDate } from '../kernel/time/local-date';
import { type MemberStepDefinition, STEPS_2014, STEPS_2026, article2014 } from './steps';

/**
 * 《中国共产党发展党员工作细则》 versions, as data. A case pins the version in force on its application date
 * and keeps it for life, even after a newer version takes effect (DOMAIN.md §0). Correcting a number or an
 * article is a change here, never in the rule code.
 */
export type RuleSetId = '2014' | '2026.05';

export interface MemberRuleSet {
  readonly id: RuleSetId;
  /** Date of issue; each version takes effect on issue (2026 §44). */
  readonly effectiveFrom: LocalDate;
  readonly steps: readonly MemberStepDefinition[];
  /** T15: 年满十八岁. */
  readonly applicant: { readonly minimumAge: number; readonly article: string };
  /** T1: talk within a month of receiving the application (deadline). */
  readonly talk: { readonly withinMonths: number; readonly article: string };
  /** T2: the branch vets each activist every N months (periodic). */
  readonly activistVetting: { readonly everyMonths: number; readonly article: string };
  /** Step 5: 一至两名正式党员. */
  readonly cultivationContacts: { readonly min: number; readonly max: number; readonly article: string };
  /** T3: at least N years of cultivation before listing as a development target (hard block). */
  readonly cultivation: { readonly minimumYears: number; readonly article: string };
  /** Steps 7–8: 2026 needs the higher committee's consent and a public notice; 2014 only filing. */
  readonly developmentTarget: {
    readonly higherCommittee: 'CONSENT' | 'FILING';
    readonly article: string;
    /** T4: notice of at least N working days, posted after consent; null where the rule set has none. */
    readonly notice: { readonly workingDays: number; readonly article: string } | null;
  };
  /** Step 9: exactly N full members; whether discipline still in its impact period bars a sponsor (2026 addition). */
  readonly sponsors: {
    readonly count: number;
    readonly article: string;
    readonly restrictedDisciplineBars: boolean;
  };
  /** Step 10: no political review, or a failed one, means no development. */
  readonly politicalReview: { readonly article: string };
  /** T5: training of at least N days or N class hours; "个别特殊情况" may be excepted with a justification. */
  readonly training: {
    readonly minimumDays: number;
    readonly minimumClassHours: number;
    readonly article: string;
  };
  /** T6: someone leaving their unit within N months is normally not processed (override needs a justification). */
  readonly departure: { readonly withinMonths: number; readonly article: string };
  /** T7: branch general meeting within N months of passing pre-review; null in 2014 (no limit). */
  readonly branchMeeting: {
    readonly withinMonthsOfPreReview: number | null;
    readonly article: string;
    readonly quorumArticle: string;
    readonly thresholdArticle: string;
  };
  /** §22: 党总支 and basic committees under a township committee review but cannot approve. */
  readonly reviewOnlyBodies: { readonly article: string };
  /** T8: approval within N months of receiving the branch resolution; special cases up to the cap, never beyond. */
  readonly acceptanceApproval: {
    readonly withinMonths: number;
    readonly capMonths: number;
    readonly article: string;
  };
  /** T9: oath generally within N months of approval (soft); null where the rule set has none. */
  readonly oath: { readonly withinMonths: number | null; readonly article: string };
  /** T10: probation of N years from the branch general meeting's date. */
  readonly probation: { readonly years: number; readonly article: string };
  /** T11: extend once, by 6 to 12 months. */
  readonly extension: {
    readonly minMonths: number;
    readonly maxMonths: number;
    readonly maxTimes: number;
    readonly article: string;
  };
  /** T12: conversion approved within N months of receiving the branch resolution. */
  readonly conversionApproval: { readonly withinMonths: number; readonly article: string };
  /** T13: a transferred-in probationary member's conversion discussion may be postponed up to N months. */
  readonly transferredPostponement: { readonly maxMonths: number; readonly article: string };
  /** T14: party age runs from the end of probation (after any extension). */
  readonly partyAge: { readonly article: string };
}

const RULE_SET_2026: MemberRuleSet = {
  id: '2026.05',
  effectiveFrom: parseLocalDate('2026-05-11')!,
  steps: STEPS_2026,
  applicant: { minimumAge: 18, article: '§5' },
  talk: { withinMonths: 1, article: '§7' },
  activistVetting: { everyMonths: 6, article: '§11' },
  cultivationContacts: { min: 1, max: 2, article: '§9' },
  cultivation: { minimumYears: 1, article: '§13' },
  developmentTarget: {
    higherCommittee: 'CONSENT',
    article: '§13',
    notice: { workingDays: 5, article: '§13' },
  },
  sponsors: { count: 2, article: '§14', restrictedDisciplineBars: true },
  politicalReview: { article: '§16' },
  training: { minimumDays: 3, minimumClassHours: 24, article: '§17' },
  departure: { withinMonths: 3, article: '§18' },
  branchMeeting: {
    withinMonthsOfPreReview: 1,
    article: '§19',
    quorumArticle: '§19',
    thresholdArticle: '§20',
  },
  reviewOnlyBodies: { article: '§22' },
  acceptanceApproval: { withinMonths: 3, capMonths: 6, article: '§25' },
  oath: { withinMonths: 1, article: '§29' },
  probation: { years: 1, article: '§31' },
  extension: { minMonths: 6, maxMonths: 12, maxTimes: 1, article: '§31' },
  conversionApproval: { withinMonths: 3, article: '§33' },
  transferredPostponement: { maxMonths: 6, article: '§35' },
  partyAge: { article: '§33' },
};

/** The same rules under the 2014 细则, where they differ; article numbers via article2014 (see there). */
const RULE_SET_2014: MemberRuleSet = {
  ...RULE_SET_2026,
  id: '2014',
  effectiveFrom: parseLocalDate('2014-05-28')!,
  steps: STEPS_2014,
  applicant: { ...RULE_SET_2026.applicant, article: article2014('§5') },
  talk: { ...RULE_SET_2026.talk, article: article2014('§7') },
  activistVetting: { ...RULE_SET_2026.activistVetting, article: article2014('§11') },
  cultivationContacts: { ...RULE_SET_2026.cultivationContacts, article: article2014('§9') },
  cultivation: { ...RULE_SET_2026.cultivation, article: article2014('§13') },
  // 2014: the committee agrees and files with the higher committee; no public notice.
  developmentTarget: { higherCommittee: 'FILING', article: article2014('§13'), notice: null },
  // 2014 barred only members under 留党察看 not yet restored; the 不宜 list is a 2026 addition.
  sponsors: { ...RULE_SET_2026.sponsors, article: article2014('§14'), restrictedDisciplineBars: false },
  politicalReview: { article: article2014('§16') },
  training: { ...RULE_SET_2026.training, article: article2014('§17') },
  departure: { ...RULE_SET_2026.departure, article: '2014 §19' },
  // 2014 set no time limit between pre-review and the branch general meeting.
  branchMeeting: {
    withinMonthsOfPreReview: null,
    article: article2014('§19'),
    quorumArticle: article2014('§19'),
    thresholdArticle: article2014('§20'),
  },
  reviewOnlyBodies: { article: article2014('§22') },
  acceptanceApproval: { ...RULE_SET_2026.acceptanceApproval, article: article2014('§25') },
  // 2014 set no time limit for the oath.
  oath: { withinMonths: null, article: article2014('§29') },
  probation: { ...RULE_SET_2026.probation, article: article2014('§31') },
  extension: { ...RULE_SET_2026.extension, article: article2014('§31') },
  conversionApproval: { ...RULE_SET_2026.conversionApproval, article: article2014('§33') },
  transferredPostponement: { ...RULE_SET_2026.transferredPostponement, article: article2014('§35') },
  partyAge: { article: article2014('§33') },
};

export const MEMBER_RULE_SETS: readonly MemberRuleSet[] = [RULE_SET_2014, RULE_SET_2026];

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

// ---------------------------------------------------------------------------------------------------------
// Local overlays (DOMAIN.md §7.1): a province, county or school may add requirements, never relax them.

export type ExtraNoticeKind = 'ACTIVIST' | 'ACCEPTANCE' | 'CONVERSION';

export interface LocalOverlay {
  readonly id: string;
  readonly name: string;
  /** Shorter deadlines than the national ones (months). */
  readonly deadlines?: Partial<
    Record<'talk' | 'branchMeeting' | 'acceptanceApproval' | 'oath' | 'conversionApproval', number>
  >;
  /** Higher minimums than the national ones. */
  readonly minimums?: Partial<
    Record<
      'cultivationYears' | 'trainingDays' | 'trainingClassHours' | 'developmentTargetNoticeWorkingDays',
      number
    >
  >;
  /** Public notices the national rules do not require (e.g. 7 working days before listing activists). */
  readonly extraNotices?: Partial<Record<ExtraNoticeKind, { readonly workingDays: number }>>;
  /** Service levels the national rules do not set (months), e.g. activist filing within 1 month. */
  readonly slas?: Partial<Record<'activistFiling' | 'preReview', number>>;
  /** Documents required in addition to the national ones, per step. */
  readonly documents?: Readonly<Record<number, readonly string[]>>;
}

export interface EffectiveMemberRules extends MemberRuleSet {
  readonly overlays: readonly string[];
  readonly extraNotices: Partial<
    Record<ExtraNoticeKind, { readonly workingDays: number; readonly source: string }>
  >;
  readonly slas: Partial<
    Record<'activistFiling' | 'preReview', { readonly months: number; readonly source: string }>
  >;
  readonly documents: Readonly<Record<number, readonly string[]>>;
}

function relaxes(
  overlay: LocalOverlay,
  rule: string,
  national: number | null,
  local: number,
  kind: 'deadline' | 'minimum',
): never {
  throw new RuleViolationError(
    violation(
      'OVERLAY_RELAXES_NATIONAL_RULE',
      null,
      `${overlay.name}: ${rule} ${kind === 'deadline' ? 'deadline' : 'minimum'} ${local} would relax the national ${national ?? 'rule'}`,
    ),
  );
}

/** Applies overlays in order; throws OVERLAY_RELAXES_NATIONAL_RULE if any would loosen a national rule. */
export function applyOverlays(
  ruleSet: MemberRuleSet,
  overlays: readonly LocalOverlay[],
): EffectiveMemberRules {
  const national: EffectiveMemberRules = {
    ...ruleSet,
    overlays: [],
    extraNotices: {},
    slas: {},
    documents: {},
  };
  return overlays.reduce(applyOverlay, national);
}

type Writable = { -readonly [K in keyof EffectiveMemberRules]: EffectiveMemberRules[K] };

function applyOverlay(rules: EffectiveMemberRules, overlay: LocalOverlay): EffectiveMemberRules {
  const next = { ...rules } as Writable;
  tightenDeadlines(next, rules, overlay);
  raiseMinimums(next, rules, overlay);
  addRequirements(next, rules, overlay);
  next.overlays = [...rules.overlays, overlay.id];
  return next;
}

/** Local deadlines may only be shorter than the national ones. */
function tightenDeadlines(next: Writable, rules: EffectiveMemberRules, overlay: LocalOverlay): void {
  const tighterDeadline = (
    rule: string,
    national: number | null,
    local: number | undefined,
  ): number | null => {
    if (local === undefined) return national;
    if (!(local > 0) || (national !== null && local > national))
      relaxes(overlay, rule, national, local, 'deadline');
    return local;
  };
  const d = overlay.deadlines ?? {};
  next.talk = { ...rules.talk, withinMonths: tighterDeadline('talk', rules.talk.withinMonths, d.talk)! };
  next.branchMeeting = {
    ...rules.branchMeeting,
    withinMonthsOfPreReview: tighterDeadline(
      'branchMeeting',
      rules.branchMeeting.withinMonthsOfPreReview,
      d.branchMeeting,
    ),
  };
  next.acceptanceApproval = {
    ...rules.acceptanceApproval,
    withinMonths: tighterDeadline(
      'acceptanceApproval',
      rules.acceptanceApproval.withinMonths,
      d.acceptanceApproval,
    )!,
  };
  next.oath = { ...rules.oath, withinMonths: tighterDeadline('oath', rules.oath.withinMonths, d.oath) };
  next.conversionApproval = {
    ...rules.conversionApproval,
    withinMonths: tighterDeadline(
      'conversionApproval',
      rules.conversionApproval.withinMonths,
      d.conversionApproval,
    )!,
  };
}

/** Local minimums may only be higher than the national ones. */
function raiseMinimums(next: Writable, rules: EffectiveMemberRules, overlay: LocalOverlay): void {
  const higherMinimum = (rule: string, national: number, local: number | undefined): number => {
    if (local === undefined) return national;
    if (local < national) relaxes(overlay, rule, national, local, 'minimum');
    return local;
  };
  const m = overlay.minimums ?? {};
  next.cultivation = {
    ...rules.cultivation,
    minimumYears: higherMinimum('cultivationYears', rules.cultivation.minimumYears, m.cultivationYears),
  };
  next.training = {
    ...rules.training,
    minimumDays: higherMinimum('trainingDays', rules.training.minimumDays, m.trainingDays),
    minimumClassHours: higherMinimum(
      'trainingClassHours',
      rules.training.minimumClassHours,
      m.trainingClassHours,
    ),
  };
  if (m.developmentTargetNoticeWorkingDays !== undefined) {
    const notice = rules.developmentTarget.notice;
    next.developmentTarget = {
      ...rules.developmentTarget,
      notice: {
        workingDays: higherMinimum(
          'developmentTargetNoticeWorkingDays',
          notice?.workingDays ?? 0,
          m.developmentTargetNoticeWorkingDays,
        ),
        article: notice?.article ?? overlay.name,
      },
    };
  }
}

/** Extra notices, service levels and documents a local overlay adds. */
function addRequirements(next: Writable, rules: EffectiveMemberRules, overlay: LocalOverlay): void {
  const extraNotices = { ...rules.extraNotices };
  for (const [kind, notice] of Object.entries(overlay.extraNotices ?? {}) as [
    ExtraNoticeKind,
    { workingDays: number },
  ][]) {
    const existing = extraNotices[kind];
    extraNotices[kind] = {
      workingDays: Math.max(existing?.workingDays ?? 0, notice.workingDays),
      source: existing && existing.workingDays >= notice.workingDays ? existing.source : overlay.name,
    };
  }
  next.extraNotices = extraNotices;
  const slas = { ...rules.slas };
  for (const [kind, months] of Object.entries(overlay.slas ?? {}) as [
    'activistFiling' | 'preReview',
    number,
  ][]) {
    const existing = slas[kind];
    if (!existing || months < existing.months) slas[kind] = { months, source: overlay.name };
  }
  next.slas = slas;
  const documents: Record<number, readonly string[]> = { ...rules.documents };
  for (const [step, extra] of Object.entries(overlay.documents ?? {})) {
    documents[Number(step)] = [...new Set([...(documents[Number(step)] ?? []), ...extra])];
  }
  next.documents = documents;
}
