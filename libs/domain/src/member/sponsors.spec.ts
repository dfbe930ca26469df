import { parseLocalDate } from '../kernel/time/local-date';
import { memberRuleSet } from './rule-sets';
import { type MemberStanding, checkCultivationContacts, checkSponsors } from './sponsors';

const rules = memberRuleSet('2026.05');
const today = parseLocalDate('2026-11-21')!;
const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);
const member = (personId: string, extra: Partial<MemberStanding> = {}): MemberStanding => ({
  personId,
  name: personId,
  status: 'FULL_MEMBER',
  ...extra,
});

describe('checkCultivationContacts (§9)', () => {
  it('wants one or two full members other than the candidate', () => {
    expect(checkCultivationContacts(rules, [member('a')], 'c')).toEqual([]);
    expect(checkCultivationContacts(rules, [member('a'), member('b')], 'c')).toEqual([]);
    expect(codes(checkCultivationContacts(rules, [], 'c'))).toEqual(['CONTACTS_COUNT']);
    expect(codes(checkCultivationContacts(rules, [member('a'), member('b'), member('d')], 'c'))).toEqual([
      'CONTACTS_COUNT',
    ]);
    expect(codes(checkCultivationContacts(rules, [member('a', { status: 'PROBATIONARY' })], 'c'))).toEqual([
      'CONTACT_NOT_FULL_MEMBER',
    ]);
    expect(codes(checkCultivationContacts(rules, [member('c')], 'c'))).toEqual(['CONTACT_IS_CANDIDATE']);
  });
});

describe('checkSponsors (§14)', () => {
  it('wants exactly two distinct full members', () => {
    expect(checkSponsors(rules, [member('a'), member('b')], 'c', today)).toEqual([]);
    expect(codes(checkSponsors(rules, [member('a')], 'c', today))).toEqual(['SPONSORS_COUNT']);
    expect(codes(checkSponsors(rules, [member('a'), member('a')], 'c', today))).toEqual(['SPONSORS_COUNT']);
    expect(
      codes(checkSponsors(rules, [member('a'), member('b', { status: 'PROBATIONARY' })], 'c', today)),
    ).toEqual(['SPONSOR_NOT_FULL_MEMBER']);
    expect(codes(checkSponsors(rules, [member('a'), member('c')], 'c', today))).toEqual([
      'SPONSOR_IS_CANDIDATE',
    ]);
  });

  it('bars a member under 留党察看 until rights are restored, under both rule sets', () => {
    const probation = member('b', { discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: false } });
    expect(codes(checkSponsors(rules, [member('a'), probation], 'c', today))).toEqual([
      'SPONSOR_DISCIPLINE_RESTRICTED',
    ]);
    expect(codes(checkSponsors(memberRuleSet('2014'), [member('a'), probation], 'c', today))).toEqual([
      'SPONSOR_DISCIPLINE_RESTRICTED',
    ]);
    const restored = member('b', { discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: true } });
    expect(checkSponsors(rules, [member('a'), restored], 'c', today)).toEqual([]);
  });

  it('under 2026 rules bars warnings, serious warnings and removal from post inside the impact period only', () => {
    const warned = (ends: string) =>
      member('b', { discipline: { kind: 'SERIOUS_WARNING', impactPeriodEnds: parseLocalDate(ends)! } });
    expect(codes(checkSponsors(rules, [member('a'), warned('2026-11-21')], 'c', today))).toEqual([
      'SPONSOR_DISCIPLINE_RESTRICTED',
    ]);
    expect(checkSponsors(rules, [member('a'), warned('2026-11-20')], 'c', today)).toEqual([]);
    expect(checkSponsors(memberRuleSet('2014'), [member('a'), warned('2027-01-01')], 'c', today)).toEqual([]);
  });
});
