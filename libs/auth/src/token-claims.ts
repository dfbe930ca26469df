import { ROLES, type Role } from '@app/domain';

/** The claims Xianfeng reads from a bearer token (besides iss, aud, exp). */
export interface TokenClaims {
  readonly sub: string;
  readonly name: string;
  /** The org unit the roles are held at: id or code. */
  readonly org_unit: string;
  readonly roles: readonly Role[];
  /** The person the user is, when the identity provider knows it (own case, conflicts of interest). */
  readonly person_id?: string;
}

/** Checks the shape of verified claims; returns what is wrong, or the claims. */
export function parseClaims(payload: Record<string, unknown>): TokenClaims | string {
  const { sub, name, org_unit: orgUnit, roles, person_id: personId } = payload;
  if (typeof sub !== 'string' || sub.length === 0) return 'sub is missing';
  if (typeof orgUnit !== 'string' || orgUnit.length === 0) return 'org_unit is missing';
  if (!Array.isArray(roles) || roles.length === 0) return 'roles is missing or empty';
  const unknown = roles.filter((role) => !(ROLES as readonly unknown[]).includes(role));
  if (unknown.length > 0) return `unknown roles: ${unknown.map(String).join(', ')}`;
  if (personId !== undefined && (typeof personId !== 'string' || !/^[0-9a-f-]{36}$/i.test(personId)))
    return 'person_id must be a UUID';
  return {
    sub,
    name: typeof name === 'string' && name.length > 0 ? name : sub,
    org_unit: orgUnit,
    roles: roles as Role[],
    ...(personId ? { person_id: personId } : {}),
  };
}
