import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureLocalIssuer, mintLocalToken } from './local-issuer';
import { type TokenClaims } from './token-claims';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const claims: TokenClaims = {
  sub: 'dz-organiser',
  name: '组织员',
  org_unit: 'DX-DZ',
  roles: ['ORGANISER'],
  person_id: '0b0e8c5e-4c4e-5f0a-9a1b-2c3d4e5f6a7b',
};

describe(TokenVerifier.name, () => {
  let dir: string;
  let otherIssuer: string;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xianfeng-auth-'));
    otherIssuer = join(dir, 'other');
    const jwks = await ensureLocalIssuer(join(dir, 'local'));
    verifier = new TokenVerifier({
      AUTH_ISSUER: 'xianfeng-local',
      AUTH_AUDIENCE: 'xianfeng',
      AUTH_JWKS_FILE: jwks,
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a token of the local issuer and returns its claims', async () => {
    expect(await verifier.verify(await mintLocalToken(join(dir, 'local'), claims))).toEqual(claims);
  });

  it.each([
    ['another key', () => mintLocalToken(otherIssuer, claims), /ERR_JWKS_NO_MATCHING_KEY|signature/],
    ['another audience', () => mintLocalToken(join(dir, 'local'), claims, { audience: 'x' }), /aud/],
    ['another issuer', () => mintLocalToken(join(dir, 'local'), claims, { issuer: 'x' }), /iss/],
    ['an expired token', () => mintLocalToken(join(dir, 'local'), claims, { expiresIn: '-2m' }), /expired/],
    [
      'an unknown role',
      () => mintLocalToken(join(dir, 'local'), { ...claims, roles: ['ADMIN' as never] }),
      /unknown roles: ADMIN/,
    ],
    [
      'no org unit',
      () => mintLocalToken(join(dir, 'local'), { ...claims, org_unit: '' }),
      /org_unit is missing/,
    ],
    [
      'a subject too long to store',
      () => mintLocalToken(join(dir, 'local'), { ...claims, sub: 'u'.repeat(201) }),
      /at most 200/,
    ],
    [
      'a subject with a NUL byte',
      () => mintLocalToken(join(dir, 'local'), { ...claims, sub: 'u\u0000' }),
      /printable/,
    ],
  ])('rejects %s', async (_label, mint, reason) => {
    const error = await verifier.verify(await mint()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as Error).message).toMatch(reason);
  });

  it('verifies against a JWKS URL (an identity provider) just the same', async () => {
    const jwks = readFileSync(await ensureLocalIssuer(join(dir, 'local')), 'utf8');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const remote = new TokenVerifier({
        AUTH_ISSUER: 'xianfeng-local',
        AUTH_AUDIENCE: 'xianfeng',
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      });
      expect(await remote.verify(await mintLocalToken(join(dir, 'local'), claims))).toEqual(claims);
      await expect(remote.verify(await mintLocalToken(otherIssuer, claims))).rejects.toBeInstanceOf(
        InvalidTokenError,
      );
    } finally {
      server.close();
    }
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const [header, payload, signature] = (await mintLocalToken(join(dir, 'local'), claims)).split('.');
    const altered = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object),
        roles: ['AUDITOR'],
      }),
    ).toString('base64url');
    await expect(verifier.verify([header, altered, signature].join('.'))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });
});
