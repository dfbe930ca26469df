import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import {
  EVENT_SOURCES,
  type PaceAlertKind,
  type PaceAlertV1,
  TOPICS,
  paceAlertEventType,
  validatePaceAlertV1,
} from '@app/contracts';
import { type LocalDate, type OrgUnit, type PipelineCase, decodeOrgPath, encodeOrgPath } from '@app/domain';

import { type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { outboxRow } from './outbox-row';
import { toOrgUnit } from './org-units.repository';

export interface PipelineEntry extends PipelineCase {
  readonly caseId: string;
  /** The branch's path, root first. */
  readonly path: readonly string[];
}

export interface AlertView {
  readonly id: string;
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly year: number;
  readonly metric: string;
  readonly level: 'BEHIND_PACE' | 'UNREACHABLE';
  readonly raisedOn: string;
  readonly clearedOn: string | null;
  readonly forecast: PaceAlertV1['forecast'];
}

export interface AlertChange {
  readonly kind: PaceAlertKind;
  /** The alert cleared, or the new alert's id when raised. */
  readonly alertId: string;
  readonly orgUnit: OrgUnit;
  readonly year: number;
  readonly metric: string;
  readonly level: 'BEHIND_PACE' | 'UNREACHABLE';
  readonly asOf: LocalDate;
  readonly forecast: PaceAlertV1['forecast'];
}

/** An alert the forecasts call for: a unit behind on a metric. */
export interface WantedAlert {
  readonly orgUnit: OrgUnit;
  readonly metric: string;
  readonly level: AlertChange['level'];
  readonly forecast: AlertChange['forecast'];
}

const day = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);
/** Serialises every evaluation of the alerts (any number of targets instances may run it). */
const ALERTS_LOCK = 72707370;

