import { Injectable } from '@nestjs/common';

import { type OrgUnit, RuleViolationError, type TargetMetric, checkQuotaAllocation } from '@app/domain';

import { PrismaService } from '../prisma.service';

@Injectable()
export class TargetQuotasRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Sets a unit's quota if the allocation rule allows it. The parent's row (or the unit's, at the root) is
   * locked first, so concurrent allocations under one parent are checked one after another.
   */
  async set(unit: OrgUnit, year: number, metric: TargetMetric, quota: number): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM org_unit WHERE id = ${unit.parentId ?? unit.id}::uuid FOR UPDATE`;
      const parent = unit.parentId
        ? await tx.targetQuota.findUnique({
            where: { orgUnitId_year_metric: { orgUnitId: unit.parentId, year, metric } },
          })
        : null;
      const sum = async (parentId: string, except?: string): Promise<number> => {
        const result = await tx.targetQuota.aggregate({
          _sum: { quota: true },
          where: { year, metric, orgUnit: { parentId }, ...(except ? { NOT: { orgUnitId: except } } : {}) },
        });
        return result._sum.quota ?? 0;
      };
      const violations = checkQuotaAllocation({
        quota,
        parentQuota: parent?.quota ?? null,
        siblingsAllocated: unit.parentId ? await sum(unit.parentId, unit.id) : 0,
        childrenAllocated: await sum(unit.id),
      });
      if (violations.length > 0) throw new RuleViolationError(violations[0]!);
      await tx.targetQuota.upsert({
        where: { orgUnitId_year_metric: { orgUnitId: unit.id, year, metric } },
        create: { orgUnitId: unit.id, year, metric, quota },
        update: { quota },
      });
    });
  }

  /** Quotas per org unit for a year: orgUnitId → metric → quota. */
  async quotas(orgUnitIds: readonly string[], year: number): Promise<Map<string, Record<string, number>>> {
    const rows = await this.prisma.targetQuota.findMany({
      where: { orgUnitId: { in: [...orgUnitIds] }, year },
    });
    const result = new Map<string, Record<string, number>>();
    for (const row of rows)
      result.set(row.orgUnitId, { ...(result.get(row.orgUnitId) ?? {}), [row.metric]: row.quota });
    return result;
  }
}
