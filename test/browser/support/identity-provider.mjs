// A real OpenID Connect provider (npm `oidc-provider`) for the console's sign-in test, in a process of its own
// (the package is ESM only). Two steps over stdio, since the API needs the issuer before it listens and the
// provider needs the console's redirect URI, which is known only once the API listens:
//   1. it listens on a free loopback port and prints {"issuer": "..."};
//   2. it reads one line {"redirectUri", "audience", "accounts": {login: claims}} and prints {"ready": true}.
// Sign-in uses the provider's development pages: any password, the login names the account. Access tokens are
// JWTs for the API (resource indicator, audience), carrying the account's Xianfeng claims as extra claims.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';

import Provider from 'oidc-provider';

const CLIENT_ID = 'xianfeng-console';
const RESOURCE = 'urn:xianfeng:api';

let handler = (_req, res) => {
  res.writeHead(503).end('not configured yet');
};
const server = createServer((req, res) => handler(req, res));
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    const { redirectUri, audience, accounts } = JSON.parse(line);
    const provider = configure(issuer, new URL(redirectUri), audience, accounts);
    handler = provider.callback();
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  });
  // The test ends the provider by closing its stdin.
  lines.once('close', () => server.close(() => process.exit(0)));
});

function configure(issuer, redirectUri, audience, accounts) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claimsOf = (accountId) => accounts[accountId];
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none', // a browser app: public client, PKCE
        redirect_uris: [redirectUri.href],
        post_logout_redirect_uris: [new URL('/signin', redirectUri).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'profile', 'xianfeng'],
    claims: { openid: ['sub'], profile: ['name'] },
    async findAccount(_ctx, accountId) {
      return {
        accountId,
        claims: async () => ({ sub: accountId, name: claimsOf(accountId)?.name ?? accountId }),
      };
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          audience,
          scope: 'xianfeng',
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // The claims the API authorises by: an account the provider has no Xianfeng claims for gets none.
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const claims = claimsOf(token.accountId);
      if (!claims) return undefined;
      const { name, org_unit, roles, person_id } = claims;
      return { name, org_unit, roles, ...(person_id ? { person_id } : {}) };
    },
  });
}
