import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock, ProblemError, VIOLATION_TITLES } from '@app/config';
import {
  type LocalDate,
  type OrgUnit,
  type Principal,
  type RuleViolation,
  childKindViolation,
  chinaLocalDate,
  compareLocalDates,
  encodeOrgPath,
  moveTargetViolation,
  orgAdminViolation,
  violation,
} from '@app/domain';
import {
  type CloseBlockers,
  type OrgActor,
  OrgAdminRepository,
  type OrgUnitRecord,
  type OrgUnitSnapshot,
} from '@app/persistence';

import { type CreateOrgUnitDto, type MoveOrgUnitDto, type UpdateOrgUnitDto } from './org-admin.dto';
import {
  type AdminOrgUnitResponse,
  type OrgUnitAdminResponse,
  type OrgUnitChangeSummaryResponse,
  type OrgUnitHistoryResponse,
} from './org-admin.responses';

const ARTICLE = 'DOMAIN §5.1';

export const adminUnit = (unit: OrgUnitRecord): AdminOrgUnitResponse => ({
  id: unit.id,
  code: unit.code,
  name: unit.name,
  kind: unit.kind,
  parentId: unit.parentId,
  parentCode: unit.parentCode,
  depth: unit.depth,
  canApproveMembership: unit.canApproveMembership,
  closedOn: unit.closedOn,
});

const snapshot = (unit: OrgUnitRecord): OrgUnitSnapshot => ({
  code: unit.code,
  name: unit.name,
  kind: unit.kind,
  parentId: unit.parentId,
  parentCode: unit.parentCode,
  path: encodeOrgPath(unit.path),
  canApproveMembership: unit.canApproveMembership,
  closedOn: unit.closedOn,
});

const change = (
  kind: OrgUnitChangeSummaryResponse['kind'],
  before: OrgUnitRecord | null,
  after: OrgUnitRecord,
): OrgUnitChangeSummaryResponse => ({
  kind,
  before: before ? { ...snapshot(before) } : null,
  after: { ...snapshot(after) },
});

const rulesBroken = (violations: readonly RuleViolation[], status = 422, extra: object = {}): ProblemError =>
  new ProblemError(status, violations[0]!.code, VIOLATION_TITLES.GENERAL, violations[0]!.message, {
    article: violations[0]!.article,
    violations,
    ...extra,
  });

export const actorOf = (principal: Principal): OrgActor => ({
  subject: principal.subject,
  name: principal.name,
});

/**
 * Org-unit administration by the county org department (DOMAIN §5.1): create, rename and change 审批权, move
 * a subtree, close. Each change is checked in full first (authority, shape of the tree, open work), then
 * written in one transaction with its history row; a dry run answers the same, recording nothing.
 */
