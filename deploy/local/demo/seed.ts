import { type LocalDate, chinaLocalDate } from '@app/domain';

import { cadreJobs } from './cadre-cases';
import { type CaseJob, type CaseResult, runCase } from './cases';
import { DemoClient, type DemoEndpoints, inPool } from './client';
import { memberJobs } from './member-cases';
import { type ReviewResult, reserveJobs, seedReview } from './reserve-pool';
import { type TargetsResult, seedTargets } from './targets';

export interface DemoSeedOptions extends DemoEndpoints {
  /**
   * The demo's business day: every step is dated on or before it, counted back from it (an activist
   * determined more than a year before it can be listed, probation ends a year after the branch meeting…).
   * The same day on every run gives the same requests, so a second run records nothing.
   */
  readonly anchor: LocalDate;
  /** Today (China time), for the half-year review's decisions; default: now. */
  readonly today?: LocalDate;
  /** Cases recorded at once (default 6). */
  readonly concurrency?: number;
}

export interface DemoFailure {
  readonly what: string;
  readonly error: string;
}

export interface DemoReport {
  readonly anchor: LocalDate;
  readonly seconds: number;
  readonly requests: number;
  readonly cases: readonly CaseResult[];
  readonly targets: TargetsResult | null;
  readonly review: ReviewResult | null;
  readonly failures: readonly DemoFailure[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Seeds the demo county through the HTTP API as its users would: quotas, then member cases, cadre cases and
 * reservists (each case with its own Idempotency-Keys, several at once), then the half-year review. A failure
 * is reported with what failed and does not stop the rest; nothing here throws.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoReport> {
  const started = Date.now();
  const client = new DemoClient(options);
  const failures: DemoFailure[] = [];
  const cases: CaseResult[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (error) {
      failures.push({ what, error: message(error) });
      return null;
    }
  };
  const runAll = async (jobs: readonly CaseJob[]): Promise<void> => {
    const results = await inPool(jobs, options.concurrency ?? 6, (job) => runCase(client, job));
    results.forEach((result, index) => {
      const job = jobs[index]!;
      if (result.status === 'fulfilled') cases.push(result.value);
      else
        failures.push({ what: `${job.kind} case ${job.code} (${job.name})`, error: message(result.reason) });
    });
  };
  const ids = (kind: CaseJob['kind']) =>
    new Map(cases.filter((result) => result.job.kind === kind).map((result) => [result.job.code, result.id]));

  const targets = await attempt('targets', () => seedTargets(client, Number(options.anchor.slice(0, 4))));
  const members = await attempt('member cases', () => Promise.resolve(memberJobs(options.anchor)));
  if (members) await runAll(members);
  const cadres = await attempt('cadre cases', () => Promise.resolve(cadreJobs(options.anchor)));
  if (cadres) await runAll(cadres);
  const reservists = await attempt('reserve entries', () =>
    Promise.resolve(reserveJobs(options.anchor, ids('member'))),
  );
  if (reservists) await runAll(reservists);
  const review = await attempt('half-year review', () =>
    seedReview(client, ids('reserve'), options.today ?? chinaLocalDate(new Date())),
  );
  return {
    anchor: options.anchor,
    seconds: (Date.now() - started) / 1000,
    requests: client.requests,
    cases,
    targets,
    review,
    failures,
  };
}

/** One line per kind (and one per failure, on stderr in the CLI): what the demo county holds now. */
export function summaryLines(report: DemoReport): { readonly lines: string[]; readonly failures: string[] } {
  const of = (kind: CaseJob['kind']) => report.cases.filter((result) => result.job.kind === kind);
  const counts = (results: readonly CaseResult[], key: (result: CaseResult) => string): string => {
    const tally = new Map<string, number>();
    for (const result of results) tally.set(key(result), (tally.get(key(result)) ?? 0) + 1);
    return [...tally].map(([name, count]) => `${name} ${count}`).join(', ');
  };
  const recorded = (results: readonly CaseResult[]) =>
    `${results.reduce((sum, result) => sum + result.recorded, 0)} steps recorded now`;
  const line = (what: string, results: readonly CaseResult[], groups: string) =>
    `  ${what.padEnd(14)}${results.length}: ${counts(results, (r) => r.job.label)}; ${groups} (${recorded(results)})`;
  const members = of('member');
  const cadres = of('cadre');
  const reservists = of('reserve');
  const { targets, review } = report;
  const lines = [
    `Demo data, dated up to ${report.anchor} (${report.seconds.toFixed(0)} s, ${report.requests} requests):`,
    line('member cases', members, `rule sets ${counts(members, (r) => r.job.group)}`),
    line(
      'cadre cases',
      cadres,
      counts(cadres, (r) => r.job.group),
    ),
    line('reserve pool', reservists, `categories ${counts(reservists, (r) => r.job.group)}`),
    review
      ? `  ${'review'.padEnd(14)}${review.township} ${review.period}: ${review.tasks} tasks, ${review.decided} decided (${review.recorded} now)`
      : `  ${'review'.padEnd(14)}none`,
    targets
      ? `  ${'targets'.padEnd(14)}${targets.quotas} quotas for ${targets.year}, ${targets.rosters} village rosters (${targets.recorded} set now)`
      : `  ${'targets'.padEnd(14)}none`,
  ];
  const failures = report.failures.map((failure) => `demo data FAILED: ${failure.what}: ${failure.error}`);
  return { lines, failures };
}
