import { parseLocalDate } from '@app/domain';
import { type CaseSearchCursor, type CaseSort, type SortOrder, type WorkflowKind } from '@app/persistence';

import { CURSOR_ID, decodePageCursor, encodePageCursor } from '../page-cursor';

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

/** Opaque to clients: the list's kind and order, and the last row's sort key and id. */
export function encodeCursor(order: CaseListOrder, after: CaseSearchCursor): string {
  const body: CursorBody = { w: order.kind, s: order.sort, o: order.order, k: after.key, i: after.id };
  return encodePageCursor(body);
}

function validKey(sort: CaseSort, key: unknown): key is string {
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
  return decodePageCursor(value, ({ w, s, o, k, i }) =>
    w === order.kind &&
    s === order.sort &&
    o === order.order &&
    typeof i === 'string' &&
    CURSOR_ID.test(i) &&
    validKey(order.sort, k)
      ? { key: k, id: i }
      : undefined,
  );
}
