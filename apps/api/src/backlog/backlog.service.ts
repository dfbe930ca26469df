import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import {
  type LocalDate,
  MEMBER_PHASES,
  type OrgUnit,
  type Principal,
  chinaLocalDate,
  compareLocalDates,
  daysBetween,
  phaseOfStep,
  violation,
} from '@app/domain';
import {
  type BacklogCursor,
  type BacklogFilter,
  type BacklogItem,
  BacklogRepository,
  type BacklogSort,
  type BacklogBuckets,
  type BacklogSummary,
  OrgUnitsRepository,
} from '@app/persistence';

import { CURSOR_ID, decodePageCursor, encodePageCursor } from '../page-cursor';
import { inboxActions, taskEndpoint, taskNames } from './task-kinds';
import { type BacklogQueryDto, type BacklogSummaryQueryDto, type PageQueryDto } from './backlog.dto';

export interface BacklogItemView extends Omit<BacklogItem, 'candidate'> {
  /** The member candidate, cadre nominee or reservist, and where their case stands (code and name). */
  readonly candidate: BacklogItem['candidate'] & { readonly stageName: string };
  /** The awaited action as organizers name it (谈话, 资格审查…). */
  readonly actionName: string;
  /** Where to act on it: POST this path with the action's body. */
  readonly endpoint: string;
  readonly overdue: boolean;
  /** Days from today to the due date (negative when overdue), null without a deadline. */
  readonly daysLeft: number | null;
}

export interface BacklogPageView {
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly today: LocalDate;
  readonly items: readonly BacklogItemView[];
  readonly nextCursor: string | null;
}

const EMPTY_BUCKETS: BacklogBuckets = {
  open: 0,
  overdue: 0,
  dueWithin7Days: 0,
  dueWithin30Days: 0,
  dueLater: 0,
  noDeadline: 0,
  waiting0to7Days: 0,
  waiting8to30Days: 0,
  waiting31to90Days: 0,
  waitingOver90Days: 0,
};

export interface BacklogSummaryView extends BacklogSummary {
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly today: LocalDate;
  readonly total: BacklogBuckets;
}

const STEPS_OF_PHASE = (phase: keyof typeof MEMBER_PHASES): number[] =>
  Array.from({ length: 25 }, (_, index) => index + 1).filter((step) => phaseOfStep(step) === phase);

const encodeCursor = (cursor: BacklogCursor): string => encodePageCursor(cursor);

function decodeCursor(value: string | undefined, sort: BacklogSort): BacklogCursor | undefined {
  if (value === undefined) return undefined;
  return decodePageCursor(value, (cursor) => {
    const validKey =
      sort === 'waiting'
        ? typeof cursor['createdAt'] === 'string' && !Number.isNaN(Date.parse(cursor['createdAt']))
        : cursor['dueOn'] === null ||
          (typeof cursor['dueOn'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cursor['dueOn']));
    const validId = typeof cursor['id'] === 'string' && CURSOR_ID.test(cursor['id']);
    return cursor['sort'] === sort && validId && validKey ? (cursor as unknown as BacklogCursor) : undefined;
  });
}

