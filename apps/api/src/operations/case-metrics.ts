import { Injectable, Module } from '@nestjs/common';

import { Clock, Metrics, readAtMostEvery } from '@app/config';
import { chinaLocalDate } from '@app/domain';
import { OperationalCountsRepository, type StageCount, type TownshipTaskCount } from '@app/persistence';

/** Counts older than this are read again at the next scrape; scrapes in between reuse them. */
const REFRESH_MS = 15_000;

/**
 * Open cases per pipeline and stage, and open and overdue tasks per township, as Prometheus gauges read from the
 * store at scrape time: labels stay few (a county has tens of townships), and no person or case is named.
 */
@Injectable()
export class CaseMetrics {
  constructor(metrics: Metrics, counts: OperationalCountsRepository, clock: Clock) {
    const stages = readAtMostEvery<StageCount[]>(REFRESH_MS, () => counts.openCasesByStage());
    const tasks = readAtMostEvery<TownshipTaskCount[]>(REFRESH_MS, () =>
      counts.openTasksByTownship(chinaLocalDate(clock.now())),
    );
    metrics.gauge({
      name: 'xianfeng_open_cases',
      help: 'Open cases by pipeline (member, cadre, reserve) and stage',
      labelNames: ['kind', 'stage'] as const,
      async collect() {
        const rows = await stages();
        // Stages no case is at any more must disappear, not keep their last count.
        this.reset();
        for (const row of rows) this.set({ kind: row.kind, stage: row.stage }, row.count);
      },
    });
    const perTownship = (name: string, help: string, pick: (row: TownshipTaskCount) => number) =>
      metrics.gauge({
        name,
        help,
        labelNames: ['township'] as const,
        async collect() {
          const rows = await tasks();
          this.reset();
          for (const row of rows) this.set({ township: row.township ?? '' }, pick(row));
        },
      });
    perTownship(
      'xianfeng_open_tasks',
      'Open approval tasks of the three pipelines by township code (empty: held above any township)',
      (row) => row.open,
    );
    perTownship(
      'xianfeng_overdue_tasks',
      'Open approval tasks past their due date (China time) by township code',
      (row) => row.overdue,
    );
  }
}

@Module({ providers: [CaseMetrics, Clock] })
export class OperationsMetricsModule {}
