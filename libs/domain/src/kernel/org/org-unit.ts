/** Kinds of node in the party organisation tree (DOMAIN.md §5.1). */
export const ORG_UNIT_KINDS = [
  'PROVINCE_COMMITTEE', // 省委 (reporting and oversight above the county, DOMAIN §4.3)
  'CITY_COMMITTEE', // 市委
  'COUNTY_COMMITTEE', // 县委
  'ORG_DEPARTMENT', // 县委组织部
  'TOWNSHIP_COMMITTEE', // 乡镇党委 / 街道党工委 (基层党委 with approval authority)
  'VILLAGE_COMMITTEE', // 村党委 (基层党委 under a township: review only)
  'GENERAL_BRANCH', // 党总支 (review only)
  'BRANCH', // 党支部
  'PARTY_GROUP', // 党小组
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export interface OrgUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly parentId: string | null;
  /** Ids from the root down to and including this unit. */
  readonly path: readonly string[];
  readonly canApproveMembership: boolean;
}

/** Village party organisations (村党组织): a village committee, general branch or branch. */
export const VILLAGE_ORG_KINDS: ReadonlySet<OrgUnitKind> = new Set([
  'VILLAGE_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
]);

const SEPARATOR = '/';

/** Materialized path as stored: "/root/child/…/self/", so a subtree is a prefix match. */
export function encodeOrgPath(ids: readonly string[]): string {
  return `${SEPARATOR}${ids.join(SEPARATOR)}${SEPARATOR}`;
}

export function decodeOrgPath(path: string): string[] {
  return path.split(SEPARATOR).filter((segment) => segment.length > 0);
}
