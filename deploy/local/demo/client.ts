import { mintLocalToken } from '../../../libs/auth/src/local-issuer';
import { DEMO_USERS } from '../../../prisma/seed/demo-users';

/** Where the demo seeding sends its requests, and whose keys sign the demo users' tokens. */
export interface DemoEndpoints {
  readonly apiUrl: string;
  readonly targetsUrl: string;
  /** The local issuer's folder (authDir of the profile). */
  readonly authDir: string;
  /**
   * What every Idempotency-Key of the seeding starts with (default `xf-demo`): a second seeding of the same
   * database finds its cases by it. Two databases behind one Temporal server need prefixes of their own, since
   * a case's workflow id follows from its key.
   */
  readonly keyPrefix?: string;
}

export interface DemoResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface DemoRequest {
  readonly app?: 'api' | 'targets';
  /** A demo user (prisma/seed/demo-users.ts) whose token the request carries. */
  readonly as: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Statuses that are an answer (anything else throws DemoRequestError); default any 2xx. */
  readonly accept?: readonly number[];
}

/** An answer the seeding did not expect: the request, the status and the problem document. */
export class DemoRequestError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${request}: ${status} ${describeProblem(body)}`);
    this.name = 'DemoRequestError';
  }
}

/** `code: detail` of a problem document (and its violations), or the start of any other body. */
export function describeProblem(body: unknown): string {
  if (!isRecord(body)) return text(body).slice(0, 300);
  const violations = Array.isArray(body.violations)
    ? body.violations
        .filter(isRecord)
        .map((v) => `${text(v.code)} ${text(v.message)}`.trim())
        .join('; ')
    : '';
  const head = [text(body.code), text(body.detail ?? body.title)].filter(Boolean).join(': ');
  return [head || JSON.stringify(body).slice(0, 300), violations].filter(Boolean).join(' — ');
}

/** A string or number as it is, anything else as JSON ('' for nothing). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Statuses worth sending again (with the same Idempotency-Key, so nothing is recorded twice). */
const TRANSIENT = new Set([429, 502, 503, 504]);
const ATTEMPTS = 6;

/**
 * HTTP to the running apps as the demo users, with tokens from the local issuer. Transient answers (rate
 * limits, Temporal deadlines, an app still warming up) are retried with the same Idempotency-Key.
 */
export class DemoClient {
  /** Requests sent, retries included. */
  requests = 0;
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly endpoints: DemoEndpoints) {}

  /** The seeding's Idempotency-Key for these parts: stable from run to run. */
  key(...parts: (string | number)[]): string {
    return [this.endpoints.keyPrefix ?? 'xf-demo', ...parts].join(':');
  }

  async send(request: DemoRequest): Promise<DemoResponse> {
    const url = new URL(
      request.path,
      request.app === 'targets' ? this.endpoints.targetsUrl : this.endpoints.apiUrl,
    );
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.token(request.as)}`,
      accept: 'application/json, application/problem+json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    const described = `${request.method} ${url.pathname} as ${request.as}`;
    for (let attempt = 1; ; attempt++) {
      let response: DemoResponse & { retryAfter: number | null };
      try {
        response = await this.once(url, request, headers);
      } catch (error) {
        if (attempt >= ATTEMPTS) throw new Error(`${described}: ${(error as Error).message}`);
        await sleep(backoff(attempt, null));
        continue;
      }
      const accepted = request.accept
        ? request.accept.includes(response.status)
        : response.status >= 200 && response.status < 300;
      if (accepted) return { status: response.status, body: response.body };
      if (!TRANSIENT.has(response.status) || attempt >= ATTEMPTS) {
        throw new DemoRequestError(described, response.status, response.body);
      }
      await sleep(backoff(attempt, response.retryAfter));
    }
  }

  private async once(
    url: URL,
    request: DemoRequest,
    headers: Record<string, string>,
  ): Promise<DemoResponse & { retryAfter: number | null }> {
    this.requests++;
    const response = await fetch(url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let body: unknown = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) body = JSON.parse(text) as unknown;
    const retryAfter = Number(response.headers.get('retry-after'));
    return { status: response.status, body, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
  }

  private token(user: string): Promise<string> {
    const claims = DEMO_USERS[user];
    if (!claims) throw new Error(`no demo user "${user}" in prisma/seed/demo-users.ts`);
    let token = this.tokens.get(user);
    if (!token) {
      token = mintLocalToken(this.endpoints.authDir, claims);
      this.tokens.set(user, token);
    }
    return token;
  }
}

function backoff(attempt: number, retryAfterSeconds: number | null): number {
  if (retryAfterSeconds !== null && retryAfterSeconds > 0) return Math.min(retryAfterSeconds, 10) * 1000;
  return Math.min(500 * 2 ** (attempt - 1), 8000);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` over `items`, at most `concurrency` at a time; every item is tried, each result kept. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await work(items[index]!) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
