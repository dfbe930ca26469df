import { type LocalDate } from '../kernel/time/local-date';
import {
  DEFAULT_RESERVE_POLICY,
  ageOutDate,
  capacityShortfalls,
  checkReserveEntry,
  checkReviewOutcome,
} from './reserve-pool';

const on = '2026-11-21' as LocalDate;
const candidate = {
  birthDate: '1995-06-01',
  education: 'JUNIOR_COLLEGE' as const,
  category: 'LOCAL_GRADUATE' as const,
  negativeRecords: [],
  recommendations: 2,
};

describe('reserve pool (村两委后备库)', () => {
  it('admits a recommended local graduate and lists every reason to refuse another', () => {
    expect(checkReserveEntry(candidate, DEFAULT_RESERVE_POLICY, on)).toEqual([]);
    expect(
      checkReserveEntry(
        {
          ...candidate,
          birthDate: '1980-01-01',
          education: 'SENIOR_HIGH',
          recommendations: 0,
          negativeRecords: [{ item: 'GAMBLING_SUPERSTITION', date: '2024-01-01' as LocalDate }],
        },
        DEFAULT_RESERVE_POLICY,
        on,
      ).map((v) => v.code),
    ).toEqual([
      'RESERVE_AGE_OVER_LIMIT',
      'RESERVE_EDUCATION_BELOW_MINIMUM',
      'RESERVE_NEGATIVE_LIST',
      'RESERVE_NOT_RECOMMENDED',
    ]);
  });

  it('ages a reservist out on the 36th birthday', () => {
    expect(ageOutDate('1990-11-21', DEFAULT_RESERVE_POLICY)).toBe('2026-11-21');
  });

  it('reviews only entries still in the pool, and removes only with a reason', () => {
    expect(checkReviewOutcome('ACTIVE', { kind: 'RETAIN' })).toEqual([]);
    expect(checkReviewOutcome('ACTIVE', { kind: 'REMOVE', reason: ' ' })[0]?.code).toBe('REASON_REQUIRED');
    expect(checkReviewOutcome('USED', { kind: 'RETAIN' })[0]?.code).toBe('RESERVE_ENTRY_NOT_ACTIVE');
  });

  it('finds the villages short of reservists for their posts', () => {
    expect(
      capacityShortfalls(
        [
          { id: 'v1', posts: 3, activeReservists: 6 },
          { id: 'v2', posts: 3, activeReservists: 4 },
          { id: 'v3', posts: 0, activeReservists: 1 },
        ],
        DEFAULT_RESERVE_POLICY,
      ),
    ).toEqual([
      { villageId: 'v2', required: 6, active: 4, shortfall: 2 },
      { villageId: 'v3', required: 2, active: 1, shortfall: 1 },
    ]);
  });
});
