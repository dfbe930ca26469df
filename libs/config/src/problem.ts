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
/** The body of rules a violation comes from, which titles its problem document. */
export const VIOLATION_TITLES = {
  MEMBER_DEVELOPMENT: '违反发展党员工作规定',
  CADRE_RECRUITMENT: '违反村干部招引工作规定',
  RESERVE_POOL: '违反村级后备力量管理规定',
  DELEGATION: '授权委托不符合规定',
  TARGETS: '违反目标管理规定',
  /** What the request names does not exist or is not what the step needs (an org unit, a programme). */
  REFERENCE: '请求所指对象不符合要求',
  /** A rule broken where the edge cannot tell which body of rules it belongs to. */
  GENERAL: '违反工作规定',
} as const;
export type RuleSource = keyof typeof VIOLATION_TITLES;

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
  /** Broken rules as a problem titled by the regulation they come from; the first one gives code and detail. */
  static fromViolations(
    rules: RuleSource,
    violations: readonly RuleViolation[],
    status = HttpStatus.UNPROCESSABLE_ENTITY,
  ): ProblemError {
    const first = violations[0]!;
    return new ProblemError(status, first.code, VIOLATION_TITLES[rules], first.message, {
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

/** Stable codes for the HTTP statuses the framework itself answers. */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};
/** Codes for the body parser's refusals (its http-errors carry a `type`). */
const CLIENT_ERROR_CODES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
  'encoding.unsupported': 'UNSUPPORTED_CONTENT_ENCODING',
  'media-type.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'REQUEST_ABORTED',
  'request.size.invalid': 'REQUEST_SIZE_INVALID',
  'stream.encoding.set': 'BAD_REQUEST',
};

/**
 * A client error raised by Express middleware (body-parser's http-errors, or the edge's own refusals): an
 * Error with a 4xx `status` that is safe to show (`expose`). Anything else stays an internal error.
 */
function clientHttpError(exception: unknown): { status: number; type?: string; message: string } | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, expose, type } = exception as Error & {
    status?: unknown;
    expose?: unknown;
    type?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  return { status, type: typeof type === 'string' ? type : undefined, message: exception.message };
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
    const requestId = (request as Request & { id?: unknown }).id;
    const body = typeof requestId === 'string' ? { ...problem, requestId } : problem;
    // A problem that says when to come back (429, 503) says it in the standard header too.
    if (typeof problem.retryAfter === 'number') response.setHeader('Retry-After', String(problem.retryAfter));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
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
      const error = ProblemError.fromViolations('GENERAL', [exception.violation]);
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
      return base(
        status,
        STATUS_CODES[status] ?? `HTTP_${status}`,
        HttpStatus[status] ?? 'Error',
        exception.message,
      );
    }
    const client = clientHttpError(exception);
    if (client) {
      return base(
        client.status,
        CLIENT_ERROR_CODES[client.type ?? ''] ?? STATUS_CODES[client.status] ?? `HTTP_${client.status}`,
        HttpStatus[client.status] ?? 'Error',
        client.message,
      );
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
