import { ACTION_STEP, type MemberActionType } from '../member/machine/actions';
import { type MemberCaseState } from '../member/machine/state';
import { type MemberRuleSet } from '../member/rule-sets';
import { type StepActor } from '../member/steps';
import { type Principal, ROLE_NAMES, type Role } from '../kernel/principal';
import { type OrgUnit } from '../kernel/org/org-unit';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { chinaLocalDate, compareLocalDates } from '../kernel/time/local-date';

/** Which step actors each role may record for (always as the org unit it holds the role at). */
const ROLE_ACTORS: Record<Role, readonly StepActor[]> = {
  APPLICANT: [],
  MEMBER: [],
  SECRETARY: [
    'BRANCH',
    'BRANCH_COMMITTEE',
    'BRANCH_GENERAL_MEETING',
    'INDIVIDUAL', // 党支部 enters the applicant's own steps (志愿书, 转正申请) from the paper originals
    'CULTIVATION_CONTACTS',
    'REVIEWING_BODY',
    'APPROVING_COMMITTEE', // the committee's decisions are minuted by its secretary
    'TRAINING_BODY',
  ],
  ORGANISER: ['APPROVING_COMMITTEE', 'TRAINING_BODY', 'REVIEWING_BODY'],
  ORG_DEPARTMENT_OFFICER: ['ORG_DEPARTMENT', 'TRAINING_BODY'],
  AUDITOR: [],
};

/** Roles that hold an office and so see their part of the org tree (backlogs, targets, any case in it). */
export const OFFICE_ROLES: readonly Role[] = ['SECRETARY', 'ORGANISER', 'ORG_DEPARTMENT_OFFICER', 'AUDITOR'];

/** Roles that may plan: set the quotas of units below them (DOMAIN.md §4.3). */
export const PLANNING_ROLES: readonly Role[] = ['ORG_DEPARTMENT_OFFICER', 'ORGANISER'];

/** Actors whose steps are taken by the case's own branch (its secretary, committee or general meeting). */
const BRANCH_ACTORS: ReadonlySet<StepActor> = new Set([
  'BRANCH',
  'BRANCH_COMMITTEE',
  'BRANCH_GENERAL_MEETING',
  'INDIVIDUAL',
  'CULTIVATION_CONTACTS',
]);

/** Who may take an action: the step's actor, or for step-less actions the body the rules give it to. */
export function actorsOfAction(type: MemberActionType, rules: MemberRuleSet): readonly StepActor[] {
  switch (type) {
    case 'REVIEW_BY_BODY':
      return ['REVIEWING_BODY'];
    case 'REFUSE_RECOGNITION':
      return ['ORG_DEPARTMENT']; // §34: only a county-level org department may refuse recognition
    case 'START_LOCAL_NOTICE':
    case 'CLOSE_LOCAL_NOTICE':
    case 'WITHDRAW':
    case 'TRANSFER':
      return ['BRANCH'];
    case 'RECORD_OBJECTION':
      // Objections reach whoever posted the notice: the branch (local notices) or the committee (step 8).
      return ['BRANCH', rules.steps[ACTION_STEP.START_NOTICE - 1]!.actor];
    default:
      return [rules.steps[ACTION_STEP[type] - 1]!.actor];
  }
}

/** The actions a set of roles may take at all (for inboxes: what to show before looking at a case). */
export function actionsForRoles(roles: readonly Role[], rules: MemberRuleSet): MemberActionType[] {
  const actors = new Set(roles.flatMap((role) => ROLE_ACTORS[role]));
  return (Object.keys(ACTION_STEP) as MemberActionType[]).filter((type) =>
    actorsOfAction(type, rules).some((actor) => actors.has(actor)),
  );
}

const ARTICLE_SCOPE = 'DOMAIN §5.2 (3)';
const ARTICLE_COLLECTIVE = 'DOMAIN §5.2 (1)';
const ARTICLE_CONFLICT = 'DOMAIN §5.2 (4)';

/** The root of what a principal may see: its own unit, or for an org department the committee it serves. */
export function scopeRootId(unit: OrgUnit): string {
  return unit.kind === 'ORG_DEPARTMENT' && unit.parentId ? unit.parentId : unit.id;
}

/** Whether `unit` lies in the subtree the principal's org unit covers. */
export function inScope(principal: Principal, unit: OrgUnit): boolean {
  return unit.path.includes(scopeRootId(principal.orgUnit));
}

