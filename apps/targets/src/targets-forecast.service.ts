import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import { Clock, TargetsConfig } from '@app/config';
import {
  CHINA_WORKING_DAYS,
  FORECAST_METRICS,
  type LocalDate,
  type MetricForecast,
  type OrgUnit,
  type TargetMetric,
  chinaLocalDate,
  compareLocalDates,
  elapsedShareOfYear,
  forecastMetric,
  localDate,
  nextCount,
} from '@app/domain';
import {
  type AlertChange,
  type AlertView,
  OrgUnitsRepository,
  TargetActualsRepository,
  TargetForecastRepository,
  TargetQuotasRepository,
  type WantedAlert,
} from '@app/persistence';

type UnitRef = { readonly id: string; readonly code: string; readonly name: string; readonly kind: string };

export interface UnitForecast {
  readonly orgUnit: UnitRef;
  readonly metrics: Readonly<Record<string, MetricForecast>>;
}

export interface TargetsForecast extends UnitForecast {
  readonly year: number;
  /** The business day the forecast is made on (Asia/Shanghai). */
  readonly asOf: LocalDate;
  readonly elapsedShareOfYear: number;
  readonly children: readonly UnitForecast[];
}

/**
 * Year-end forecasts from the actuals so far and the cases in flight (who can still reach a stage by
 * 31 December under the time rules), and the pace alerts raised from them on a schedule.
 */
@Injectable()
export class TargetsForecastService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TargetsForecastService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly pipeline: TargetForecastRepository,
    private readonly actuals: TargetActualsRepository,
    private readonly quotas: TargetQuotasRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly config: TargetsConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.TARGETS_ALERTS_INTERVAL_SECONDS;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.evaluateOnSchedule(), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** A unit's forecast for a year (its whole subtree) and each child's. */
  async forecast(unit: OrgUnit, year: number): Promise<TargetsForecast> {
    const today = chinaLocalDate(this.clock.now());
    const children = await this.orgUnits.children(unit.id);
    const units = [unit, ...children];
    const [actuals, quotas, reachable] = await Promise.all([
      this.actuals.actuals(
        units.map((u) => u.id),
        year,
      ),
      this.quotas.quotas(
        units.map((u) => u.id),
        year,
      ),
      this.reachable(new Set(units.map((u) => u.id)), year, today, unit),
    ]);
    const share = elapsedShareOfYear(year, today);
    const forecastOf = (u: OrgUnit): UnitForecast => ({
      orgUnit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
      metrics: Object.fromEntries(
        FORECAST_METRICS.map((metric) => [
          metric,
          forecastMetric({
            metric,
            quota: quotas.get(u.id)?.[metric] ?? null,
            actual: actuals.get(u.id)?.[metric] ?? 0,
            reachable: reachable.get(u.id)?.[metric] ?? 0,
            elapsedShare: share,
          }),
        ]),
      ),
    });
    return {
      ...forecastOf(unit),
      year,
      asOf: today,
      elapsedShareOfYear: share,
      children: children.map(forecastOf),
    };
  }

  alerts(unit: OrgUnit, year: number, includeCleared: boolean): Promise<AlertView[]> {
    return this.pipeline.alerts(unit, year, includeCleared);
  }

  /**
   * Re-evaluates every quota of the current year: raises an alert where a unit is behind pace or can no
   * longer meet its quota, clears those that recovered, each change published as an event.
   */
  async evaluateAlerts(): Promise<AlertChange[]> {
    const today = chinaLocalDate(this.clock.now());
    const year = Number(today.slice(0, 4));
    const planned = (await this.pipeline.quotasOf(year)).filter((row) =>
      (FORECAST_METRICS as readonly string[]).includes(row.metric),
    );
    const units = new Map(planned.map((row) => [row.orgUnit.id, row.orgUnit]));
    const [actuals, reachable] = await Promise.all([
      this.actuals.actuals([...units.keys()], year),
      this.reachable(new Set(units.keys()), year, today),
    ]);
    const share = elapsedShareOfYear(year, today);
    const wanted = new Map<string, WantedAlert>();
    for (const { orgUnit, metric, quota } of planned) {
      const forecast = forecastMetric({
        metric: metric as TargetMetric,
        quota,
        actual: actuals.get(orgUnit.id)?.[metric] ?? 0,
        reachable: reachable.get(orgUnit.id)?.[metric as TargetMetric] ?? 0,
        elapsedShare: share,
      });
      if (forecast.status === 'BEHIND_PACE' || forecast.status === 'UNREACHABLE') {
        const { quota: planned, actual, reachable: inFlight, upperBound, expected, dueByNow } = forecast;
        wanted.set(`${orgUnit.id}|${metric}`, {
          orgUnit,
          metric,
          level: forecast.status,
          forecast: { quota: planned!, actual, reachable: inFlight, upperBound, expected, dueByNow },
        });
      }
    }
    const changes = await this.pipeline.reconcile(year, today, wanted, units);
    if (changes.length > 0)
      this.logger.log({
        msg: 'pace alerts changed',
        raised: changes.filter((c) => c.kind === 'pace-alert-raised').length,
        cleared: changes.filter((c) => c.kind === 'pace-alert-cleared').length,
      });
    return changes;
  }

  private async evaluateOnSchedule(): Promise<void> {
    if (this.running) return;
    this.running = this.evaluateAlerts()
      .catch((error: unknown) =>
        this.logger.error({ msg: 'pace alert evaluation failed', error: String(error) }),
      )
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /**
   * For each of `unitIds`: how many cases in flight under it can still count for each metric by 31 December,
   * from one pass over the pipeline (each case counted for every watched unit on its path).
   */
  private async reachable(
    unitIds: ReadonlySet<string>,
    year: number,
    today: LocalDate,
    subtree?: OrgUnit,
  ): Promise<Map<string, Partial<Record<TargetMetric, number>>>> {
    const counts = new Map<string, Partial<Record<TargetMetric, number>>>();
    const yearEnd = localDate(year, 12, 31);
    if (compareLocalDates(today, yearEnd) > 0) return counts;
    for await (const page of this.pipeline.openCases(subtree)) {
      for (const entry of page) {
        const next = nextCount(entry, today, CHINA_WORKING_DAYS);
        if (!next || compareLocalDates(next.on, yearEnd) > 0) continue;
        for (const unitId of entry.path) {
          if (!unitIds.has(unitId)) continue;
          const unitCounts = counts.get(unitId) ?? {};
          for (const metric of next.metrics) unitCounts[metric] = (unitCounts[metric] ?? 0) + 1;
          counts.set(unitId, unitCounts);
        }
      }
    }
    return counts;
  }
}
