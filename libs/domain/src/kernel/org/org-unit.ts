import { type RuleViolation, violation } from '../rules/rule-violation';
import { type LocalDate } from '../time/local-date';

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
  /** The day the unit was closed (撤销), only when it has been: it stays readable and takes nothing new. */
  readonly closedOn?: LocalDate | null;
}

/**
 * A closed unit cannot receive a new case (or anything else new); `what` names what was sent to it, `field` the
 * body field that names the unit.
 */
export function closedUnitViolation(unit: OrgUnit, what: string, field?: string): RuleViolation | undefined {
  return unit.closedOn
    ? violation(
        'ORG_UNIT_CLOSED',
        'DOMAIN §5.1',
        `${unit.name}已于${unit.closedOn}撤销，不再受理${what}`,
        field,
      )
    : undefined;
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

/**
 * Which kinds of unit may sit directly under each kind (DOMAIN.md §5.1): committees hold the committees below
 * them and their org department; a township holds its villages' committees, general branches and branches; a
 * general branch holds branches; a branch holds party groups. An org department and a party group hold nothing.
 */
export const ORG_UNIT_CHILD_KINDS: Readonly<Record<OrgUnitKind, readonly OrgUnitKind[]>> = {
  PROVINCE_COMMITTEE: ['CITY_COMMITTEE', 'ORG_DEPARTMENT'],
  CITY_COMMITTEE: ['COUNTY_COMMITTEE', 'ORG_DEPARTMENT'],
  COUNTY_COMMITTEE: ['TOWNSHIP_COMMITTEE', 'ORG_DEPARTMENT'],
  ORG_DEPARTMENT: [],
  TOWNSHIP_COMMITTEE: ['VILLAGE_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH'],
  VILLAGE_COMMITTEE: ['GENERAL_BRANCH', 'BRANCH'],
  GENERAL_BRANCH: ['BRANCH'],
  BRANCH: ['PARTY_GROUP'],
  PARTY_GROUP: [],
};

export function mayHoldChild(parent: OrgUnitKind, child: OrgUnitKind): boolean {
  return ORG_UNIT_CHILD_KINDS[parent].includes(child);
}

/**
 * Units where a party membership may be held (组织关系所在党组织): branches, and the committees that keep members
 * directly (a township's own officers, a village committee or general branch without a branch for them).
 */
export const MEMBERSHIP_HOLDING_KINDS: ReadonlySet<OrgUnitKind> = new Set([
  'TOWNSHIP_COMMITTEE',
  'VILLAGE_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
]);
