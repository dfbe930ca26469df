import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { type CaseTaskCommand } from '@app/contracts';
import { type OrgUnit, type RuleSetId, decodeOrgPath, memberRuleSet, routeApproval } from '@app/domain';

import { type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { toOrgUnit } from './org-units.repository';

const asDate = (localDate: string | null): Date | null =>
  localDate ? new Date(`${localDate}T00:00:00.000Z`) : null;

/**
 * Replaces a case's open tasks with `tasks` inside the caller's transaction: tasks no longer awaited are
 * closed, new ones opened, due dates refreshed. Who acts is resolved from the org tree: the case's branch,
 * the committee with approval authority above it, the review-only bodies on the way, the org department.
 */
export async function replaceOpenTasks(
  tx: Prisma.TransactionClient,
  memberCase: { readonly id: string; readonly branchId: string; readonly ruleSet: string },
  tasks: readonly CaseTaskCommand[],
  now: Date,
): Promise<void> {
  const branch = await tx.orgUnit.findUniqueOrThrow({ where: { id: memberCase.branchId } });
  const pathIds = decodeOrgPath(branch.path);
  const ancestry = (await tx.orgUnit.findMany({ where: { id: { in: pathIds } } }))
    .map(toOrgUnit)
    .sort((a, b) => pathIds.indexOf(a.id) - pathIds.indexOf(b.id));
  const routed = routeApproval(memberRuleSet(memberCase.ruleSet as RuleSetId), ancestry);
  const route = 'route' in routed ? routed.route : undefined;
  const needsDepartment = tasks.some((task) => task.actor === 'ORG_DEPARTMENT');
  const departments = needsDepartment
    ? (await tx.orgUnit.findMany({ where: { parentId: { in: pathIds }, kind: 'ORG_DEPARTMENT' } }))
        .map(toOrgUnit)
        .sort((a, b) => pathIds.indexOf(b.parentId ?? '') - pathIds.indexOf(a.parentId ?? ''))
    : [];
  const actingUnits = (task: CaseTaskCommand): readonly OrgUnit[] => {
    switch (task.actor) {
      case 'APPROVING_COMMITTEE':
      case 'TRAINING_BODY':
        return route ? [route.approver] : [];
      case 'REVIEWING_BODY':
        return route ? route.reviewers.filter((unit) => !task.doneBy.includes(unit.id)) : [];
      case 'ORG_DEPARTMENT':
        return departments.slice(0, 1);
      default:
        return [toOrgUnit(branch)];
    }
  };
  const wanted = tasks.flatMap((task) => actingUnits(task).map((unit) => ({ task, unit })));
  const open = await tx.approvalTask.findMany({ where: { caseId: memberCase.id, status: 'OPEN' } });
  const key = (action: string, orgUnitId: string) => `${action}|${orgUnitId}`;
  const wantedKeys = new Set(wanted.map(({ task, unit }) => key(task.action, unit.id)));
  const done = open
    .filter((task) => !wantedKeys.has(key(task.action, task.orgUnitId)))
    .map((task) => task.id);
  if (done.length > 0) {
    await tx.approvalTask.updateMany({
      where: { id: { in: done } },
      data: { status: 'DONE', completedAt: now },
    });
  }
  for (const { task, unit } of wanted) {
    const existing = open.find((row) => key(row.action, row.orgUnitId) === key(task.action, unit.id));
    const dates = { dueOn: asDate(task.dueOn), capOn: asDate(task.capOn) };
    if (existing) {
      await tx.approvalTask.update({ where: { id: existing.id }, data: dates });
    } else {
      await tx.approvalTask.create({
        data: {
          id: randomUUID(),
          caseId: memberCase.id,
          workflowKind: 'MEMBER_DEVELOPMENT',
          action: task.action,
          step: task.step,
          orgUnitId: unit.id,
          orgPath: `/${[...unit.path].join('/')}/`,
          ...dates,
        },
      });
    }
  }
}

export interface ApprovalTaskView {
  readonly id: string;
  readonly caseId: string;
  readonly action: string;
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

  /** A case's tasks, open ones first, soonest due first. */
  async forCase(caseId: string): Promise<ApprovalTaskView[]> {
    const rows = await this.prisma.approvalTask.findMany({
      where: { caseId },
      include: { orgUnit: true },
      orderBy: [{ status: 'asc' }, { dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    });
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      action: row.action,
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
