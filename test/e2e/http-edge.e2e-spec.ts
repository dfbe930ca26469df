import request from 'supertest';
import { type App } from 'supertest/types';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { type RunningApps, bootWith, startAllApps } from '../support/apps';
import { bearer } from '../support/auth';
import { rowCounts, useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * The HTTP edge as an attacker or a careless client meets it: every refusal is a 4xx (or 503) problem document,
 * never a 500, and writes nothing; security headers, no-store, request ids, rate limits, docs off by default.
 */
const WRITES = ['person', 'member_case', 'dossier_record', 'outbox_event', 'cadre_case', 'reserve_entry'];
const BRANCH_USER = 'dc-b1-committee-member';
const TOWNSHIP_USER = 'dz-organiser';

function expectProblem(response: request.Response, status: number, code: string): void {
  expect({ status: response.status, code: (response.body as { code?: string }).code }).toEqual({
    status,
    code,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

/** Parses a problem body whatever content type supertest saw. */
function problemOf(response: request.Response): { code?: string; errors?: { field: string }[] } {
  return (response.body as object) && Object.keys(response.body as object).length > 0
    ? (response.body as { code?: string })
    : (JSON.parse(response.text) as { code?: string });
}

/** The API alone with some variables changed (read once at boot). */
const bootApi = (env: Record<string, string | undefined>) => bootWith(env, ApiModule, setupOpenApi);

describe('the HTTP edge (e2e)', () => {
  let apps: RunningApps;
  let server: App;
  const auth: Record<string, string> = {};
  const validApplication = {
    name: '王五',
    nationalId: nationalIdFor('19990101', '377'),
    birthDate: '1999-01-01',
    branch: 'DX-DZ-DC-B1',
  };

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_http_edge');
    apps = await startAllApps();
    server = apps.api.getHttpServer() as App;
    for (const user of [BRANCH_USER, TOWNSHIP_USER]) auth[user] = await bearer(user);
  });
  afterAll(async () => {
    await apps.close();
  });

  const post = (path: string, user = BRANCH_USER) =>
    request(server).post(path).set('Authorization', auth[user]!);

  it('answers a body over the size limit with 413 and writes nothing', async () => {
    const before = await rowCounts(WRITES);
    const response = await post('/v1/member-cases')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...validApplication, name: 'x'.repeat(600 * 1024) }));
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await rowCounts(WRITES)).toEqual(before);
  });

  it('answers an unsupported charset or a body that is not JSON with 415', async () => {
    const latin1 = await post('/v1/member-cases')
      .set('content-type', 'application/json; charset=iso-8859-1')
      .send(JSON.stringify(validApplication));
    expectProblem(latin1, 415, 'UNSUPPORTED_CHARSET');
    const text = await post('/v1/member-cases')
      .set('content-type', 'text/plain')
      .send(JSON.stringify(validApplication));
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await post('/v1/member-cases')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('name=a&branch=b');
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await post('/v1/member-cases').set('content-type', 'application/json').send('{"name": ');
    expectProblem(response, 400, 'MALFORMED_JSON');
  });

  it('refuses deeply nested JSON with 400 before validation recurses', async () => {
    const depth = 20_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    for (const path of ['/v1/member-cases', '/v1/cadre-cases', '/v1/reserve-pool/entries']) {
      const response = await post(path, path === '/v1/member-cases' ? BRANCH_USER : TOWNSHIP_USER)
        .set('content-type', 'application/json')
        .send(`{"person": ${nested}, "profile": ${nested}}`);
      expectProblem(response, 400, 'REQUEST_VALIDATION_FAILED');
    }
  });

  it('refuses a NUL byte, a control character or a lone surrogate in any text with 400 and writes nothing', async () => {
    const before = await rowCounts(WRITES);
    for (const name of ['张\u0000三', '张\u0007三', '张\ud800三', '\udc00']) {
      const response = await post('/v1/member-cases')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ ...validApplication, name }));
      expectProblem(response, 400, 'REQUEST_VALIDATION_FAILED');
      expect(problemOf(response).errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }
    const nested = await post('/v1/cadre-cases', TOWNSHIP_USER)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ person: { name: 'a\u0000' } }));
    expectProblem(nested, 400, 'REQUEST_VALIDATION_FAILED');
    expect(problemOf(nested).errors).toContainEqual(expect.objectContaining({ field: 'person.name' }));
    const query = await request(server)
      .get('/v1/backlog?orgUnit=DX%00')
      .set('Authorization', await bearer(TOWNSHIP_USER));
    expectProblem(query, 400, 'REQUEST_VALIDATION_FAILED');
    expect(await rowCounts(WRITES)).toEqual(before);
  });

  it('keeps line breaks and tabs in free text', async () => {
    const response = await post('/v1/member-cases')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...validApplication, name: '王\t五' }));
    // Accepted by the edge; the name rules of the domain decide (no unsafe-text error either way).
    expect(problemOf(response).errors ?? []).not.toContainEqual(
      expect.objectContaining({ field: 'name', message: expect.stringMatching(/不可存储/) }),
    );
  });

  it('sends security headers, no-store and a request id; hides the framework', async () => {
    const response = await request(server)
      .get('/v1/backlog/summary')
      .set('Authorization', await bearer(TOWNSHIP_USER))
      .expect(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const echoed = await request(server).get('/v1/backlog/summary').set('X-Request-Id', 'trace-42.a');
    expect(echoed.headers['x-request-id']).toBe('trace-42.a');
    expectProblem(echoed, 401, 'AUTHENTICATION_REQUIRED');
    expect((echoed.body as { requestId?: string }).requestId).toBe('trace-42.a');
    const replaced = await request(server).get('/health/live').set('X-Request-Id', 'no spaces <allowed>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document only when API_DOCS_ENABLED', async () => {
    await request(server).get('/docs-json').expect(200);
    const closed = await bootApi({ API_DOCS_ENABLED: undefined });
    try {
      const response = await request(closed.getHttpServer() as App).get('/docs-json');
      expect(response.status).toBe(404);
    } finally {
      await closed.close();
    }
  });

  it('limits requests per caller and per address with 429 problems and Retry-After', async () => {
    const limited = await bootApi({
      RATE_LIMIT_PER_CALLER: '3',
      RATE_LIMIT_PER_ADDRESS: '8',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    try {
      const api = limited.getHttpServer() as App;
      const asTownship = async () =>
        request(api)
          .get('/v1/backlog/summary')
          .set('Authorization', await bearer(TOWNSHIP_USER));
      for (let i = 0; i < 3; i++) expect((await asTownship()).status).toBe(200);
      const refused = await asTownship();
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another caller from the same address still gets through, until the address has sent its 8.
      const other = async () =>
        request(api)
          .get('/v1/backlog/summary')
          .set('Authorization', await bearer(BRANCH_USER));
      expect((await other()).status).toBe(200);
      // Unauthenticated requests count against the address too.
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(api).get('/v1/backlog/summary')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it("answers 503 when the identity provider's keys cannot be fetched", async () => {
    const unreachable = await bootApi({
      AUTH_JWKS_FILE: undefined,
      // A port on loopback that nothing listens on: the fetch is refused at once.
      AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
    });
    try {
      const response = await request(unreachable.getHttpServer() as App)
        .get('/v1/backlog/summary')
        .set('Authorization', await bearer(TOWNSHIP_USER));
      expectProblem(response, 503, 'IDENTITY_PROVIDER_UNAVAILABLE');
    } finally {
      await unreachable.close();
    }
  });
});
