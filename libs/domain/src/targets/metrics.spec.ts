import { checkQuotaAllocation, isTargetMetric, newMemberStructureMetrics, rollUp } from './metrics';

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

describe('newMemberStructureMetrics (党内统计 structure of the new members)', () => {
  const base = { gender: 'MALE' as const, birthDate: '1980-01-01' };
  it('counts each recorded fact, and nothing for facts never recorded', () => {
    expect(newMemberStructureMetrics(base, '2026-11-21')).toEqual([]);
    expect(
      newMemberStructureMetrics(
        {
          gender: 'FEMALE',
          birthDate: '1995-01-01',
          education: 'JUNIOR_COLLEGE',
          occupation: 'FARMER_HERDER_FISHER',
          frontLine: true,
          newSector: true,
          ethnicMinority: true,
        },
        '2026-11-21',
      ),
    ).toEqual([
      'new-probationary-members-female',
      'new-probationary-members-aged-35-or-under',
      'new-probationary-members-high-school-or-above',
      'new-probationary-members-college-or-above',
      'new-probationary-members-front-line',
      'new-probationary-members-farmers-herders-fishers',
      'new-probationary-members-new-sectors',
      'new-probationary-members-ethnic-minority',
    ]);
  });

  it('ranks 中专 with 高中: high school or above, not college', () => {
    expect(newMemberStructureMetrics({ ...base, education: 'SECONDARY_VOCATIONAL' }, '2026-11-21')).toEqual([
      'new-probationary-members-high-school-or-above',
    ]);
    expect(
      newMemberStructureMetrics({ ...base, education: 'JUNIOR_HIGH', frontLine: false }, '2026-11-21'),
    ).toEqual([]);
  });
});
