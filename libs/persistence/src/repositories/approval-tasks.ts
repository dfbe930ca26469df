import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { type CaseTaskCommand } from '@app/contracts';
import {
  type OrgUnit,
  RESERVE_REVIEW_STEP,
  type RuleSetId,
  encodeOrgPath,
  memberRuleSet,
  routeApproval,
} from '@app/domain';

import { type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { toOrgUnit } from './org-units.repository';

const asDate = (localDate: string | null): Date | null =>
  localDate ? new Date(`${localDate}T00:00:00.000Z`) : null;

/** The pipelines whose cases have tasks, as `approval_task.workflow_kind` names them. */
export const WORKFLOW_KINDS = ['MEMBER_DEVELOPMENT', 'CADRE_RECRUITMENT', 'RESERVE_POOL'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

/** Decided per half-year review (opened and closed by the review, see ReservePoolRepository), not per entry step. */
export const RESERVE_REVIEW_ACTION = 'DECIDE_REVIEW';

/**
 * The case whose tasks are replaced: a member case under its branch (the rule set routes approval), or a cadre
 * case or reservist under its village (the township committee above it acts, the county org department answers
 * joint reviews and keeps the register).
 */
export type TaskSubject =
  | {
      readonly kind: 'MEMBER_DEVELOPMENT';
      readonly id: string;
      readonly unitId: string;
      readonly ruleSet: string;
    }
  | { readonly kind: 'CADRE_RECRUITMENT' | 'RESERVE_POOL'; readonly id: string; readonly unitId: string };

/** What resolving who acts reads of a task: the kind of body that acts, and the units that have done it. */
export type ActingTask = Pick<CaseTaskCommand, 'actor' | 'doneBy'>;

/** Who acts on each task, resolved from the org tree above the case's unit. */
async function actingUnitsResolver(
  tx: Prisma.TransactionClient,
  subject: TaskSubject,
  tasks: readonly ActingTask[],
): Promise<(task: ActingTask) => readonly OrgUnit[]> {
  const unit = toOrgUnit(await tx.orgUnit.findUniqueOrThrow({ where: { id: subject.unitId } }));
  const pathIds = [...unit.path];
  const ancestry = (await tx.orgUnit.findMany({ where: { id: { in: pathIds } } }))
    .map(toOrgUnit)
    .sort((a, b) => pathIds.indexOf(a.id) - pathIds.indexOf(b.id));
  const needsDepartment = tasks.some((task) => ['ORG_DEPARTMENT', 'COUNTY_DEPARTMENT'].includes(task.actor));
  // Nearest ancestor's department first.
  const departments = needsDepartment
    ? (await tx.orgUnit.findMany({ where: { parentId: { in: pathIds }, kind: 'ORG_DEPARTMENT' } }))
        .map(toOrgUnit)
        .sort((a, b) => pathIds.indexOf(b.parentId ?? '') - pathIds.indexOf(a.parentId ?? ''))
        .slice(0, 1)
    : [];
  if (subject.kind !== 'MEMBER_DEVELOPMENT') {
    const township = ancestry.filter((each) => each.kind === 'TOWNSHIP_COMMITTEE').slice(-1);
    return (task) => (task.actor === 'COUNTY_DEPARTMENT' ? departments : township);
  }
  const routed = routeApproval(memberRuleSet(subject.ruleSet as RuleSetId), ancestry);
  const route = 'route' in routed ? routed.route : undefined;
  return (task) => {
    switch (task.actor) {
      case 'APPROVING_COMMITTEE':
      case 'TRAINING_BODY':
        return route ? [route.approver] : [];
      case 'REVIEWING_BODY':
        return route ? route.reviewers.filter((each) => !task.doneBy?.includes(each.id)) : [];
      case 'ORG_DEPARTMENT':
        return departments;
      default:
        return [unit];
    }
  };
}

/**
 * Replaces a case's open tasks with `tasks` inside the caller's transaction: tasks no longer awaited are
 * closed, new ones opened, due dates refreshed. Who acts is resolved from the org tree: the case's branch,
 * the committee with approval authority above it, the review-only bodies on the way, the township committee
 * above a village, the org department. A reservist's half-year review decisions are left to the review.
 */
export async function replaceOpenTasks(
  tx: Prisma.TransactionClient,
  subject: TaskSubject,
  tasks: readonly CaseTaskCommand[],
  now: Date,
): Promise<void> {
  const actingUnits = await actingUnitsResolver(tx, subject, tasks);
  const wanted = tasks.flatMap((task) => actingUnits(task).map((unit) => ({ task, unit })));
  const open = await tx.approvalTask.findMany({
    where: {
      workflowKind: subject.kind,
      caseId: subject.id,
      status: 'OPEN',
      action: { not: RESERVE_REVIEW_ACTION },
    },
  });
  const key = (action: string, ref: string, orgUnitId: string) => `${action}|${ref}|${orgUnitId}`;
  const wantedKeys = new Set(wanted.map(({ task, unit }) => key(task.action, task.ref ?? '', unit.id)));
  const done = open
    .filter((task) => !wantedKeys.has(key(task.action, task.ref, task.orgUnitId)))
    .map((task) => task.id);
  if (done.length > 0) {
    await tx.approvalTask.updateMany({
      where: { id: { in: done } },
      data: { status: 'DONE', completedAt: now },
    });
  }
  for (const { task, unit } of wanted) {
    const ref = task.ref ?? '';
    const existing = open.find(
      (row) => key(row.action, row.ref, row.orgUnitId) === key(task.action, ref, unit.id),
    );
    const dates = { dueOn: asDate(task.dueOn), capOn: asDate(task.capOn) };
    if (existing) {
      await tx.approvalTask.update({ where: { id: existing.id }, data: dates });
    } else {
      await tx.approvalTask.create({
        data: {
          id: randomUUID(),
          caseId: subject.id,
          workflowKind: subject.kind,
          action: task.action,
          ref,
          step: task.step,
          orgUnitId: unit.id,
          orgPath: encodeOrgPath(unit.path),
          ...dates,
        },
      });
    }
  }
}

/** A half-year review's decisions in the committees' backlog: the township decides each by the review's day. */
export async function openReviewTasks(
  tx: Prisma.TransactionClient,
  review: { readonly id: string; readonly dueOn: Date },
  township: { readonly id: string; readonly path: string },
  entryIds: readonly string[],
): Promise<void> {
  await tx.approvalTask.createMany({
    data: entryIds.map((entryId) => ({
      id: randomUUID(),
      caseId: entryId,
      workflowKind: 'RESERVE_POOL',
      action: RESERVE_REVIEW_ACTION,
      ref: review.id,
      step: RESERVE_REVIEW_STEP,
      orgUnitId: township.id,
      orgPath: township.path,
      dueOn: review.dueOn,
    })),
  });
}

/** Half-year review decisions no longer awaited (decided, the review closed, or the entry left the pool). */
export async function closeReviewTasks(
  tx: Prisma.TransactionClient,
  which: { readonly entryId?: string; readonly reviewId?: string },
): Promise<void> {
  await tx.approvalTask.updateMany({
    where: {
      workflowKind: 'RESERVE_POOL',
      action: RESERVE_REVIEW_ACTION,
      status: 'OPEN',
      ...(which.entryId ? { caseId: which.entryId } : {}),
      ...(which.reviewId ? { ref: which.reviewId } : {}),
    },
    data: { status: 'DONE', completedAt: new Date() },
  });
}

export interface ApprovalTaskView {
  readonly id: string;
  readonly caseId: string;
  readonly action: string;
  /** Which of several tasks of the action: a joint-review department, a half-year review id; '' if one. */
  readonly ref: string;
  readonly step: number;
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly dueOn: string | null;
  readonly capOn: string | null;
  readonly status: 'OPEN' | 'DONE';
  readonly createdAt: string;
  readonly completedAt: string | null;
}

const dateOnly = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);

@Injectable()
export class ApprovalTasksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Who may act on each of `tasks` of the case, resolved as the task read model resolves them (reads only):
   * for the available actions of a case, which are not all tasks.
   */
  actingUnits(
    subject: TaskSubject,
    tasks: readonly ActingTask[],
  ): Promise<(task: ActingTask) => readonly OrgUnit[]> {
    return actingUnitsResolver(this.prisma, subject, tasks);
  }

  /** A case's tasks, open ones first, soonest due first. */
  async forCase(kind: WorkflowKind, caseId: string): Promise<ApprovalTaskView[]> {
    const rows = await this.prisma.approvalTask.findMany({
      where: { workflowKind: kind, caseId },
      include: { orgUnit: true },
      orderBy: [{ status: 'asc' }, { dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    });
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      action: row.action,
      ref: row.ref,
      step: row.step,
      orgUnit: { id: row.orgUnit.id, code: row.orgUnit.code, name: row.orgUnit.name },
      dueOn: dateOnly(row.dueOn),
      capOn: dateOnly(row.capOn),
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
    }));
  }
}
