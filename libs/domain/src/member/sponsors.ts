import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../kernel/time/local-date';
import { type MemberRuleSet } from './rule-sets';

/** A party member considered as cultivation contact (培养联系人) or sponsor (入党介绍人). */
export interface MemberStanding {
  readonly personId: string;
  readonly name: string;
  readonly status: 'FULL_MEMBER' | 'PROBATIONARY' | 'NOT_A_MEMBER';
  /** The heaviest party discipline still relevant, if any. */
  readonly discipline?: {
    readonly kind: 'WARNING' | 'SERIOUS_WARNING' | 'REMOVAL_FROM_POST' | 'PROBATION_WITHIN_PARTY';
    /** 影响期 end for 警告 / 严重警告 / 撤销党内职务. */
    readonly impactPeriodEnds?: LocalDate;
    /** For 留党察看: whether party rights have been restored. */
    readonly rightsRestored?: boolean;
  };
}

/**
 * The body fields of the people named: contacts and sponsors are sent as person ids (`contactIds`, `sponsorIds`)
 * and resolved in order, so a rule about the whole list names the list, one about a person names its item.
 */
const CONTACTS = 'contactIds';
const SPONSORS = 'sponsorIds';

function disciplineBars(
  rules: MemberRuleSet,
  member: MemberStanding,
  today: LocalDate,
  code: string,
  article: string,
  field: string,
): RuleViolation[] {
  const discipline = member.discipline;
  if (!discipline) return [];
  if (discipline.kind === 'PROBATION_WITHIN_PARTY' && !discipline.rightsRestored) {
    return [violation(code, article, `${member.name}受留党察看处分、尚未恢复党员权利，不能担任`, field)];
  }
  const inImpactPeriod =
    discipline.kind !== 'PROBATION_WITHIN_PARTY' &&
    (discipline.impactPeriodEnds === undefined || compareLocalDates(today, discipline.impactPeriodEnds) <= 0);
  if (inImpactPeriod && rules.sponsors.restrictedDisciplineBars) {
    return [
      violation(
        code,
        article,
        `${member.name}受警告、严重警告或撤销党内职务处分，尚在影响期内，不宜担任`,
        field,
      ),
    ];
  }
  return [];
}

/** Step 5 (§9): one or two full members, none of them the candidate. */
export function checkCultivationContacts(
  rules: MemberRuleSet,
  contacts: readonly MemberStanding[],
  candidatePersonId: string,
): RuleViolation[] {
  const { min, max, article } = rules.cultivationContacts;
  const violations: RuleViolation[] = [];
  if (
    contacts.length < min ||
    contacts.length > max ||
    new Set(contacts.map((c) => c.personId)).size !== contacts.length
  ) {
    violations.push(
      violation('CONTACTS_COUNT', article, `应当指定${min}至${max}名正式党员作培养联系人`, CONTACTS),
    );
  }
  for (const [index, contact] of contacts.entries()) {
    const field = `${CONTACTS}.${index}`;
    if (contact.personId === candidatePersonId)
      violations.push(violation('CONTACT_IS_CANDIDATE', article, '培养联系人不能是本人', field));
    else if (contact.status !== 'FULL_MEMBER') {
      violations.push(
        violation('CONTACT_NOT_FULL_MEMBER', article, `${contact.name}不是正式党员，不能作培养联系人`, field),
      );
    }
  }
  return violations;
}

/**
 * Step 9 (§14): exactly two full members. Cannot: under 留党察看 with rights not restored. Should not
 * (2026): under 警告 / 严重警告 / 撤销党内职务 within the impact period.
 */
export function checkSponsors(
  rules: MemberRuleSet,
  sponsors: readonly MemberStanding[],
  candidatePersonId: string,
  today: LocalDate,
): RuleViolation[] {
  const { count, article } = rules.sponsors;
  const violations: RuleViolation[] = [];
  if (sponsors.length !== count || new Set(sponsors.map((s) => s.personId)).size !== sponsors.length) {
    violations.push(
      violation('SPONSORS_COUNT', article, `发展对象应当有${count}名正式党员作入党介绍人`, SPONSORS),
    );
  }
  for (const [index, sponsor] of sponsors.entries()) {
    const field = `${SPONSORS}.${index}`;
    if (sponsor.personId === candidatePersonId) {
      violations.push(violation('SPONSOR_IS_CANDIDATE', article, '入党介绍人不能是本人', field));
    } else if (sponsor.status !== 'FULL_MEMBER') {
      violations.push(
        violation('SPONSOR_NOT_FULL_MEMBER', article, `${sponsor.name}不是正式党员，不能作入党介绍人`, field),
      );
    } else {
      violations.push(
        ...disciplineBars(rules, sponsor, today, 'SPONSOR_DISCIPLINE_RESTRICTED', article, field),
      );
    }
  }
  return violations;
}