@Injectable()
export class BacklogService {
  constructor(
    private readonly backlog: BacklogRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /** Tasks across a subtree the caller may see, filtered, sorted, one keyset page at a time. */
  async list(principal: Principal, query: BacklogQueryDto): Promise<BacklogPageView> {
    const subtree = await this.subtree(principal, query.orgUnit);
    const today = chinaLocalDate(this.clock.now());
    const steps = [
      ...(query.stage ? [STEPS_OF_PHASE(query.stage)] : []),
      ...(query.step !== undefined ? [[query.step]] : []),
    ].reduce<number[] | undefined>(
      (acc, list) => (acc ? acc.filter((s) => list.includes(s)) : list),
      undefined,
    );
    // Stages S1–S5 are the member pipeline's: asking for one asks for member cases.
    const workflowKind = query.stage ? 'MEMBER_DEVELOPMENT' : query.workflowKind;
    if (query.stage && query.workflowKind && query.workflowKind !== workflowKind) {
      throw new ProblemError(
        400,
        'STAGE_OF_OTHER_PIPELINE',
        '阶段只适用于发展党员',
        'stage S1–S5 filters member development tasks; leave it out for cadre and reserve tasks',
      );
    }
    const filter: BacklogFilter = {
      subtree,
      status: query.status,
      today,
      ...(workflowKind ? { workflowKind } : {}),
      ...(steps ? { steps } : {}),
      ...(query.action ? { actions: [query.action] } : {}),
      ...(query.dueBefore ? { dueBefore: query.dueBefore as LocalDate } : {}),
      ...(query.overdue ? { overdue: true } : {}),
      ...(query.breachingWithinDays !== undefined ? { breachingWithinDays: query.breachingWithinDays } : {}),
    };
    return this.render(subtree, today, filter, query.sort, query);
  }

  /**
   * The actions the caller can take now at their own unit, soonest deadline first, leaving out the cases they
   * must stand aside from (DOMAIN §5.2 (4)).
   */
  async inbox(principal: Principal, query: PageQueryDto): Promise<BacklogPageView> {
    const actionsByKind = inboxActions(principal);
    if (Object.values(actionsByKind).every((actions) => actions.length === 0)) {
      this.access.refuse(
        principal,
        violation('ROLE_NOT_PERMITTED', 'DOMAIN §5.2', '此角色不办理任何步骤，没有待办'),
        principal.orgUnit.code,
      );
    }
    const today = chinaLocalDate(this.clock.now());
    const filter: BacklogFilter = {
      subtree: principal.orgUnit,
      orgUnitId: principal.orgUnit.id,
      actionsByKind,
      ...(principal.personId ? { standAsidePersonId: principal.personId } : {}),
      status: 'OPEN',
      today,
    };
    return this.render(principal.orgUnit, today, filter, 'due', query);
  }

  /** Open tasks counted per child unit, by deadline and by time waiting. */
  async summary(principal: Principal, query: BacklogSummaryQueryDto): Promise<BacklogSummaryView> {
    const subtree = await this.subtree(principal, query.orgUnit);
    const now = this.clock.now();
    const today = chinaLocalDate(now);
    const summary = await this.backlog.summary(
      { subtree, status: 'OPEN', today, ...(query.workflowKind ? { workflowKind: query.workflowKind } : {}) },
      now,
    );
    const total = { ...EMPTY_BUCKETS };
    for (const buckets of [summary.own, ...summary.children]) {
      for (const key of Object.keys(total) as (keyof BacklogBuckets)[]) total[key] += buckets[key];
    }
    return { orgUnit: { id: subtree.id, code: subtree.code, name: subtree.name }, today, total, ...summary };
  }

  private async subtree(principal: Principal, reference: string | undefined): Promise<OrgUnit> {
    const own = principal.orgUnit;
    const unit = reference
      ? reference === own.id || reference === own.code
        ? own
        : await this.orgUnits.find(reference)
      : principal.orgUnit.kind === 'ORG_DEPARTMENT' && principal.orgUnit.parentId
        ? await this.orgUnits.find(principal.orgUnit.parentId)
        : principal.orgUnit;
    if (!unit)
      throw new ProblemError(404, 'ORG_UNIT_NOT_FOUND', '组织不存在', `no org unit ${reference ?? ''}`);
    this.access.assertCanReadSubtree(principal, unit);
    return unit;
  }

  private async render(
    root: OrgUnit,
    today: LocalDate,
    filter: BacklogFilter,
    sort: BacklogSort,
    paging: PageQueryDto,
  ): Promise<BacklogPageView> {
    const page = await this.backlog.page(filter, sort, paging.limit, decodeCursor(paging.cursor, sort));
    return {
      orgUnit: { id: root.id, code: root.code, name: root.name },
      today,
      items: page.items.map((item) => {
        const { actionName, stageName } = taskNames(item);
        return {
          ...item,
          candidate: { ...item.candidate, stageName },
          actionName,
          endpoint: taskEndpoint(item),
          overdue: item.dueOn !== null && compareLocalDates(item.dueOn as LocalDate, today) < 0,
          daysLeft: item.dueOn === null ? null : daysBetween(today, item.dueOn as LocalDate),
        };
      }),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }
}
