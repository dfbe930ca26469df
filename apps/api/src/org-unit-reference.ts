import { ProblemError } from '@app/config';
import { type OrgUnit, violation } from '@app/domain';
import { type OrgUnitsRepository } from '@app/persistence';

/**
 * The org unit a request field names (id or code); 422 ORG_UNIT_UNKNOWN naming the field when there is none. A
 * field of the body (`inBody`, the default) is also the violation's `field`; a path or query parameter is not.
 */
export async function requireOrgUnit(
  orgUnits: OrgUnitsRepository,
  reference: string,
  field: string,
  inBody = true,
): Promise<OrgUnit> {
  const unit = await orgUnits.find(reference);
  if (!unit) {
    throw ProblemError.fromViolations('REFERENCE', [
      violation('ORG_UNIT_UNKNOWN', null, `${field}: 组织 ${reference} 不存在`, inBody ? field : undefined),
    ]);
  }
  return unit;
}
