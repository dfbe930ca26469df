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

/** Verifies bearer tokens: signature against the JWKS, issuer, audience, expiry, then the claims' shape. */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    this.keys = config.AUTH_JWKS_URL
      ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cooldownDuration: 30_000 })
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
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new InvalidTokenError(`claim ${error.claim} rejected: ${error.reason}`);
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(`token rejected (${error.code})`);
      throw error;
    }
  }
}
