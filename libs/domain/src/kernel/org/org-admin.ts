import { type Principal } from '../principal';
import { type RuleViolation, violation } from '../rules/rule-violation';
import { ORG_UNIT_CHILD_KINDS, type OrgUnit, type OrgUnitKind, mayHoldChild } from './org-unit';

const ARTICLE_ADMIN = 'DOMAIN §5.1';

/**
 * Administering the org tree (create, rename, move, close, import, export) is the county org department's:
 * an ORG_DEPARTMENT_OFFICER whose unit is an ORG_DEPARTMENT, within the subtree of the committee it serves.
 * `unit` is the unit acted on (or the parent a new unit goes under); `strictlyBelow` refuses the committee
 * itself (the county's own row is not the department's to move or close).
 */
export function orgAdminViolation(
  principal: Principal,
  unit: OrgUnit,
  strictlyBelow = false,
): RuleViolation | undefined {
  const office = principal.orgUnit;
  if (!principal.roles.includes('ORG_DEPARTMENT_OFFICER') || office.kind !== 'ORG_DEPARTMENT') {
    return violation(
      'ROLE_NOT_PERMITTED',
      ARTICLE_ADMIN,
      '只有县委组织部可以调整组织设置、导入或导出组织与党员名册',
    );
  }
  const root = office.parentId ?? office.id;
  if (!unit.path.includes(root) || (strictlyBelow && unit.id === root)) {
    return violation('OUT_OF_SCOPE', ARTICLE_ADMIN, `${unit.name}不在${office.name}管理的范围内`);
  }
  return undefined;
}

/**
 * A unit of `kind` under a parent of `parentKind`: refused unless the tree's shape allows it. `field` is the body
 * field the choice was made in (the new unit's kind; the parent a unit moves under).
 */
export function childKindViolation(
  parentKind: OrgUnitKind,
  kind: OrgUnitKind,
  field = 'kind',
): RuleViolation | undefined {
  if (mayHoldChild(parentKind, kind)) return undefined;
  const allowed = ORG_UNIT_CHILD_KINDS[parentKind];
  return violation(
    'ORG_UNIT_KIND_NOT_ALLOWED',
    ARTICLE_ADMIN,
    `${parentKind} 之下不能设立 ${kind}` +
      (allowed.length > 0 ? `（只能设立 ${allowed.join('、')}）` : '（其下不设组织）'),
    field,
  );
}

/** Moving `unit` under `parent`: never into its own subtree (that would cut the branch off the tree). */
export function moveTargetViolation(unit: OrgUnit, parent: OrgUnit): RuleViolation | undefined {
  if (parent.path.includes(unit.id)) {
    return violation(
      'ORG_UNIT_MOVE_INTO_OWN_SUBTREE',
      ARTICLE_ADMIN,
      `不能把${unit.name}移到它自己或其下级组织${parent.name}之下`,
      'parent',
    );
  }
  return childKindViolation(parent.kind, unit.kind, 'parent');
}