export function scopeViolation(principal: Principal, unit: OrgUnit): RuleViolation | undefined {
  return inScope(principal, unit)
    ? undefined
    : violation(
        'OUT_OF_SCOPE',
        ARTICLE_SCOPE,
        `${principal.orgUnit.name}的用户无权访问${unit.name}的数据（仅限本组织及下级）`,
      );
}

/** Reading across a subtree (backlogs, targets): an office, and the unit inside the caller's scope. */
export function subtreeReadViolation(principal: Principal, unit: OrgUnit): RuleViolation | undefined {
  if (!principal.roles.some((role) => OFFICE_ROLES.includes(role))) {
    return violation('ROLE_NOT_PERMITTED', ARTICLE_SCOPE, '只有党组织的工作人员可以查看组织范围内的数据');
  }
  return scopeViolation(principal, unit);
}

/**
 * Decoding Temporal payloads (the codec endpoint the Temporal UI and CLI call) shows the personal data of any
 * case, cadre case or reserve entry, with no case to scope it by: only read-only inspection (AUDITOR) whose
 * scope is the whole org tree may, i.e. someone who may read every one of them through the API anyway.
 */
export function payloadDecodingViolation(
  principal: Principal,
  roots: readonly OrgUnit[],
): RuleViolation | undefined {
  if (!principal.roles.includes('AUDITOR')) {
    return violation(
      'ROLE_NOT_PERMITTED',
      ARTICLE_SCOPE,
      '只有负责全域巡察的审计人员可以解密工作流数据（含全部人员的个人信息）',
    );
  }
  for (const root of roots) {
    const outside = scopeViolation(principal, root);
    if (outside) return outside;
  }
  return undefined;
}

/** The people a case concerns, for own-case reads and conflicts of interest. */
export interface CaseParties {
  readonly candidateId: string;
  readonly contactIds: readonly string[];
  readonly sponsorIds: readonly string[];
}

export function caseParties(state: MemberCaseState): CaseParties {
  return {
    candidateId: state.personId,
    contactIds: state.activist?.contacts ?? [],
    sponsorIds: state.target?.sponsors ?? [],
  };
}

/**
 * Reading a case: within the org scope (any role, auditors included), the candidate's own case, or a
 * case the caller sponsors or cultivates (assigned people only).
 */
export function readViolation(
  principal: Principal,
  branch: OrgUnit,
  parties: CaseParties,
): RuleViolation | undefined {
  const person = principal.personId;
  if (person && principal.roles.includes('APPLICANT') && person === parties.candidateId) return undefined;
  if (person && (parties.contactIds.includes(person) || parties.sponsorIds.includes(person)))
    return undefined;
  const officer = principal.roles.some((role) => OFFICE_ROLES.includes(role));
  if (!officer) {
    return violation('ROLE_NOT_PERMITTED', ARTICLE_SCOPE, '只能查看本人或本人联系、介绍的发展对象的案件');
  }
  return scopeViolation(principal, branch);
}

/**
 * Recording an action on a case: a role that may act for the step's actor, as the org unit the role is held
 * at (collective bodies act as entities: the recorder enters their decision), on a case in scope, and never
 * on a case where the recorder is the candidate, a sponsor or a cultivation contact. `parties` is null before
 * a case exists (entering an application decides nothing, so nobody has to stand aside).
 */
export function actionViolation(
  principal: Principal,
  actors: readonly StepActor[],
  actingBody: OrgUnit,
  branch: OrgUnit,
  parties: CaseParties | null,
): RuleViolation | undefined {
  const own = new Set(principal.roles.flatMap((role) => ROLE_ACTORS[role]));
  const permitted = actors.filter((actor) => own.has(actor));
  if (permitted.length === 0) {
    return violation(
      'ROLE_NOT_PERMITTED',
      ARTICLE_SCOPE,
      `角色（${principal.roles.map((role) => ROLE_NAMES[role]).join('、') || '无'}）不能办理此步骤（${actors.join('/')}）`,
    );
  }
  if (actingBody.id !== principal.orgUnit.id) {
    return violation(
      'NOT_ACTING_BODY',
      ARTICLE_COLLECTIVE,
      `只能以本组织（${principal.orgUnit.name}）的名义记录，不能代${actingBody.name}办理`,
      'actingBody',
    );
  }
  const notTheBranch = branchStepViolation(permitted, actingBody, branch);
  if (notTheBranch) return notTheBranch;
  const outOfScope = scopeViolation(principal, branch);
  if (outOfScope) return outOfScope;
  return parties ? conflictViolation(principal, parties) : undefined;
}

