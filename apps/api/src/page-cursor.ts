import { ProblemError } from '@app/config';

/** A row id in a cursor: a UUID. */
export const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset cursor, opaque to clients: what the next page starts after, as base64url JSON. */
export function encodePageCursor(body: object): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/**
 * What a cursor says the page starts after, as `accept` reads it from the decoded JSON (undefined when it is not
 * a cursor of this very list); 400 CURSOR_INVALID otherwise, so a client starts again without it.
 */
export function decodePageCursor<T>(
  value: string,
  accept: (body: Record<string, unknown>) => T | undefined,
): T {
  try {
    const body: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    const accepted =
      body !== null && typeof body === 'object' ? accept(body as Record<string, unknown>) : undefined;
    if (accepted !== undefined) return accepted;
  } catch {
    // falls through to the problem below
  }
  throw new ProblemError(
    400,
    'CURSOR_INVALID',
    '分页游标无效',
    'cursor does not come from this list (same filters, sort and order); start again without it',
  );
}
