import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';

import { type TokenClaims } from './token-claims';

/**
 * The local token issuer of the dev and test profiles: an ES256 key pair kept in a folder, whose public half
 * (`jwks.json`) the apps verify against through AUTH_JWKS_FILE. Production sets AUTH_JWKS_URL to the real
 * identity provider instead; nothing else changes.
 */
export const LOCAL_ISSUER = 'xianfeng-local';
export const LOCAL_AUDIENCE = 'xianfeng';
const ALGORITHM = 'ES256';

const files = (dir: string) => ({ key: join(dir, 'signing-key.json'), jwks: join(dir, 'jwks.json') });

/** Creates the key pair on first use; returns the path of the public JWKS. */
export async function ensureLocalIssuer(dir: string): Promise<string> {
  const { key, jwks } = files(dir);
  if (existsSync(key) && existsSync(jwks)) return jwks;
  mkdirSync(dir, { recursive: true });
  const pair = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const common = { kid, alg: ALGORITHM, use: 'sig' };
  const write = (path: string, value: unknown) => {
    writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  write(key, { ...(await exportJWK(pair.privateKey)), ...common });
  write(jwks, { keys: [{ ...(await exportJWK(pair.publicKey)), ...common }] });
  return jwks;
}

/** Signs a token for `claims` with the local issuer's key (demo users, tests). */
export async function mintLocalToken(
  dir: string,
  claims: TokenClaims,
  options: { readonly expiresIn?: string; readonly audience?: string; readonly issuer?: string } = {},
): Promise<string> {
  await ensureLocalIssuer(dir);
  const jwk = JSON.parse(readFileSync(files(dir).key, 'utf8')) as JWK;
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: ALGORITHM, kid: jwk.kid!, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(await importJWK(jwk, ALGORITHM));
}
