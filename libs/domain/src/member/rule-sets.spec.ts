import { RuleViolationError } from '../kernel/rules/rule-violation';
import { parseLocalDate } from '../kernel/time/local-date';
import {
  type LocalOverlay,
  MEMBER_RULE_SETS,
  applyOverlays,
  memberRuleSet,
  ruleSetInForceOn,
} from './rule-sets';
import { MEMBER_PHASES, STEPS_2014, STEPS_2026, article2014, phaseOfStep } from './steps';

const date = (text: string) => parseLocalDate(text)!;

describe('member rule sets', () => {
  it.each(MEMBER_RULE_SETS.map((r) => [r.id, r] as const))(
    '%s has the 25 steps in order, each in its DOMAIN stage',
    (_id, rules) => {
      expect(rules.steps.map((s) => s.step)).toEqual([...Array(25).keys()].map((i) => i + 1));
      const byPhase = Object.keys(MEMBER_PHASES).map((phase) =>
        rules.steps.filter((s) => s.phase === phase).map((s) => s.step),
      );
      expect(byPhase).toEqual([
        [1, 2],
        [3, 4, 5, 6],
        [7, 8, 9, 10, 11],
        [12, 13, 14, 15, 16, 17, 18],
        [19, 20, 21, 22, 23, 24, 25],
      ]);
      expect(rules.steps.filter((s) => s.periodic).map((s) => s.step)).toEqual([6, 21]);
    },
  );

  it('rejects step numbers outside 1–25', () => {
    expect(() => phaseOfStep(0)).toThrow(RangeError);
    expect(() => phaseOfStep(26)).toThrow(RangeError);
  });

  it('differs between 2014 and 2026 exactly where the revision changed the rules', () => {
    const [r2014, r2026] = [memberRuleSet('2014'), memberRuleSet('2026.05')];
    expect(r2026.developmentTarget).toEqual({
      higherCommittee: 'CONSENT',
      article: '§13',
      notice: { workingDays: 5, article: '§13' },
    });
    expect(r2014.developmentTarget).toMatchObject({ higherCommittee: 'FILING', notice: null });
    expect(r2026.branchMeeting.withinMonthsOfPreReview).toBe(1);
    expect(r2014.branchMeeting.withinMonthsOfPreReview).toBeNull();
    expect(r2026.oath.withinMonths).toBe(1);
    expect(r2014.oath.withinMonths).toBeNull();
    expect(r2026.sponsors.restrictedDisciplineBars).toBe(true);
    expect(r2014.sponsors.restrictedDisciplineBars).toBe(false);
    expect(STEPS_2026[7]!.name).toBe('报上级党委同意');
    expect(STEPS_2014[7]!.name).toBe('报上级党委备案');
    // Unchanged numbers
    for (const rules of [r2014, r2026]) {
      expect(rules.applicant.minimumAge).toBe(18);
      expect(rules.cultivation.minimumYears).toBe(1);
      expect(rules.acceptanceApproval).toMatchObject({ withinMonths: 3, capMonths: 6 });
      expect(rules.extension).toMatchObject({ minMonths: 6, maxMonths: 12, maxTimes: 1 });
      expect(rules.probation.years).toBe(1);
    }
  });

  it('cites 2014 articles with the numbering DOMAIN.md quotes', () => {
    expect(article2014('§13')).toBe('2014 §13');
    expect(article2014('§19')).toBe('2014 §20'); // quorum
    expect(article2014('§31')).toBe('2014 §32'); // probation
    expect(article2014('§32')).toBe('2014 §33'); // conversion meeting
    expect(memberRuleSet('2014').branchMeeting.quorumArticle).toBe('2014 §20');
    expect(memberRuleSet('2014').probation.article).toBe('2014 §32');
    expect(STEPS_2014[12]!.article).toBe('2014 §19'); // pre-review
    expect(STEPS_2014[14]!.article).toBe('2014 §20');
  });

  it('pins the version in force on the application date, 2026.05 from its day of issue', () => {
    expect(ruleSetInForceOn(date('2014-05-27'))).toBeUndefined();
    expect(ruleSetInForceOn(date('2014-05-28'))?.id).toBe('2014');
    expect(ruleSetInForceOn(date('2026-05-10'))?.id).toBe('2014');
    expect(ruleSetInForceOn(date('2026-05-11'))?.id).toBe('2026.05');
    expect(memberRuleSet('2014').id).toBe('2014'); // a pinned 2014 case keeps 2014 rules
    expect(() => memberRuleSet('1990' as never)).toThrow(RangeError);
  });
});

