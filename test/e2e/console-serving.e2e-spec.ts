import { type INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import request from 'supertest';
import { type App } from 'supertest/types';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupConsole } from '../../apps/api/src/console/serve-console';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { setupTargetsOpenApi } from '../../apps/targets/src/openapi';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { createHttpApp } from '../../libs/config/src/bootstrap';
import { chinaLocalDate } from '../../libs/domain/src';
import { bootWith } from '../support/apps';
import { bearer } from '../support/auth';
import { useIsolatedDatabase } from '../support/database';

/**
 * The web console on the API's origin: its files, a page for every console path without shadowing the API,
 * /v1/targets forwarded to the targets app, and the sign-in settings with the demo sign-in of the dev and test
 * profiles (off elsewhere). A console build of this file's own stands in for dist/console.
 */
const YEAR = Number(chinaLocalDate(new Date()).slice(0, 4));
const SCRIPT = `console.log(${JSON.stringify('先锋 '.repeat(200))})`;

/** The API with the console served, some variables changed (read once at boot). */
const bootApi = (env: Record<string, string | undefined>) =>
  bootWith(env, ApiModule, (app) => {
    setupConsole(app);
    setupOpenApi(app);
  });

describe('console serving (e2e)', () => {
  const build = mkdtempSync(join(tmpdir(), 'xianfeng-console-'));
  let targets: INestApplication;
  let api: INestApplication;
  let http: App;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_console');
    mkdirSync(join(build, 'assets'));
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><title>先锋</title><script src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(build, 'assets', 'app-1a2b.js'), SCRIPT);
    // The copies the console's build writes beside each script (vite.config.mts: precompress).
    writeFileSync(join(build, 'assets', 'app-1a2b.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(build, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(build, 'assets', 'plain-3c4d.js'), SCRIPT);
    targets = await createHttpApp(TargetsModule);
    setupTargetsOpenApi(targets);
    await targets.init();
    await targets.listen(0, '127.0.0.1');
    const { port } = (targets.getHttpServer() as { address(): AddressInfo }).address();
    api = await bootApi({ CONSOLE_DIR: build, TARGETS_UPSTREAM_URL: `http://127.0.0.1:${port}` });
    http = api.getHttpServer() as App;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([api?.close(), targets?.close()]);
  });

  it('answers every console path with the page under its Content-Security-Policy, its files with a long cache life', async () => {
    for (const path of [
      '/',
      '/inbox',
      '/cases/member/6f1c0d5e-0000-4000-8000-000000000000?action=RECORD_TALK',
    ]) {
      const page = await request(http).get(path).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<title>先锋</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    }
    const asset = await request(http).get('/assets/app-1a2b.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    await request(http).get('/assets/gone-9z9z.js').expect(404);
    await request(http).get('/favicon.ico').expect(404);
  });

  it("sends an asset's precompressed copy the browser accepts, brotli first, with the asset's own type", async () => {
    const original = await request(http).get('/assets/app-1a2b.js').set('Accept-Encoding', 'identity');
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const asset = await request(http).get('/assets/app-1a2b.js').set('Accept-Encoding', accept).expect(200);
      expect(asset.headers['content-encoding']).toBe(encoding);
      expect(asset.headers['content-type']).toBe(original.headers['content-type']);
      expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
      expect(asset.headers.vary).toMatch(/Accept-Encoding/);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
      // supertest decodes br and gzip: the copy holds exactly the asset.
      expect(asset.text).toBe(SCRIPT);
    }
    // An asset without copies is sent as it is.
    const plain = await request(http).get('/assets/plain-3c4d.js').set('Accept-Encoding', 'br').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('never shadows the API: its paths answer as the API does, problems in JSON', async () => {
    const missing = await request(http).get('/v1/no-such-thing').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unsigned = await request(http).get('/v1/me').expect(401);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(http).get('/health/live').expect(200);
    const docs = await request(http).get('/docs-json').expect(200);
    expect(docs.body).toHaveProperty('openapi');
  });

  it("forwards /v1/targets to the targets app, reads and writes, with the caller's token", async () => {
    // The county allocates the township's quota; the township reads it.
    const planner = await bearer('dz-organiser');
    await request(http)
      .put('/v1/targets/quotas')
      .set('Authorization', await bearer('zzb-officer'))
      .send({ orgUnit: 'DX-DZ', year: YEAR, metric: 'activists', quota: 41 })
      .expect(204);
    const direct = await request(targets.getHttpServer() as App)
      .get('/v1/targets')
      .query({ orgUnit: 'DX-DZ', year: YEAR })
      .set('Authorization', planner)
      .expect(200);
    const forwarded = await request(http)
      .get('/v1/targets')
      .query({ orgUnit: 'DX-DZ', year: YEAR })
      .set('Authorization', planner)
      .expect(200);
    expect(forwarded.body).toEqual(direct.body);
    expect(JSON.stringify(forwarded.body)).toContain('41');
    const refused = await request(http)
      .get('/v1/targets')
      .query({ orgUnit: 'DX-DZ', year: YEAR })
      .expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('signs the demo users in: their token opens the API as them; an unknown user is refused', async () => {
    expect((await request(http).get('/v1/console/settings').expect(200)).body).toEqual({
      signIn: 'demo',
      oidc: null,
    });
    const users = await request(http).get('/v1/console/demo-users').expect(200);
    expect(users.body).toContainEqual({
      user: 'dz-organiser',
      name: '陈志强（东镇党委组织员）',
      orgUnit: 'DX-DZ',
      roles: ['ORGANISER'],
    });
    const session = await request(http)
      .post('/v1/console/demo-sessions')
      .send({ user: 'dz-organiser' })
      .expect(201);
    const me = await request(http)
      .get('/v1/me')
      .set('Authorization', `Bearer ${(session.body as { token: string }).token}`)
      .expect(200);
    expect(me.body).toMatchObject({ subject: 'dz-organiser', unit: { code: 'DX-DZ' } });
    const unknown = await request(http)
      .post('/v1/console/demo-sessions')
      .send({ user: 'nobody' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
  });

  it('offers no demo sign-in where it is off, and OpenID Connect where an identity provider is configured', async () => {
    const off = await bootApi({ AUTH_DEMO_LOGIN_DIR: undefined, CONSOLE_DIR: build });
    try {
      const offHttp = off.getHttpServer() as App;
      expect((await request(offHttp).get('/v1/console/settings').expect(200)).body).toEqual({
        signIn: 'none',
        oidc: null,
      });
      const refused = await request(offHttp)
        .post('/v1/console/demo-sessions')
        .send({ user: 'dz-organiser' })
        .expect(404);
      expect(refused.body).toMatchObject({ code: 'DEMO_SIGN_IN_OFF' });
      await request(offHttp).get('/v1/console/demo-users').expect(404);
    } finally {
      await off.close();
    }
    const oidc = await bootApi({
      AUTH_DEMO_LOGIN_DIR: undefined,
      CONSOLE_DIR: build,
      CONSOLE_OIDC_AUTHORITY: 'https://id.example.gov.cn/realms/xianfeng',
      CONSOLE_OIDC_CLIENT_ID: 'xianfeng-console',
    });
    try {
      const oidcHttp = oidc.getHttpServer() as App;
      expect((await request(oidcHttp).get('/v1/console/settings').expect(200)).body).toEqual({
        signIn: 'oidc',
        oidc: {
          authority: 'https://id.example.gov.cn/realms/xianfeng',
          clientId: 'xianfeng-console',
          scope: 'openid profile',
        },
      });
      const page = await request(oidcHttp).get('/inbox').expect(200);
      expect(page.headers['content-security-policy']).toContain(
        "connect-src 'self' https://id.example.gov.cn",
      );
    } finally {
      await oidc.close();
    }
  });
});
