import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type ValidationError } from 'class-validator';
import { type Request, type Response } from 'express';

import { type ProblemDetails } from '@app/contracts';
import { type RuleViolation, RuleViolationError } from '@app/domain';

/** An error that already knows its problem response (HTTP status, stable code, article). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ProblemError';
  }

  /** 422 for rule violations: the request was understood but a regulation forbids it. */
  static fromViolations(
    violations: readonly RuleViolation[],
    status = HttpStatus.UNPROCESSABLE_ENTITY,
  ): ProblemError {
    const first = violations[0]!;
    return new ProblemError(status, first.code, '违反发展党员工作规定', first.message, {
      article: first.article,
      violations,
    });
  }
}

/** Class-validator failures, flattened to "field: message". */
export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: readonly ValidationError[]) {
    super('request validation failed');
  }
}

/** Class-validator failures as `{ field, message }`, nested fields dotted. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  prefix = '',
): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], `${field}.`)];
  });
}

/** Maps every error to an RFC 9457 problem response (application/problem+json). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    const base = (status: number, code: string, title: string, detail: string): ProblemDetails => ({
      type: `urn:xianfeng:problem:${code}`,
      title,
      status,
      detail,
      instance,
      code,
    });
    if (exception instanceof ProblemError) {
      return {
        ...base(exception.status, exception.code, exception.title, exception.detail),
        ...exception.extra,
      };
    }
    if (exception instanceof RuleViolationError) {
      const error = ProblemError.fromViolations([exception.violation]);
      return { ...base(error.status, error.code, error.title, error.detail), ...error.extra };
    }
    if (exception instanceof RequestValidationError) {
      const errors = flattenValidationErrors(exception.errors);
      return {
        ...base(
          400,
          'REQUEST_VALIDATION_FAILED',
          '请求参数不正确',
          errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        ),
        errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`;
      return base(status, code, HttpStatus[status] ?? 'Error', exception.message);
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return base(
      500,
      'INTERNAL_ERROR',
      'Internal Server Error',
      'An unexpected error occurred; it has been logged.',
    );
  }
}
