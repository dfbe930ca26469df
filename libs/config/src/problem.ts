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

import { type ProblemDetails, type ProblemViolation } from '@app/contracts';
import {
  CASE_KIND_OF,
  CaseAlreadyOpen,
  type CaseKind,
  CaseNotFound,
  type CasePipeline,
  CaseClosed,
  CaseRulesBroken,
  DomainError,
  EngineTimeout,
  EngineUnavailable,
  RecordingDelayed,
  RecordingNotCompleted,
  RecordingRejected,
  ReviewScheduleNotFound,
  type RuleViolation,
  RuleViolationError,
} from '@app/domain';

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

  /**
   * Broken rules as a problem titled by the regulation they come from; the first one gives code and detail. Each
   * is listed as the problem document has it (problemViolation): with the body field it concerns, if any.
   */
  static fromViolations(
    rules: RuleSource,
    violations: readonly RuleViolation[],
    status = HttpStatus.UNPROCESSABLE_ENTITY,
  ): ProblemError {
    const first = violations[0]!;
    return new ProblemError(status, first.code, VIOLATION_TITLES[rules], first.message, {
      article: first.article,
      violations: violations.map(problemViolation),
    });
  }
}

/**
 * A violation as problem documents list it: code, article, message and the body field it concerns (absent when
 * it concerns none); nothing else it carries (the record it ran into is disclosed, if at all, by the edge).
 */
export function problemViolation({ code, article, message, field }: RuleViolation): ProblemViolation {
  return field === undefined ? { code, article, message } : { code, article, message, field };
}

/**
 * The codes of each pipeline's broken rules that are conflicts with the case as it stands (409), not requests a
 * rule forbids (422): acting on a closed case, an entry already open or closed, a review task already decided.
 */
const CONFLICT_CODES: Readonly<Record<CasePipeline, readonly string[]>> = {
  MEMBER_DEVELOPMENT: ['CASE_CLOSED'],
  CADRE_RECRUITMENT: ['CASE_CLOSED'],
  RESERVE_POOL: ['RESERVE_ENTRY_ALREADY_OPEN', 'RESERVE_ENTRY_CLOSED', 'REVIEW_TASK_NOT_OPEN'],
};

/** How each kind of case is named in problems: its not-found code and title, and the field naming its id. */
const CASE_NAMES: Readonly<
  Record<CaseKind, { notFound: string; notFoundTitle: string; noun: string; field: 'caseId' | 'entryId' }>
> = {
  MEMBER_CASE: {
    notFound: 'MEMBER_CASE_NOT_FOUND',
    notFoundTitle: '案件不存在',
    noun: 'member case',
    field: 'caseId',
  },
  CADRE_CASE: {
    notFound: 'CADRE_CASE_NOT_FOUND',
    notFoundTitle: '案件不存在',
    noun: 'cadre case',
    field: 'caseId',
  },
  RESERVE_ENTRY: {
    notFound: 'RESERVE_ENTRY_NOT_FOUND',
    notFoundTitle: '后备力量不存在',
    noun: 'reserve entry',
    field: 'entryId',
  },
};

const ENTRY_CLOSED_TITLE = '该人员已出库、已使用或未入库';

/** A closed case as each pipeline has always answered it: starting its id again, or acting on it. */
function caseClosedProblem({ kind, id, attempt, status }: CaseClosed): ProblemError {
  switch (`${kind}:${attempt}` as const) {
    case 'MEMBER_CASE:REOPEN':
      return new ProblemError(
        409,
        'MEMBER_CASE_CLOSED',
        '案件已结束',
        `case ${id} has ended; it cannot be submitted again`,
        { caseId: id },
      );
    case 'MEMBER_CASE:ACT':
      return new ProblemError(409, 'CASE_NOT_OPEN', '案件不在办理中', `case ${id} is ${status ?? 'CLOSED'}`);
    case 'CADRE_CASE:REOPEN':
      return new ProblemError(409, 'CADRE_CASE_CLOSED', '案件已结束', `case ${id} has ended`);
    case 'CADRE_CASE:ACT':
      return new ProblemError(409, 'CASE_CLOSED', '案件已办结', `case ${id} is ${status ?? 'CLOSED'}`);
    case 'RESERVE_ENTRY:REOPEN':
      return new ProblemError(409, 'RESERVE_ENTRY_CLOSED', '该条目已结束', `entry ${id} has ended`);
    case 'RESERVE_ENTRY:ACT':
      return new ProblemError(
        409,
        'RESERVE_ENTRY_CLOSED',
        ENTRY_CLOSED_TITLE,
        status ? `entry is ${status}` : 'entry has closed',
      );
  }
}

