import { ApplicationFailure } from '@temporalio/common';

import { RuleViolationError } from '@app/domain';
import { DATA_ERROR_FAILURE, type DataErrorDetails } from '@app/workflows/shared/recording-failure';
import { ruleViolationFailure } from '@app/workflows/shared/rule-violation-failure';

/**
 * Prisma's codes for input it or the database refuses as such: too long (P2000), a foreign key or a constraint
 * (P2003, P2004), an invalid stored or provided value (P2005–P2007), an invalid query (P2008, P2009), a null
 * (P2011, P2012), a missing argument (P2013), a relation (P2014), an input error (P2019), out of range (P2020),
 * inconsistent data (P2023), a number that does not fit (P2033). Retrying sends the same data again.
 */
const PRISMA_DATA_CODES = new Set([
  'P2000',
  'P2003',
  'P2004',
  'P2005',
  'P2006',
  'P2007',
  'P2008',
  'P2009',
  'P2011',
  'P2012',
  'P2013',
  'P2014',
  'P2019',
  'P2020',
  'P2023',
  'P2033',
]);

/** What little is safe to say about a SQLSTATE (the database's own message may quote the value). */
const SQLSTATE_REASONS: Readonly<Record<string, string>> = {
  '22001': 'value too long',
  '22003': 'numeric value out of range',
  '22007': 'invalid date or time',
  '22008': 'date or time out of range',
  '22021': 'invalid byte sequence (a NUL byte or invalid UTF-8)',
  '22P02': 'invalid text representation',
  '22P05': 'untranslatable character (a NUL byte or a lone surrogate in JSON)',
  '23502': 'a required value is missing',
  '23503': 'a referenced row does not exist',
  '23514': 'a check constraint is violated',
};

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/**
 * The PostgreSQL SQLSTATE behind an error: node-postgres errors carry it as `code` (with a `severity`), Prisma's
 * driver adapter as `meta.driverAdapterError.cause.originalCode` (or `.code` for errors it does not map).
 */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current: unknown = error; isRecord(current); current = current.cause) {
    const adapter = isRecord(current.meta) ? current.meta.driverAdapterError : undefined;
    const cause = isRecord(adapter) && isRecord(adapter.cause) ? adapter.cause : undefined;
    if (cause) {
      if (typeof cause.originalCode === 'string') return cause.originalCode;
      if (cause.kind === 'postgres' && typeof cause.code === 'string') return cause.code;
    }
    if (
      typeof current.code === 'string' &&
      /^[0-9A-Z]{5}$/.test(current.code) &&
      typeof current.severity === 'string'
    ) {
      return current.code;
    }
  }
  return undefined;
}

/** Prisma's own error code (P2xxx) of an error or its causes. */
function prismaCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error; isRecord(current); current = current.cause) {
    if (typeof current.code === 'string' && /^P\d{4}$/.test(current.code)) return current.code;
  }
  return undefined;
}

const isValidationError = (error: unknown): boolean =>
  isRecord(error) && error.name === 'PrismaClientValidationError';

/**
 * Whether no retry can store the data: a data exception (SQLSTATE class 22) or an integrity violation (class 23)
 * other than a unique violation (23505: the repositories settle idempotency conflicts by retrying and reading
 * what the first attempt wrote), Prisma's data codes, or a query Prisma refused to build from the data.
 * Everything else (connections, serialization failures 40001, deadlocks 40P01, timeouts, bugs) may pass and
 * is retried by the workflow's retry policy.
 */
export function dataErrorDetails(error: unknown): DataErrorDetails | undefined {
  const sqlState = sqlStateOf(error);
  const prismaCode = prismaCodeOf(error);
  const refused = sqlState
    ? sqlState.startsWith('22') || (sqlState.startsWith('23') && sqlState !== '23505')
    : (prismaCode !== undefined && PRISMA_DATA_CODES.has(prismaCode)) || isValidationError(error);
  return refused ? { sqlState: sqlState ?? null, prismaCode: prismaCode ?? null } : undefined;
}

/**
 * The one classification of every activity's errors (installed as an activity interceptor by the worker): a
 * broken rule and data the database refuses become non-retryable failures of stable types the workflows and the
 * API read (RuleViolation, DataError); anything else is thrown as it is and retried.
 */
export function activityFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof RuleViolationError) return ruleViolationFailure(error.violation);
  const details = dataErrorDetails(error);
  if (!details) return error;
  const reason = (details.sqlState && SQLSTATE_REASONS[details.sqlState]) ?? 'the data cannot be stored';
  const code = details.sqlState ? `SQLSTATE ${details.sqlState}` : (details.prismaCode ?? 'validation');
  return ApplicationFailure.create({
    type: DATA_ERROR_FAILURE,
    message: `the database refused the data: ${reason} (${code})`,
    details: [details],
    nonRetryable: true,
  });
}

/**
 * An activities object with every function's failures classified by `activityFailure`: the one place the worker's
 * activities are bound (each create…Activities), so a new activity is covered without doing anything.
 */
export function classifyFailures<T extends object>(activities: T): T {
  const entries = Object.entries(activities as Record<string, (...args: unknown[]) => Promise<unknown>>);
  return Object.fromEntries(
    entries.map(([name, run]) => [
      name,
      async (...args: unknown[]): Promise<unknown> => {
        try {
          return await run(...args);
        } catch (error) {
          throw activityFailure(error);
        }
      },
    ]),
  ) as T;
}
