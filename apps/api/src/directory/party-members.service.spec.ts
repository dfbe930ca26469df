import { type LocalDate, type MemberStanding, memberRuleSet } from '@app/domain';

import { eligibility } from './party-members.service';

const TODAY = '2026-11-29' as LocalDate;
const member = (overrides: Partial<MemberStanding> = {}): MemberStanding => ({
  personId: '8d0f3c1e-0000-4000-8000-000000000001',
  name: '党员',
  status: 'FULL_MEMBER',
  ...overrides,
});
const codes = (result: ReturnType<typeof eligibility>) => ({
  sponsor: result.sponsor.reasons.map((reason) => reason.code),
  contact: result.cultivationContact.reasons.map((reason) => reason.code),
});

describe('eligibility of one member as sponsor and cultivation contact (the domain’s checks)', () => {
  const rules2026 = memberRuleSet('2026.05');
  const rules2014 = memberRuleSet('2014');

  it('a full member without discipline may be either; the count of people designated is not theirs', () => {
    expect(eligibility(rules2026, member(), TODAY)).toEqual({
      sponsor: { eligible: true, reasons: [] },
      cultivationContact: { eligible: true, reasons: [] },
    });
  });

  it('a probationary member may be neither', () => {
    const result = eligibility(rules2026, member({ status: 'PROBATIONARY' }), TODAY);
    expect(codes(result)).toEqual({
      sponsor: ['SPONSOR_NOT_FULL_MEMBER'],
      contact: ['CONTACT_NOT_FULL_MEMBER'],
    });
    expect(result.sponsor.eligible).toBe(false);
  });

  it('留党察看 without restored rights bars sponsoring under both rule sets; restored rights do not', () => {
    const barred = member({ discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: false } });
    for (const rules of [rules2026, rules2014]) {
      expect(codes(eligibility(rules, barred, TODAY)).sponsor).toEqual(['SPONSOR_DISCIPLINE_RESTRICTED']);
    }
    const restored = member({ discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: true } });
    expect(eligibility(rules2026, restored, TODAY).sponsor.eligible).toBe(true);
  });

  it('a warning in its impact period: should not sponsor under 2026, may under 2014; once over, may', () => {
    const warned = (impactPeriodEnds: string) =>
      member({ discipline: { kind: 'SERIOUS_WARNING', impactPeriodEnds: impactPeriodEnds as LocalDate } });
    expect(codes(eligibility(rules2026, warned('2026-11-29'), TODAY)).sponsor).toEqual([
      'SPONSOR_DISCIPLINE_RESTRICTED',
    ]);
    expect(eligibility(rules2014, warned('2026-11-29'), TODAY).sponsor.eligible).toBe(true);
    expect(eligibility(rules2026, warned('2026-11-28'), TODAY).sponsor.eligible).toBe(true);
  });
});
