import { type OrgUnit } from './org/org-unit';
import { type LocalDate } from './time/local-date';

/**
 * Roles a token may carry (DOMAIN.md §5.2). A role is held at one org unit (the token's `org_unit`);
 * sponsors and cultivation contacts are not roles: they follow from the case (assigned people only).
 */
export const ROLES = [
  'APPLICANT', // 申请人 / 积极分子 / 发展对象 / 预备党员: their own case, read only
  'MEMBER', // 党员 without an office: the cases they sponsor or cultivate, read only
  'SECRETARY', // 书记 / 组织委员: records for the unit's branch, committee, meeting or reviewing body
  'ORGANISER', // 组织员 / 委员 of a 基层党委: committee steps (consent, pre-review, interview, approval), training
  'ORG_DEPARTMENT_OFFICER', // 县委组织部: filing, training, recognition of transfers, plans and quotas
  'AUDITOR', // 巡察 / 上级组织部: reads the subtree, never acts
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  APPLICANT: '申请人本人',
  MEMBER: '党员',
  SECRETARY: '书记/组织委员',
  ORGANISER: '组织员',
  ORG_DEPARTMENT_OFFICER: '组织部门工作人员',
  AUDITOR: '巡察/审计（只读）',
};

/** Who is asking: verified token claims, resolved against the org tree (and a delegation, if acting for). */
export interface Principal {
  readonly subject: string;
  readonly name: string;
  /** The person the user is, when known: for "own case" reads and conflicts of interest. */
  readonly personId: string | null;
  readonly orgUnit: OrgUnit;
  readonly roles: readonly Role[];
  /** Set when acting for an absent colleague under a time-bounded delegation ("acting for"). */
  readonly actingFor: { readonly subject: string; readonly delegationId: string } | null;
}

/** Who entered a record: the signed-in user, and whom they acted for under a delegation (代理). */
export interface RecordedBy {
  readonly subject: string;
  readonly name: string;
  readonly actingFor: string | null;
}

export function recordedBy(principal: Principal): RecordedBy {
  return {
    subject: principal.subject,
    name: principal.name,
    actingFor: principal.actingFor?.subject ?? null,
  };
}

/**
 * Where a case that started on paper came from (入档 of an in-flight case): the paper source named by the org
 * department, the day it was brought in and who brought it. Every dossier record of the imported history
 * carries it.
 */
export interface ImportProvenance {
  readonly source: string;
  readonly importedOn: LocalDate;
  readonly by: RecordedBy;
  /**
   * Whether the imported history admits the person as a probationary member: the roster may already list them
   * as 预备党员 (that membership is this case's own doing, not a reason to refuse the application).
   */
  readonly admitsProbationary: boolean;
}

/** What each dossier record of an imported case says about where it came from. */
export function importedMark({ source, importedOn, by }: ImportProvenance): {
  source: string;
  importedOn: LocalDate;
  by: { subject: string; name: string; actingFor: string | null };
} {
  return { source, importedOn, by: { ...by } };
}
