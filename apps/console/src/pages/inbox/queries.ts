import { queryOptions } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';

/** Every page of the inbox (a unit's own open tasks: tens, rarely hundreds). */
async function wholeInbox() {
  const first = await unwrap(api.GET('/v1/inbox', { params: { query: { limit: 200 } } }));
  const items = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await unwrap(api.GET('/v1/inbox', { params: { query: { limit: 200, cursor } } }));
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return { ...first, items, nextCursor: null };
}

/** 我的待办's one query; a saved action invalidates it by its key. */
export const inboxQuery = queryOptions({ queryKey: ['inbox'], queryFn: wholeInbox });

export type InboxItem = Awaited<ReturnType<typeof wholeInbox>>['items'][number];
