import { readFileSync } from 'node:fs';

import { Injectable } from '@nestjs/common';
import {
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
} from 'jose';

import { AuthConfig } from '@app/config';

import { type TokenClaims, parseClaims } from './token-claims';

/** Why a token was not accepted, in words the caller can act on (never the token itself). */
export class InvalidTokenError extends Error {}

/** The identity provider's keys could not be fetched: the token may be fine, so this is not the caller's fault. */
export class IdentityProviderUnavailableError extends Error {}

/**
 * The remote key set, with failures to reach it (network, timeout, a body that is no JWKS) told apart from a
 * token whose key is unknown: those answer 503, not 401 and not 500.
 */
function remoteKeys(url: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
        throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new IdentityProviderUnavailableError(
        `the identity provider's keys could not be fetched: ${reason}`,
      );
    }
  };
}

/** Verifies bearer tokens: signature against the JWKS, issuer, audience, expiry, then the claims' shape. */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    this.keys = config.AUTH_JWKS_URL
      ? remoteKeys(config.AUTH_JWKS_URL)
      : createLocalJWKSet(JSON.parse(readFileSync(config.AUTH_JWKS_FILE!, 'utf8')) as JSONWebKeySet);
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        clockTolerance: 30,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = parseClaims(payload);
      if (typeof claims === 'string') throw new InvalidTokenError(claims);
      return claims;
    } catch (error) {
      if (error instanceof InvalidTokenError || error instanceof IdentityProviderUnavailableError)
        throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new InvalidTokenError(`claim ${error.claim} rejected: ${error.reason}`);
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(`token rejected (${error.code})`);
      throw error;
    }
  }
}
