import { queryOptions } from '@tanstack/react-query';

import { api, type Schemas, unwrap } from '../api/client';

export type OrgUnitNode = Schemas['OrgUnitNodeResponse'];
export type OrgUnitKind = OrgUnitNode['kind'];

/** Org unit kinds as the party names them. */
export const ORG_UNIT_KIND_NAMES: Record<OrgUnitKind, string> = {
  PROVINCE_COMMITTEE: '省委',
  CITY_COMMITTEE: '市委',
  COUNTY_COMMITTEE: '县委',
  ORG_DEPARTMENT: '组织部',
  TOWNSHIP_COMMITTEE: '乡镇党委',
  VILLAGE_COMMITTEE: '村党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  PARTY_GROUP: '党小组',
};

export const kindName = (kind: string): string => ORG_UNIT_KIND_NAMES[kind as OrgUnitKind] ?? kind;

/** One unit by id or code, with the units above it (pages name a unit's branch, village and township by them). */
export const orgUnitQuery = (idOrCode: string | null | undefined) =>
  queryOptions({
    queryKey: ['org-unit', idOrCode],
    queryFn: () =>
      unwrap(api.GET('/v1/org-units/{idOrCode}', { params: { path: { idOrCode: idOrCode ?? '' } } })),
    enabled: !!idOrCode,
    staleTime: 10 * 60_000,
  });

/** The caller's read scope (GET /v1/org-units: its root and every level below, open units only). */
export const scopeTreeQuery = queryOptions({
  queryKey: ['org-units', 'tree'],
  queryFn: () => unwrap(api.GET('/v1/org-units', { params: { query: { depth: 10, limit: 1000 } } })),
  staleTime: 10 * 60_000,
});

/** The units directly under one (every page of them: a unit has tens of children at most). */
export async function childUnits(under: string, includeClosed = false): Promise<OrgUnitNode[]> {
  const items: OrgUnitNode[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: Schemas['OrgUnitListResponse'] = await unwrap(
      api.GET('/v1/org-units', { params: { query: { under, depth: 1, includeClosed, offset, limit: 500 } } }),
    );
    items.push(...page.items);
    offset = page.nextOffset;
  }
  return items;
}

/** A tree node of an org unit for AntD's Tree and TreeSelect (children loaded when opened). */
export interface UnitTreeNode {
  readonly key: string;
  readonly value: string;
  readonly title: string;
  readonly isLeaf: boolean;
  readonly unit: Pick<OrgUnitNode, 'code' | 'name' | 'kind' | 'closedOn'>;
  children?: UnitTreeNode[];
}

export function treeNode(unit: Pick<OrgUnitNode, 'code' | 'name' | 'kind' | 'closedOn' | 'childCount'>) {
  const node: UnitTreeNode = {
    key: unit.code,
    value: unit.code,
    title: unit.closedOn ? `${unit.name}（已撤销）` : unit.name,
    isLeaf: unit.childCount === 0,
    unit,
  };
  return node;
}

/** The tree with `children` set under the node `key` (a new tree: React state is never changed in place). */
export function withChildren(nodes: UnitTreeNode[], key: string, children: UnitTreeNode[]): UnitTreeNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}
