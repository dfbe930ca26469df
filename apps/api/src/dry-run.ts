import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { type Request } from 'express';

import { ProblemError } from '@app/config';

/**
 * How a checked action is sent to its case: recorded (under the update id that makes a retry answer rather
 * than record again), or tried: the same checks and the same answer, nothing recorded.
 */
export type Submission = { readonly updateId: string | undefined } | { readonly dryRun: true };

export const DRY_RUN: Submission = { dryRun: true };

export const isDryRun = (submission: Submission): submission is { readonly dryRun: true } =>
  'dryRun' in submission;

/** The `dryRun` query parameter: `true` or `false` (absent: false); anything else is 400. */
export const DryRun = createParamDecorator((_: unknown, context: ExecutionContext): boolean => {
  const value = context.switchToHttp().getRequest<Request>().query['dryRun'];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ProblemError(
    400,
    'REQUEST_VALIDATION_FAILED',
    '请求参数不正确',
    'dryRun: must be true or false',
    {
      errors: [{ field: 'dryRun', message: 'must be true or false' }],
    },
  );
});

/** Documents `dryRun` on an action endpoint. */
export function ApiDryRun(): MethodDecorator {
  return ApiQuery({
    name: 'dryRun',
    required: false,
    type: Boolean,
    description:
      'true: check the action exactly as recording it would (body, authority, rules, dates) and answer what ' +
      'recording it now would answer — the case after it, or the same problem — recording nothing. ' +
      'No Idempotency-Key is needed or used.',
  });
}