export function conflictViolation(principal: Principal, parties: CaseParties): RuleViolation | undefined {
  const person = principal.personId;
  if (!person) return undefined;
  const relation =
    person === parties.candidateId
      ? '本人'
      : parties.sponsorIds.includes(person)
        ? '入党介绍人'
        : parties.contactIds.includes(person)
          ? '培养联系人'
          : null;
  return relation
    ? violation('CONFLICT_OF_INTEREST', ARTICLE_CONFLICT, `办理人是本案的${relation}，应当回避`)
    : undefined;
}

/** Setting a unit's quota: a planning role, for a unit strictly below the planner's own (never its own). */
export function planningViolation(principal: Principal, unit: OrgUnit): RuleViolation | undefined {
  if (!principal.roles.some((role) => PLANNING_ROLES.includes(role))) {
    return violation('ROLE_NOT_PERMITTED', 'DOMAIN §4.3', '只有组织部门或基层党委组织员可以下达计划');
  }
  const root = scopeRootId(principal.orgUnit);
  const below = principal.orgUnit.kind === 'ORG_DEPARTMENT' ? unit.path.includes(root) : unit.id !== root;
  return below && inScope(principal, unit)
    ? undefined
    : violation('OUT_OF_SCOPE', 'DOMAIN §4.3', `不能为${unit.name}下达计划：计划由上级下达给下级`);
}

/** Longest substitution one delegation may cover; a longer absence is a new appointment, not a stand-in. */
export const MAX_DELEGATION_DAYS = 90;

/**
 * A delegation (代理) hands a non-empty subset of the delegator's office roles, at their own org unit, to a
 * stand-in for a bounded period. It cannot be passed on, cannot grant what the delegator does not hold, and
 * must end. It starts today or later (China time): any time today is accepted, since handovers are agreed
 * by the day and nothing can be done under a delegation before it exists; an earlier day would backdate it.
 * Whether the stand-in belongs to the delegator's unit is checked when they use it (delegateViolation).
 */
export function delegationViolations(
  principal: Principal,
  request: {
    readonly delegate: string;
    readonly roles: readonly Role[];
    readonly validFrom: Date;
    readonly validUntil: Date;
  },
  now: Date,
): RuleViolation[] {
  if (principal.actingFor) {
    return [violation('DELEGATION_CHAIN_FORBIDDEN', 'DOMAIN §5.2', '代理人不能再委托他人')];
  }
  const violations: RuleViolation[] = [];
  if (request.delegate === principal.subject) {
    violations.push(violation('DELEGATION_TO_SELF', 'DOMAIN §5.2', '不能委托给本人', 'delegate'));
  }
  const notHeld = request.roles.filter(
    (role) => !principal.roles.includes(role) || !OFFICE_ROLES.includes(role),
  );
  if (request.roles.length === 0 || notHeld.length > 0) {
    violations.push(
      violation(
        'DELEGATION_ROLES_NOT_HELD',
        'DOMAIN §5.2',
        `只能委托本人担任的职务角色${notHeld.length ? `（未担任：${notHeld.join('、')}）` : ''}`,
        'roles',
      ),
    );
  }
  if (compareLocalDates(chinaLocalDate(request.validFrom), chinaLocalDate(now)) < 0) {
    violations.push(
      violation(
        'DELEGATION_STARTS_IN_PAST',
        'DOMAIN §5.2',
        '代理不能从过去的日期开始（最早自今日起）',
        'validFrom',
      ),
    );
  }
  const days = (request.validUntil.getTime() - request.validFrom.getTime()) / 86_400_000;
  if (days <= 0 || days > MAX_DELEGATION_DAYS || request.validUntil.getTime() <= now.getTime()) {
    violations.push(
      violation(
        'DELEGATION_PERIOD_INVALID',
        'DOMAIN §5.2',
        `代理期限须在将来结束、晚于开始且不超过${MAX_DELEGATION_DAYS}天`,
        'validUntil',
      ),
    );
  }
  return violations;
}

