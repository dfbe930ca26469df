import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { type ValidationError } from 'class-validator';
import { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';

import { RequestValidationError } from './problem';

/** Response header (and accepted request header) carrying the id every log line of the request shares. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's own request id is kept when it is a short token; anything else is replaced. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives the request its id (the caller's, when well-formed) before anything logs, and echoes it back. */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const offered = request.headers[REQUEST_ID_HEADER];
  // pino-http takes request.id as the id of every log line of the request.
  request.id = typeof offered === 'string' && CALLER_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', String(request.id));
  next();
}

/** Responses may carry personal data: no shared or browser cache may keep them. */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

/** An error the problem filter answers with its status (same shape as body-parser's http-errors). */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  readonly expose = true;
  readonly type = 'media-type.unsupported';
}

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** Spreadsheet files (CSV, xlsx): the only non-JSON bodies, taken by file import routes alone. */
export const FILE_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
const FILE_MEDIA_TYPE =
  /^(text\/csv|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\s*(;|$)/i;
/** Routes that import a file: `POST …/imports/<what>` (e.g. /v1/org-units/{id}/imports/roster). */
export const FILE_IMPORT_PATH = /\/imports\/[a-z-]+\/?$/;

/**
 * A request with a body must send JSON: any other media type is refused (415) before it is parsed. File import
 * routes also take a CSV or xlsx file (parsed raw, under their own size limit).
 */
export function jsonBodiesOnly(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
  const type = request.headers['content-type'];
  const file = type !== undefined && FILE_MEDIA_TYPE.test(type) && FILE_IMPORT_PATH.test(request.path);
  if (hasBody && !file && !(type && JSON_MEDIA_TYPE.test(type))) {
    next(
      new UnsupportedMediaTypeError(`send the body as application/json (got ${type ?? 'no content type'})`),
    );
    return;
  }
  next();
}

/** Malformed JSON, as a client error of its own (Nest would turn the parser's SyntaxError into a bare 400). */
export class MalformedJsonError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.parse.failed';
}

/** Error middleware right after the JSON parser: its syntax errors become MalformedJsonError, others pass. */
export function reframeParseErrors(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const parseFailed =
    error instanceof SyntaxError &&
    (error as SyntaxError & { type?: unknown }).type === 'entity.parse.failed';
  next(parseFailed ? new MalformedJsonError(`the body is not valid JSON: ${error.message}`) : error);
}

/** Deeper JSON than any request of this API needs; deeper bodies are refused before validation recurses. */
export const MAX_INPUT_DEPTH = 32;
/**
 * Text PostgreSQL cannot store (NUL), that is not valid Unicode (a lone UTF-16 surrogate), or control
 * characters other than tab and line breaks: refused at the edge, so it never reaches a workflow or a table.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */

/** Field paths of unsafe input, walked without recursion (so nesting cannot overflow the stack). */
export function unsafeInput(value: unknown, root = ''): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
  while (pending.length > 0 && found.length < 20) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (UNSAFE_TEXT.test(current)) {
        found.push({
          field: path || '(body)',
          message: '含有不可存储的字符 (NUL, control characters or invalid Unicode)',
        });
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      found.push({ field: path || '(body)', message: `nested deeper than ${MAX_INPUT_DEPTH} levels` });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (UNSAFE_TEXT.test(key)) {
        found.push({ field: join(path, '(key)'), message: '属性名含有不可存储的字符' });
        continue;
      }
      pending.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return found;
}

/**
 * First global pipe: refuses unsafe text and over-deep nesting in bodies, queries and path parameters with the
 * same 400 problem as any validation failure, before class-transformer and class-validator walk the input.
 */
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const found = unsafeInput(value, root);
    if (found.length === 0) return value;
    throw new RequestValidationError(
      found.map(({ field, message }): ValidationError => ({
        property: field,
        constraints: { safeInput: message },
        children: [],
      })),
    );
  }
}
