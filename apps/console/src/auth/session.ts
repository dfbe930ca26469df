import { useSyncExternalStore } from 'react';

/** What the console reads from the bearer token for display; the API checks the token itself on every call. */
export interface SessionUser {
  readonly subject: string;
  readonly name: string;
  readonly orgUnit: string;
  readonly roles: readonly string[];
}

interface StoredSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: SessionUser;
}

// sessionStorage: the token lives as long as the tab, never shared with other tabs or kept on disk for long.
const STORAGE_KEY = 'xianfeng.session';
const listeners = new Set<() => void>();

function decodeClaims(token: string): SessionUser {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/')),
      (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    ).join(''),
  );
  const claims = JSON.parse(json) as { sub?: string; name?: string; org_unit?: string; roles?: string[] };
  return {
    subject: claims.sub ?? '',
    name: claims.name ?? claims.sub ?? '',
    orgUnit: claims.org_unit ?? '',
    roles: claims.roles ?? [],
  };
}

let cached: { raw: string | null; session: StoredSession | null } = { raw: null, session: null };

function read(): StoredSession | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (raw !== cached.raw) {
    cached = { raw, session: raw ? (JSON.parse(raw) as StoredSession) : null };
  }
  const session = cached.session;
  return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  current: read,
  token: (): string | null => read()?.token ?? null,
  signIn: (token: string, expiresAt: string): void => {
    const stored: StoredSession = { token, expiresAt, user: decodeClaims(token) };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    notify();
  },
  signOut: (): void => {
    sessionStorage.removeItem(STORAGE_KEY);
    notify();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The signed-in user, re-rendering on sign-in and sign-out. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(session.subscribe, read);
}
