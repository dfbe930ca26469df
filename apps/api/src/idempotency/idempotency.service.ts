import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { problemOf } from '@app/config';
import { type Principal } from '@app/domain';
import { IdempotencyKeysRepository, type IdempotencyScope, PersonIdProtector } from '@app/persistence';

import { IdempotencyToken, canonicalRequest, idempotencyKeyReused } from './idempotency';

export interface IdempotentRequest {
  /** Method and route template, e.g. `POST /v1/cadre-cases/{id}/decision`. */
  readonly endpoint: string;
  /** Everything else that makes the request what it is: path parameters and the body. */
  readonly request: unknown;
  /** The resource it creates or acts on, kept with the key for the record. */
  readonly resourceId?: (token: IdempotencyToken) => string;
}

/** A request under a claimed Idempotency-Key: derive its ids and update ids from `token`. */
export class IdempotentCall {
  constructor(
    readonly token: IdempotencyToken,
    private readonly claimed: boolean,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * After the work failed: a refusal (a broken rule, a conflict, data the database refused: any problem with a
   * 4xx status) recorded nothing, so the key is freed for a corrected request, if this call claimed it. An
   * unknown outcome (a server down, a deadline, a defect) keeps it, so that the retry is answered once.
   */
  async failed(error: unknown): Promise<void> {
    const status = problemOf(error)?.status ?? 500;
    if (this.claimed && status >= 400 && status < 500) await this.release();
  }
}

/**
 * The one Idempotency-Key mechanism of every endpoint that takes the header. The key is claimed for the
 * caller (subject and Acting-For delegation), the endpoint and the request before any work starts: the same
 * request again gets the same token, so the same ids and Temporal update ids, and is answered once by
 * Temporal and the database; the same key with another request is refused with 422 IDEMPOTENCY_KEY_REUSED;
 * another caller's key is another claim and never reaches the first caller's resource.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly protector: PersonIdProtector,
  ) {}

  /** The request's fingerprint: a keyed hash, as bodies carry ID numbers (see canonicalRequest). */
  fingerprint(endpoint: string, request: unknown): string {
    return this.protector.keyedHash('idempotency-request', canonicalRequest(endpoint, request));
  }

  /** Claims the key for this request (undefined without a key). Call after the request's own checks. */
  async claim(
    principal: Principal,
    key: string | undefined,
    request: IdempotentRequest,
  ): Promise<IdempotentCall | undefined> {
    if (key === undefined) return undefined;
    const scope: IdempotencyScope = {
      callerSubject: principal.subject,
      actingFor: principal.actingFor?.delegationId ?? '',
      endpoint: request.endpoint,
      key,
    };
    const fingerprint = this.fingerprint(request.endpoint, request.request);
    const token = new IdempotencyToken(scope, fingerprint);
    const claim = await this.keys.claim(scope, {
      fingerprint,
      resourceId: request.resourceId?.(token) ?? null,
    });
    if (claim.fingerprint !== fingerprint) throw idempotencyKeyReused(request.endpoint);
    return new IdempotentCall(token, claim.created, () => this.keys.release(scope, fingerprint));
  }

  /**
   * Claims the key of a request that creates a case (or entry): the new resource's id derives from the claim,
   * so a retry creates nothing new; without a key, a fresh id.
   */
  async claimCreation(
    principal: Principal,
    key: string | undefined,
    request: { readonly endpoint: string; readonly request: unknown; readonly namespace: string },
  ): Promise<{ readonly call: IdempotentCall | undefined; readonly id: string }> {
    const call = await this.claim(principal, key, {
      endpoint: request.endpoint,
      request: request.request,
      resourceId: (token) => token.id(request.namespace),
    });
    return { call, id: call?.token.id(request.namespace) ?? randomUUID() };
  }

  /** `work` under the key: claim, then work; a refusal frees the key (see IdempotentCall.failed). */
  async run<T>(
    principal: Principal,
    key: string | undefined,
    request: IdempotentRequest,
    work: (token: IdempotencyToken | undefined) => Promise<T>,
  ): Promise<T> {
    const call = await this.claim(principal, key, request);
    try {
      return await work(call?.token);
    } catch (error) {
      await call?.failed(error);
      throw error;
    }
  }
}
