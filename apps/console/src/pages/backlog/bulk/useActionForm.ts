import { useQuery } from '@tanstack/react-query';

import { type Schemas, api, unwrap } from '../../../api/client';
import { type WorkflowKind } from '../filters';
import { type BacklogItem } from '../queries';

type AvailableAction = Schemas['AvailableAction'] | Schemas['MemberAvailableAction'];

function availableActions(kind: WorkflowKind, id: string): Promise<readonly AvailableAction[]> {
  const params = { params: { path: { id } } };
  switch (kind) {
    case 'MEMBER_DEVELOPMENT':
      return unwrap(api.GET('/v1/member-cases/{id}/available-actions', params));
    case 'CADRE_RECRUITMENT':
      return unwrap(api.GET('/v1/cadre-cases/{id}/available-actions', params));
    case 'RESERVE_POOL':
      return unwrap(api.GET('/v1/reserve-pool/entries/{id}/available-actions', params));
  }
}

/** Cases asked before giving up: the action's form is the same for every case that has it. */
const TRIES = 5;

/**
 * The form of the batch's action (its Chinese name, body schema, example body and acting bodies), from the
 * available actions of the first selected cases that offer it now.
 */
export function useActionForm(items: readonly BacklogItem[]) {
  const first = items[0];
  return useQuery({
    queryKey: [
      'bulk-action-form',
      first?.workflowKind,
      first?.action,
      items.slice(0, TRIES).map((i) => i.caseId),
    ],
    enabled: first !== undefined,
    queryFn: async (): Promise<AvailableAction | null> => {
      for (const item of items.slice(0, TRIES)) {
        const actions = await availableActions(item.workflowKind, item.caseId);
        const found = actions.find((a) => a.action === item.action);
        if (found?.bodySchema) return found;
      }
      return null;
    },
  });
}
