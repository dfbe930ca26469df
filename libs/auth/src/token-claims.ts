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

const MAX_CLAIM_LENGTH = 200;
// Printable characters only (no controls, no lone surrogates), at most MAX_CLAIM_LENGTH of them.
const CLAIM_TEXT = /^(?:[^\p{Cc}\p{Cs}])+$/u;

/** Checks the shape of verified claims; returns what is wrong, or the claims. */
export function parseClaims(payload: Record<string, unknown>): TokenClaims | string {
  const { sub, name, org_unit: orgUnit, roles, person_id: personId } = payload;
  const tooLong = [sub, name, orgUnit].some(
    (value) => typeof value === 'string' && value.length > MAX_CLAIM_LENGTH,
  );
  if (tooLong) return `sub, name and org_unit must be at most ${MAX_CLAIM_LENGTH} characters`;
  if (typeof sub !== 'string' || sub.length === 0) return 'sub is missing';
  // Subjects are stored (delegations, idempotency keys, dossier records): bounded and printable.
  if (!CLAIM_TEXT.test(sub)) return `sub must be 1-${MAX_CLAIM_LENGTH} printable characters`;
  if (typeof orgUnit !== 'string' || !CLAIM_TEXT.test(orgUnit)) return 'org_unit is missing or malformed';
  if (typeof name === 'string' && !CLAIM_TEXT.test(name)) return 'name is malformed';
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