describe('applyOverlays', () => {
  const national = memberRuleSet('2026.05');
  const county: LocalOverlay = {
    id: 'demo-county',
    name: '示范县实施办法',
    deadlines: { talk: 1, acceptanceApproval: 2 },
    minimums: { trainingClassHours: 32 },
    extraNotices: { ACTIVIST: { workingDays: 7 }, ACCEPTANCE: { workingDays: 5 } },
    slas: { activistFiling: 1 },
    documents: { 1: ['身份证复印件'] },
  };

  it('adds requirements and tightens limits', () => {
    const rules = applyOverlays(national, [county]);
    expect(rules.overlays).toEqual(['demo-county']);
    expect(rules.acceptanceApproval).toMatchObject({ withinMonths: 2, capMonths: 6 });
    expect(rules.training).toMatchObject({ minimumDays: 3, minimumClassHours: 32 });
    expect(rules.extraNotices).toEqual({
      ACTIVIST: { workingDays: 7, source: '示范县实施办法' },
      ACCEPTANCE: { workingDays: 5, source: '示范县实施办法' },
    });
    expect(rules.slas).toEqual({ activistFiling: { months: 1, source: '示范县实施办法' } });
    expect(rules.documents).toEqual({ 1: ['身份证复印件'] });
  });

  it('keeps the stricter of two overlays and merges documents', () => {
    const school: LocalOverlay = {
      id: 'school',
      name: '学校细则',
      extraNotices: { ACTIVIST: { workingDays: 5 }, CONVERSION: { workingDays: 5 } },
      slas: { activistFiling: 2, preReview: 1 },
      documents: { 1: ['身份证复印件', '团员推优表'] },
    };
    const rules = applyOverlays(national, [county, school]);
    expect(rules.extraNotices.ACTIVIST).toEqual({ workingDays: 7, source: '示范县实施办法' });
    expect(rules.extraNotices.CONVERSION).toEqual({ workingDays: 5, source: '学校细则' });
    expect(rules.slas).toEqual({
      activistFiling: { months: 1, source: '示范县实施办法' },
      preReview: { months: 1, source: '学校细则' },
    });
    expect(rules.documents[1]).toEqual(['身份证复印件', '团员推优表']);
  });

  it('may add a deadline the rule set lacks (a 2014 oath limit)', () => {
    expect(
      applyOverlays(memberRuleSet('2014'), [{ id: 'o', name: 'o', deadlines: { oath: 1 } }]).oath
        .withinMonths,
    ).toBe(1);
  });

  it.each<[string, LocalOverlay]>([
    ['a longer approval deadline', { id: 'x', name: 'x', deadlines: { acceptanceApproval: 4 } }],
    ['a longer talk deadline', { id: 'x', name: 'x', deadlines: { talk: 2 } }],
    ['a zero deadline', { id: 'x', name: 'x', deadlines: { oath: 0 } }],
    ['a shorter cultivation', { id: 'x', name: 'x', minimums: { cultivationYears: 0.5 } }],
    ['fewer training days', { id: 'x', name: 'x', minimums: { trainingDays: 2 } }],
    [
      'a shorter development-target notice',
      { id: 'x', name: 'x', minimums: { developmentTargetNoticeWorkingDays: 3 } },
    ],
  ])('refuses %s', (_label, overlay) => {
    expect(() => applyOverlays(national, [overlay])).toThrow(RuleViolationError);
    try {
      applyOverlays(national, [overlay]);
    } catch (error) {
      expect((error as RuleViolationError).violation.code).toBe('OVERLAY_RELAXES_NATIONAL_RULE');
    }
  });
});