/**
 * Using a delegation: the stand-in must belong to the delegator's org unit or a unit below it. Their own
 * token (the identity provider's word, not the delegator's) names their unit; the API keeps no directory of
 * users, so this is checked on every use, which also catches a stand-in who has moved since.
 */
export function delegateViolation(delegatorUnit: OrgUnit, delegate: Principal): RuleViolation | undefined {
  return delegate.orgUnit.path.includes(delegatorUnit.id)
    ? undefined
    : violation(
        'DELEGATE_OUTSIDE_ORG_UNIT',
        'DOMAIN §5.2',
        `代理人须为${delegatorUnit.name}或其下级组织的人员，${delegate.orgUnit.name}的用户不能代理`,
      );
}

/** Who acts on a case a village holds (a recruitment case, a reservist): see cadreActionViolation. */
export type VillageActor = 'TOWNSHIP' | 'COUNTY_DEPARTMENT' | 'TOWNSHIP_OR_COUNTY' | 'NOMINATOR';

/**
 * Cadre recruitment (DOMAIN §2.1, §5.2): the township committee above the village runs the case (its
 * organiser or secretary, as the committee); the county org department takes the joint-review answers and
 * the filing; a village is nominated by its own party organisation or by the township.
 */
export function cadreActionViolation(
  principal: Principal,
  actor: VillageActor,
  village: OrgUnit,
): RuleViolation | undefined {
  const unit = principal.orgUnit;
  const township =
    unit.kind === 'TOWNSHIP_COMMITTEE' &&
    village.path.includes(unit.id) &&
    principal.roles.some((role) => role === 'ORGANISER' || role === 'SECRETARY');
  const county =
    unit.kind === 'ORG_DEPARTMENT' &&
    inScope(principal, village) &&
    principal.roles.includes('ORG_DEPARTMENT_OFFICER');
  const villageItself = unit.id === village.id && principal.roles.includes('SECRETARY');
  const allowed =
    actor === 'TOWNSHIP'
      ? township
      : actor === 'COUNTY_DEPARTMENT'
        ? county
        : actor === 'TOWNSHIP_OR_COUNTY'
          ? township || county
          : township || villageItself;
  if (allowed) return undefined;
  if (!inScope(principal, village)) return scopeViolation(principal, village);
  return violation(
    'BODY_WITHOUT_AUTHORITY',
    'DOMAIN §2.1',
    actor === 'COUNTY_DEPARTMENT'
      ? '此步骤由县委组织部办理'
      : `此步骤由村所在乡镇党委（组织员或书记）办理，${unit.name}无权办理`,
  );
}

/**
 * Bringing in cases that started on paper (在办案件导入): the county org department keeps the archives
 * (DOMAIN §5.2), so its officer brings in the cases of the county it serves, and nobody else.
 */
export function caseImportViolation(principal: Principal, branch: OrgUnit): RuleViolation | undefined {
  if (principal.orgUnit.kind !== 'ORG_DEPARTMENT' || !principal.roles.includes('ORG_DEPARTMENT_OFFICER')) {
    return violation('ROLE_NOT_PERMITTED', 'DOMAIN §5.2', '只有县委组织部可以导入纸质在办案件');
  }
  return scopeViolation(principal, branch);
}

/**
 * The body an imported step names as having acted: one of the case's county (the importer's scope), and for a
 * branch's own steps the case's branch, as recording it live would require (actionViolation).
 */
export function importedActingBodyViolation(
  principal: Principal,
  actors: readonly StepActor[],
  actingBody: OrgUnit,
  branch: OrgUnit,
): RuleViolation | undefined {
  return branchStepViolation(actors, actingBody, branch) ?? scopeViolation(principal, actingBody);
}

/** A branch's own step (its committee, meeting, members) is the case's branch's to record, no other body's. */
function branchStepViolation(
  actors: readonly StepActor[],
  actingBody: OrgUnit,
  branch: OrgUnit,
): RuleViolation | undefined {
  return actors.length > 0 && actors.every((actor) => BRANCH_ACTORS.has(actor)) && actingBody.id !== branch.id
    ? violation(
        'NOT_ACTING_BODY',
        ARTICLE_COLLECTIVE,
        `此步骤由本案所在党支部（${branch.name}）办理`,
        'actingBody',
      )
    : undefined;
}
