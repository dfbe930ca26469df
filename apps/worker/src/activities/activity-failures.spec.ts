import { ApplicationFailure } from '@temporalio/common';

import { RuleViolationError, violation } from '@app/domain';
import { DATA_ERROR_FAILURE } from '@app/workflows/shared/recording-failure';
import { RULE_VIOLATION_FAILURE } from '@app/workflows/shared/rule-violation-failure';

import { activityFailure, classifyFailures, sqlStateOf } from './activity-failures';

/** An error shaped as Prisma 7 throws it through the pg driver adapter (PrismaClientKnownRequestError). */
function prismaError(code: string, originalCode?: string, message = 'Database error'): Error {
  const error = new Error(message) as Error & { code: string; meta: unknown };
  error.name = 'PrismaClientKnownRequestError';
  error.code = code;
  if (originalCode) {
    const adapterError = new Error('driver adapter error') as Error & { cause: unknown };
    adapterError.name = 'DriverAdapterError';
    adapterError.cause = { kind: 'postgres', code: originalCode, originalCode, originalMessage: message };
    error.meta = { driverAdapterError: adapterError };
  }
  return error;
}

/** An error as node-postgres throws it (DatabaseError), e.g. from the pool's raw queries. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('activityFailure', () => {
  it.each([
    ['a NUL byte in text (22021)', prismaError('P2039', '22021', 'invalid byte sequence for "UTF8": 0x00')],
    ['a NUL byte in JSON (22P05)', prismaError('P2039', '22P05')],
    ['a value too long (22001, P2000)', prismaError('P2000', '22001')],
    ['a missing value (23502, P2011)', prismaError('P2011', '23502')],
    ['a check constraint (23514)', prismaError('P2039', '23514')],
    ['a foreign key (23503, P2003)', prismaError('P2003', '23503')],
    ['a raw query refused (22P02, P2010)', prismaError('P2010', '22P02')],
    ['a pg error (22P02)', pgError('22P02', 'invalid input syntax for type uuid: "320602199901011234"')],
    ['Prisma refusing a value (P2007)', prismaError('P2007')],
    [
      'Prisma refusing the query',
      Object.assign(new Error('Invalid value'), { name: 'PrismaClientValidationError' }),
    ],
  ])('makes %s a non-retryable DataError', (_label, error) => {
    const failure = activityFailure(error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: DATA_ERROR_FAILURE, nonRetryable: true });
  });

  it('names the SQLSTATE and no stored value (the database message may quote personal data)', () => {
    const failure = activityFailure(
      pgError('22P02', 'invalid input syntax for type uuid: "320602199901011234"'),
    ) as ApplicationFailure;
    expect(failure.message).toContain('SQLSTATE 22P02');
    expect(failure.message).not.toContain('320602199901011234');
    expect(failure.details).toEqual([{ sqlState: '22P02', prismaCode: null }]);
  });

  it.each([
    ['a unique violation the repositories settle on retry (23505, P2002)', prismaError('P2002', '23505')],
    ['a serialization failure (40001)', prismaError('P2034', '40001')],
    ['a deadlock (40P01)', prismaError('P2034', '40P01')],
    ['an unreachable database (P1001)', prismaError('P1001')],
    ['a pool timeout (P2024)', prismaError('P2024')],
    ['a connection lost (08006)', pgError('08006', 'connection failure')],
    ['a statement cancelled by a timeout (57014)', pgError('57014', 'canceling statement')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('leaves %s to the retry policy', (_label, error) => {
    expect(activityFailure(error)).toBe(error);
  });

  it('makes a broken rule a RuleViolation failure and passes failures already made', () => {
    const broken = violation('BRANCH_UNKNOWN', null, '受理申请的党支部不存在');
    expect(activityFailure(new RuleViolationError(broken))).toMatchObject({
      type: RULE_VIOLATION_FAILURE,
      nonRetryable: true,
      details: [broken],
    });
    const made = ApplicationFailure.nonRetryable('already classified', 'Custom');
    expect(activityFailure(made)).toBe(made);
  });

  it('reads the SQLSTATE through causes', () => {
    expect(sqlStateOf(new Error('wrapped', { cause: prismaError('P2039', '22021') }))).toBe('22021');
    expect(sqlStateOf(new Error('no database here'))).toBeUndefined();
  });
});

describe('classifyFailures', () => {
  it('classifies what every bound activity throws and passes results through', async () => {
    const activities = classifyFailures({
      ok: (value: number) => Promise.resolve(value + 1),
      poisoned: () => Promise.reject(prismaError('P2039', '22021')),
      transient: () => Promise.reject(prismaError('P1001')),
    });
    await expect(activities.ok(1)).resolves.toBe(2);
    await expect(activities.poisoned()).rejects.toMatchObject({ type: DATA_ERROR_FAILURE });
    await expect(activities.transient()).rejects.toMatchObject({ code: 'P1001' });
  });
});
