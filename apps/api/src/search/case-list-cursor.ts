import { ProblemError } from '@app/config';
import { parseLocalDate } from '@app/domain';
import { type CaseSearchCursor, type CaseSort, type SortOrder, type WorkflowKind } from '@app/persistence';

/** What a page was listed by: a cursor only continues the list it came from. */
export interface CaseListOrder {
  readonly kind: WorkflowKind;
  readonly sort: CaseSort;
  readonly order: SortOrder;
}

interface CursorBody {
  readonly w: WorkflowKind;
  readonly s: CaseSort;
  readonly o: SortOrder;
  readonly k: string;
  readonly i: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: the list's kind and order, and the last row's sort key and id, base64url JSON. */
export function encodeCursor(order: CaseListOrder, after: CaseSearchCursor): string {
  const body: CursorBody = { w: order.kind, s: order.sort, o: order.order, k: after.key, i: after.id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function validKey(sort: CaseSort, key: unknown): boolean {
  if (typeof key !== 'string') return false;
  switch (sort) {
    case 'name':
      return key.length <= 100;
    case 'date':
      return parseLocalDate(key) !== undefined;
    case 'updated':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(key) && !Number.isNaN(Date.parse(key));
  }
}

/** The row a page starts after; 400 CURSOR_INVALID for anything but a cursor of this very list. */
export function decodeCursor(value: string | undefined, order: CaseListOrder): CaseSearchCursor | undefined {
  if (value === undefined) return undefined;
  try {
    const body = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<CursorBody> | null;
    if (
      body !== null &&
      typeof body === 'object' &&
      body.w === order.kind &&
      body.s === order.sort &&
      body.o === order.order &&
      typeof body.i === 'string' &&
      UUID.test(body.i) &&
      validKey(order.sort, body.k)
    ) {
      return { key: body.k!, id: body.i };
    }
  } catch {
    // falls through to the problem below
  }
  throw new ProblemError(
    400,
    'CURSOR_INVALID',
    '分页游标无效',
    'cursor does not come from this list (same kind, sort and order); start again without it',
  );
}
