import { RuleViolationError } from '../kernel/rules/rule-violation';
import { LOCAL_OVERLAYS, overlaysFor } from './overlays';
import { MEMBER_RULE_SETS, applyOverlays } from './rule-sets';

describe('local overlays', () => {
  it.each(LOCAL_OVERLAYS.map((entry) => [entry.overlay.id, entry] as const))(
    '%s only tightens every rule set',
    (_id, entry) => {
      for (const ruleSet of MEMBER_RULE_SETS)
        expect(() => applyOverlays(ruleSet, [entry.overlay])).not.toThrow(RuleViolationError);
    },
  );

  it('applies the overlays of every ancestor, outermost first', () => {
    const registry = [
      { orgUnitCode: 'DX', overlay: { id: 'county', name: '县' } },
      { orgUnitCode: 'DX-DZ', overlay: { id: 'township', name: '镇' } },
      { orgUnitCode: 'DX-XZ', overlay: { id: 'other', name: '另一镇' } },
    ];
    expect(overlaysFor(['DX', 'DX-DZ', 'DX-DZ-DC-B1'], registry).map((o) => o.id)).toEqual([
      'county',
      'township',
    ]);
    expect(overlaysFor(['ELSEWHERE'], registry)).toEqual([]);
  });
});