/**
 * 409 for "the person already has an open case (entry)": the caller learns which one, as `caseId` (`entryId`)
 * and in the message, only when the service found they may read it (`disclosed`); anyone else gets the
 * conflict with nothing from the other case.
 */
function alreadyOpenProblem(error: CaseAlreadyOpen): ProblemError {
  const { violation: found, existingId: id, disclosed } = error;
  const shown: RuleViolation = {
    code: found.code,
    article: found.article,
    message: disclosed ? `${found.message}（${id}）` : found.message,
  };
  const problem = ProblemError.fromViolations(error.pipeline, [shown], 409);
  const field = CASE_NAMES[CASE_KIND_OF[error.pipeline]].field;
  return disclosed
    ? new ProblemError(409, problem.code, problem.title, problem.detail, { ...problem.extra, [field]: id })
    : problem;
}

/** The one mapping of domain errors to problem documents (the filter's, and the bulk results'). */
export function domainProblem(error: DomainError): ProblemError {
  if (error instanceof CaseRulesBroken) {
    const conflict = CONFLICT_CODES[error.pipeline].includes(error.violations[0].code);
    return ProblemError.fromViolations(error.pipeline, error.violations, conflict ? 409 : 422);
  }
  if (error instanceof CaseAlreadyOpen) return alreadyOpenProblem(error);
  if (error instanceof CaseNotFound) {
    const names = CASE_NAMES[error.kind];
    return new ProblemError(404, names.notFound, names.notFoundTitle, `no ${names.noun} ${error.id}`);
  }
  if (error instanceof CaseClosed) return caseClosedProblem(error);
  if (error instanceof RecordingDelayed) {
    return new ProblemError(
      503,
      'RECORDING_DELAYED',
      '申请已受理，正在记录',
      'The case was not recorded in time; retry with the same Idempotency-Key to get it.',
      { [CASE_NAMES[error.kind].field]: error.id },
    );
  }
  if (error instanceof RecordingRejected) {
    const { sqlState, prismaCode } = error.refusal;
    const code = sqlState ?? prismaCode;
    return new ProblemError(
      422,
      'RECORDING_REJECTED',
      '数据无法保存',
      `The database refused the data${code ? ` (${code})` : ''}; nothing was recorded. Correct it and send ` +
        'it again.',
      { sqlState },
    );
  }
  if (error instanceof RecordingNotCompleted) {
    return new ProblemError(
      503,
      'RECORDING_FAILED',
      '暂时无法记录',
      'Recording the step kept failing and was given up; the case is as it was. Send it again later.',
    );
  }
  if (error instanceof EngineTimeout) {
    return new ProblemError(
      504,
      'TEMPORAL_TIMEOUT',
      '工作流服务未及时应答',
      `Temporal did not answer within ${error.timeoutMs} ms. The request may still take effect: send it again ` +
        'with the same Idempotency-Key to learn the outcome.',
      { retryAfter: 5 },
    );
  }
  if (error instanceof EngineUnavailable) {
    return new ProblemError(
      503,
      'TEMPORAL_UNAVAILABLE',
      '工作流服务暂不可用',
      'Temporal cannot be reached right now; nothing was done. Try again later.',
      { retryAfter: 10 },
    );
  }
  if (error instanceof ReviewScheduleNotFound) {
    return new ProblemError(
      404,
      'REVIEW_SCHEDULE_NOT_FOUND',
      '未设置分析研判计划',
      `no review schedule for ${error.townshipCode}`,
    );
  }
  throw new Error(`no problem document for ${error.name}`);
}

/** The problem an error answers with when it is one the edge knows (a ProblemError, a domain error). */
export function problemOf(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof RuleViolationError) return ProblemError.fromViolations('GENERAL', [error.violation]);
  return undefined;
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
    const known = problemOf(exception);
    if (known) return { ...base(known.status, known.code, known.title, known.detail), ...known.extra };
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