@Injectable()
export class OrgAdminService {
  constructor(
    private readonly admin: OrgAdminRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /** The unit a path names (404 when there is none), once the caller may administer it (403 otherwise). */
  async administrable(
    principal: Principal,
    reference: string,
    strictlyBelow = false,
  ): Promise<OrgUnitRecord> {
    const unit = await this.admin.record(reference);
    if (!unit) throw new ProblemError(404, 'ORG_UNIT_NOT_FOUND', '组织不存在', `no org unit ${reference}`);
    this.authorise(principal, unit, strictlyBelow);
    return unit;
  }

  authorise(principal: Principal, unit: OrgUnit, strictlyBelow = false): void {
    const refused = orgAdminViolation(principal, unit, strictlyBelow);
    if (refused) this.access.refuse(principal, refused, unit.code);
  }

  /** A unit a body field names, in the caller's county and open (to receive a unit). */
  private async openParent(principal: Principal, reference: string, field: string): Promise<OrgUnitRecord> {
    const parent = await this.admin.record(reference);
    if (!parent) {
      throw ProblemError.fromViolations('REFERENCE', [
        violation('ORG_UNIT_UNKNOWN', null, `${field}: 组织 ${reference} 不存在`, field),
      ]);
    }
    this.authorise(principal, parent);
    if (parent.closedOn) {
      throw rulesBroken([
        violation(
          'ORG_UNIT_CLOSED',
          ARTICLE,
          `${parent.name}已于 ${parent.closedOn} 撤销，不能再设下级组织`,
          field,
        ),
      ]);
    }
    return parent;
  }

  async create(principal: Principal, dto: CreateOrgUnitDto, dryRun: boolean): Promise<OrgUnitAdminResponse> {
    const parent = await this.openParent(principal, dto.parent, 'parent');
    const wrongKind = childKindViolation(parent.kind, dto.kind);
    if (wrongKind) throw rulesBroken([wrongKind]);
    if (await this.admin.codeTaken(dto.code)) {
      throw new ProblemError(
        409,
        'ORG_UNIT_CODE_TAKEN',
        '组织代码已被使用',
        `org unit code ${dto.code} is taken`,
      );
    }
    const unit = {
      code: dto.code,
      name: dto.name,
      kind: dto.kind,
      canApproveMembership: dto.canApproveMembership,
    };
    const created: OrgUnitRecord = dryRun
      ? {
          ...unit,
          id: '',
          parentId: parent.id,
          path: [...parent.path],
          depth: parent.depth + 1,
          closedOn: null,
          parentCode: parent.code,
        }
      : await this.admin.create(unit, parent, actorOf(principal));
    const view = change('CREATED', null, created);
    // A dry run gives the unit no id yet, so no path either (it would be the parent's path and the new id).
    if (dryRun) view.after = { ...view.after, path: null };
    return {
      dryRun,
      unit: { ...adminUnit(created), id: dryRun ? null : created.id },
      changes: [view],
      unitsAffected: 1,
    };
  }

  async update(
    principal: Principal,
    reference: string,
    dto: UpdateOrgUnitDto,
    dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    const unit = await this.administrable(principal, reference);
    if (unit.closedOn) throw closedProblem(unit);
    const after: OrgUnitRecord = {
      ...unit,
      ...(dto.name === undefined ? {} : { name: dto.name }),
      ...(dto.canApproveMembership === undefined ? {} : { canApproveMembership: dto.canApproveMembership }),
    };
    const changes: OrgUnitChangeSummaryResponse[] = [];
    if (after.name !== unit.name) changes.push(change('RENAMED', unit, after));
    if (after.canApproveMembership !== unit.canApproveMembership) {
      changes.push(change('APPROVAL_AUTHORITY_CHANGED', unit, after));
    }
    const updated =
      dryRun || changes.length === 0
        ? after
        : await this.admin.update(
            unit,
            { name: after.name, canApproveMembership: after.canApproveMembership },
            actorOf(principal),
          );
    return { dryRun, unit: adminUnit(updated), changes, unitsAffected: changes.length > 0 ? 1 : 0 };
  }

  /**
   * Moves a unit with everything under it. Refused when open tasks of cases under it sit with a body it would
   * leave (ORG_UNIT_MOVE_OPEN_TASKS, listing them): re-routing them would contradict the approval route the
   * case's workflow holds; decided first, the move goes through and later tasks route by the new tree.
   */
  async move(
    principal: Principal,
    reference: string,
    dto: MoveOrgUnitDto,
    dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    const unit = await this.administrable(principal, reference, true);
    if (unit.closedOn) throw closedProblem(unit);
    const parent = await this.openParent(principal, dto.parent, 'parent');
    const wrongPlace = moveTargetViolation(unit, parent);
    if (wrongPlace) throw rulesBroken([wrongPlace]);
    if (parent.id === unit.parentId) return { dryRun, unit: adminUnit(unit), changes: [], unitsAffected: 0 };
    const stranded = await this.admin.strandedTasks(unit, parent);
    if (stranded.length > 0) {
      throw rulesBroken(
        [
          violation(
            'ORG_UNIT_MOVE_OPEN_TASKS',
            ARTICLE,
            `${unit.name}之下有 ${stranded.length} 项待办在将要离开的组织（${[...new Set(stranded.map((task) => task.orgUnitCode))].join('、')}）办理中，须先办结`,
          ),
        ],
        409,
        { openTasks: stranded },
      );
    }
    const subtree = await this.admin.subtreeSize(unit);
    const moved: OrgUnitRecord = dryRun
      ? {
          ...unit,
          parentId: parent.id,
          parentCode: parent.code,
          path: [...parent.path, unit.id],
          depth: parent.depth + 1,
        }
      : await this.admin.move(unit, parent, actorOf(principal));
    return {
      dryRun,
      unit: adminUnit(moved),
      changes: [change('MOVED', unit, moved)],
      unitsAffected: subtree,
    };
  }

  /** Closes a unit with nothing open under it; it stays readable, takes nothing new, leaves the pickers. */
  async close(
    principal: Principal,
    reference: string,
    closedOn: string,
    dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    const unit = await this.administrable(principal, reference, true);
    if (unit.closedOn) throw closedProblem(unit);
    const today = chinaLocalDate(this.clock.now());
    if (compareLocalDates(closedOn as LocalDate, today) > 0) {
      throw rulesBroken([
        violation(
          'ORG_UNIT_CLOSED_ON_IN_FUTURE',
          ARTICLE,
          `撤销日期 ${closedOn} 晚于今天（${today}）`,
          'closedOn',
        ),
      ]);
    }
    const blockers = await this.admin.closeBlockers(unit);
    const found = closeViolations(unit, blockers);
    if (found.length > 0) throw rulesBroken(found, 409, { blockers });
    const closed: OrgUnitRecord = dryRun
      ? { ...unit, closedOn: closedOn as LocalDate }
      : await this.admin.close(unit, closedOn, actorOf(principal));
    return { dryRun, unit: adminUnit(closed), changes: [change('CLOSED', unit, closed)], unitsAffected: 1 };
  }

  async history(principal: Principal, reference: string, limit: number): Promise<OrgUnitHistoryResponse> {
    const unit = await this.administrable(principal, reference);
    const items = await this.admin.history(unit.id, limit);
    return {
      unit: adminUnit(unit),
      items: items.map((item) => ({ ...item, before: item.before ? { ...item.before } : null })),
    };
  }
}

function closedProblem(unit: OrgUnitRecord): ProblemError {
  return new ProblemError(
    409,
    'ORG_UNIT_CLOSED',
    '组织已撤销',
    `${unit.code} was closed on ${unit.closedOn}`,
  );
}

function closeViolations(unit: OrgUnitRecord, blockers: CloseBlockers): RuleViolation[] {
  const found: RuleViolation[] = [];
  const add = (count: number, code: string, what: string) => {
    if (count > 0) found.push(violation(code, ARTICLE, `${unit.name}之下还有 ${count} 个${what}`));
  };
  add(blockers.openChildren.total, 'ORG_UNIT_HAS_OPEN_CHILDREN', '未撤销的下级组织');
  add(
    blockers.openMemberCases.total + blockers.openCadreCases.total,
    'ORG_UNIT_HAS_OPEN_CASES',
    '办理中的发展党员或村干部案件',
  );
  add(blockers.openReserveEntries.total, 'ORG_UNIT_HAS_RESERVE_ENTRIES', '在库的后备力量');
  add(blockers.partyMembers.total, 'ORG_UNIT_HAS_MEMBERS', '党员（须先转接组织关系）');
  return found;
}