/** The targets read model's pipeline of cases in flight and the pace alerts raised from its forecasts. */
@Injectable()
export class TargetForecastRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Open cases under `subtree` (all of them without one), a page at a time so memory stays flat. */
  async *openCases(subtree?: OrgUnit, pageSize = 5000): AsyncGenerator<PipelineEntry[]> {
    const prefix = subtree ? encodeOrgPath(subtree.path) : null;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.prisma.targetPipelineCase.findMany({
        where: { open: true, caseId: { gt: after }, ...(prefix ? { orgPath: { startsWith: prefix } } : {}) },
        orderBy: { caseId: 'asc' },
        take: pageSize,
      });
      if (rows.length === 0) return;
      yield rows.flatMap((row): PipelineEntry[] =>
        row.stage === 'FULL_MEMBER'
          ? []
          : [
              {
                caseId: row.caseId,
                path: decodeOrgPath(row.orgPath),
                ruleSet: row.ruleSet as PipelineCase['ruleSet'],
                stage: row.stage,
                activistSince: day(row.activistSince) as LocalDate | null,
                probationEnd: day(row.probationEnd) as LocalDate | null,
                applicant: { gender: row.gender, birthDate: day(row.birthDate)! },
              },
            ],
      );
      after = rows[rows.length - 1]!.caseId;
    }
  }

  /** Every quota of a year: the units and metrics the alerts watch. */
  async quotasOf(year: number): Promise<{ orgUnit: OrgUnit; metric: string; quota: number }[]> {
    const rows = await this.prisma.targetQuota.findMany({ where: { year }, include: { orgUnit: true } });
    return rows.map((row) => ({
      orgUnit: toOrgUnit(row.orgUnit),
      metric: row.metric,
      quota: row.quota,
    }));
  }

  /** Alerts of units under `subtree` for a year, open ones first, newest first. */
  async alerts(subtree: OrgUnit, year: number, includeCleared: boolean): Promise<AlertView[]> {
    const rows = await this.prisma.targetAlert.findMany({
      where: {
        year,
        ...(includeCleared ? {} : { clearedOn: null }),
        orgUnit: { path: { startsWith: encodeOrgPath(subtree.path) } },
      },
      include: { orgUnit: true },
      orderBy: [{ raisedOn: 'desc' }, { id: 'asc' }],
    });
    return rows
      .map((row) => ({
        id: row.id,
        orgUnit: { id: row.orgUnit.id, code: row.orgUnit.code, name: row.orgUnit.name },
        year: row.year,
        metric: row.metric,
        level: row.level as AlertView['level'],
        raisedOn: day(row.raisedOn)!,
        clearedOn: day(row.clearedOn),
        forecast: row.forecast as unknown as AlertView['forecast'],
      }))
      .sort((a, b) => Number(a.clearedOn !== null) - Number(b.clearedOn !== null));
  }

  /**
   * Brings the alerts of `year` to `wanted` (unit|metric → level and forecast): raises what is new, clears
   * what recovered or changed level, and writes one outbox event per change, in one transaction under an
   * advisory lock so that concurrent evaluations cannot raise the same alert twice.
   */
  async reconcile(
    year: number,
    asOf: LocalDate,
    wanted: ReadonlyMap<string, WantedAlert>,
    units: ReadonlyMap<string, OrgUnit>,
  ): Promise<AlertChange[]> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ALERTS_LOCK})`;
      const open = await tx.targetAlert.findMany({ where: { year, clearedOn: null } });
      const changes: AlertChange[] = [];
      const asOfDate = new Date(`${asOf}T00:00:00.000Z`);
      for (const alert of open) {
        const target = wanted.get(`${alert.orgUnitId}|${alert.metric}`);
        if (target?.level === alert.level) continue;
        const orgUnit = units.get(alert.orgUnitId) ?? (await this.unit(tx, alert.orgUnitId));
        await tx.targetAlert.update({ where: { id: alert.id }, data: { clearedOn: asOfDate } });
        changes.push({
          kind: 'pace-alert-cleared',
          alertId: alert.id,
          orgUnit,
          year,
          metric: alert.metric,
          level: alert.level as AlertChange['level'],
          asOf,
          forecast: target?.forecast ?? (alert.forecast as unknown as AlertChange['forecast']),
        });
      }
      const stillOpen = new Set(
        open
          .filter((alert) => wanted.get(`${alert.orgUnitId}|${alert.metric}`)?.level === alert.level)
          .map((alert) => `${alert.orgUnitId}|${alert.metric}`),
      );
      for (const [key, target] of wanted) {
        if (stillOpen.has(key)) continue;
        const id = randomUUID();
        await tx.targetAlert.create({
          data: {
            id,
            orgUnitId: target.orgUnit.id,
            year,
            metric: target.metric,
            level: target.level,
            raisedOn: asOfDate,
            forecast: { ...target.forecast },
          },
        });
        changes.push({ kind: 'pace-alert-raised', alertId: id, year, asOf, ...target });
      }
      for (const change of changes) await tx.outboxEvent.create({ data: alertOutboxRow(change) });
      return changes;
    });
  }

  private async unit(tx: Prisma.TransactionClient, id: string): Promise<OrgUnit> {
    return toOrgUnit(await tx.orgUnit.findUniqueOrThrow({ where: { id } }));
  }
}

function alertOutboxRow(change: AlertChange): Prisma.OutboxEventCreateInput {
  return outboxRow({
    id: randomUUID(),
    source: EVENT_SOURCES.targets,
    type: paceAlertEventType(change.kind),
    subject: change.alertId,
    data: {
      alertId: change.alertId,
      orgUnit: {
        id: change.orgUnit.id,
        code: change.orgUnit.code,
        name: change.orgUnit.name,
        path: [...change.orgUnit.path],
      },
      year: change.year,
      metric: change.metric,
      level: change.level,
      asOf: change.asOf,
      forecast: change.forecast,
    },
    validate: validatePaceAlertV1,
    topic: TOPICS.targets,
    aggregate: { type: 'target-alert', id: `${change.orgUnit.id}:${change.year}:${change.metric}` },
  });
}
