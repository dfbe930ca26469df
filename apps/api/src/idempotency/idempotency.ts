import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { type Request } from 'express';

import { ProblemError } from '@app/config';
import { type IdempotencyScope, canonicalJson, nameBasedUuid } from '@app/persistence';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Printable ASCII, no leading or trailing space: what clients generate (UUIDs, tokens) and logs show safely. */
const KEY_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** What the OpenAPI document says about the header, on every endpoint that takes it. */
export const IDEMPOTENCY_KEY_SEMANTICS =
  'Retrying the same request with the same key is answered like the first and records nothing twice ' +
  '(also when the retries run concurrently). The key belongs to the caller (token subject and Acting-For ' +
  'delegation) and to the first request it came with (endpoint, path and body): the same key with another ' +
  "request answers 422 IDEMPOTENCY_KEY_REUSED and records nothing; another caller's key is theirs alone. " +
  'A request refused by the rules records nothing and leaves its key free. At most 200 printable ASCII ' +
  'characters (else 400 IDEMPOTENCY_KEY_INVALID).';

/** The header's value, checked: undefined when absent (400 when `required`), 400 when malformed. */
export function checkedIdempotencyKey(
  value: string | string[] | undefined,
  required = false,
): string | undefined {
  if (value === undefined) {
    if (!required) return undefined;
    throw new ProblemError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      '缺少幂等键',
      `this endpoint needs an Idempotency-Key header (at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters) so that a retry records nothing twice`,
    );
  }
  const key = Array.isArray(value) ? value.join(', ') : value;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new ProblemError(
      400,
      'IDEMPOTENCY_KEY_INVALID',
      '幂等键格式不正确',
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`,
    );
  }
  return key;
}

/** The request's Idempotency-Key header, checked (see checkedIdempotencyKey). */
export const IdempotencyKey = createParamDecorator(
  (required: boolean | undefined, context: ExecutionContext): string | undefined =>
    checkedIdempotencyKey(
      context.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER],
      required === true,
    ),
);

/** Documents the header (OpenAPI) with the one set of semantics every idempotent endpoint has. */
export function ApiIdempotencyKey(required = false): MethodDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required,
    description: IDEMPOTENCY_KEY_SEMANTICS,
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
      pattern: KEY_PATTERN.source,
    },
  });
}

/**
 * What makes two requests "the same request": the endpoint, its path parameters and the body, as canonical
 * text. Bodies carry ID numbers, so what is stored is a keyed hash of it (IdempotencyService), never a plain
 * one: the few thousand numbers that fit a birth date would give a plain hash away.
 */
export function canonicalRequest(endpoint: string, request: unknown): string {
  return canonicalJson({ endpoint, request });
}

/**
 * One caller's key on one request, as a token: ids and Temporal update ids derived from it are the same on
 * every retry of that request and differ for any other caller, delegation, endpoint, key or request.
 */
export class IdempotencyToken {
  readonly value: string;

  constructor(scope: IdempotencyScope, fingerprint: string) {
    this.value = createHash('sha256')
      .update(canonicalJson({ ...scope, fingerprint }))
      .digest('hex');
  }

  /** The id of the resource this request creates (e.g. `id('cadre-case')`). */
  id(namespace: string): string {
    return nameBasedUuid(`${namespace}:${this.value}`);
  }

  /** The Temporal update id of this request's action (Temporal answers a repeated update id once). */
  updateId(action: string): string {
    return `${action}:${this.value}`;
  }
}

export function idempotencyKeyReused(endpoint: string): ProblemError {
  return new ProblemError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    '幂等键已用于另一请求',
    `this Idempotency-Key was used with a different request to ${endpoint}; send a new key for a new request`,
  );
}
