import request from 'supertest';
import { type App } from 'supertest/types';

import { type TokenClaims, mintLocalToken } from '../../libs/auth/src';
import { authDir } from '../../deploy/local/profiles';
import { DEMO_USERS } from '../../prisma/seed/demo-users';
import { testProfile } from './test-profile';

export type TestAgent = ReturnType<typeof request.agent>;
export type DemoUser = keyof typeof DEMO_USERS;

const tokens = new Map<string, Promise<string>>();

/** A bearer token from the test profile's local issuer, for a demo user or for any claims. */
export function tokenFor(user: DemoUser | TokenClaims, options?: { expiresIn?: string; audience?: string }) {
  const claims = typeof user === 'string' ? DEMO_USERS[user] : user;
  if (!claims) throw new Error('no such demo user');
  const key = JSON.stringify([claims, options]);
  let token = tokens.get(key);
  if (!token) {
    token = mintLocalToken(authDir(testProfile), claims, options);
    tokens.set(key, token);
  }
  return token;
}

/** The Authorization header value for a demo user. */
export async function bearer(user: DemoUser | TokenClaims): Promise<string> {
  return `Bearer ${await tokenFor(user)}`;
}

/** A supertest agent that sends a demo user's bearer token with every request. */
export async function signedIn(app: App, user: DemoUser | TokenClaims): Promise<TestAgent> {
  return request.agent(app).set('Authorization', await bearer(user));
}
