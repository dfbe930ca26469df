import { checkQuotaAllocation, isTargetMetric, rollUp } from './metrics';

describe('checkQuotaAllocation', () => {
  const codes = (allocation: Parameters<typeof checkQuotaAllocation>[0]) =>
    checkQuotaAllocation(allocation).map((v) => v.code);

  it('allows a unit up to what its parent has left, and no less than it has passed on', () => {
    expect(codes({ quota: 200, parentQuota: 500, siblingsAllocated: 300, childrenAllocated: 0 })).toEqual([]);
    expect(codes({ quota: 201, parentQuota: 500, siblingsAllocated: 300, childrenAllocated: 0 })).toEqual([
      'QUOTA_EXCEEDS_PARENT',
    ]);
    expect(codes({ quota: 499, parentQuota: null, siblingsAllocated: 0, childrenAllocated: 500 })).toEqual([
      'QUOTA_BELOW_ALLOCATED',
    ]);
    expect(codes({ quota: 500, parentQuota: null, siblingsAllocated: 0, childrenAllocated: 500 })).toEqual(
      [],
    );
    expect(codes({ quota: -1, parentQuota: null, siblingsAllocated: 0, childrenAllocated: 0 })).toEqual([
      'QUOTA_INVALID',
    ]);
    expect(codes({ quota: 1.5, parentQuota: null, siblingsAllocated: 0, childrenAllocated: 0 })).toEqual([
      'QUOTA_INVALID',
    ]);
  });

  it('knows the metrics and rolls an event up every ancestor once', () => {
    expect(isTargetMetric('activists')).toBe(true);
    expect(isTargetMetric('votes')).toBe(false);
    expect(rollUp(['a', 'b', 'b'], 2026, 'activists')).toEqual([
      { orgUnitId: 'a', year: 2026, metric: 'activists', delta: 1 },
      { orgUnitId: 'b', year: 2026, metric: 'activists', delta: 1 },
    ]);
  });
});
