import { Injectable } from '@nestjs/common';

import { type TargetIncrement } from '@app/domain';

import { type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

/** What one event says about its case in flight (see TargetPipelineCase). */
export interface PipelineChange {
  readonly caseId: string;
  readonly branchId: string;
  /** Encoded materialized path of the branch. */
  readonly orgPath: string;
  readonly ruleSet: string;
  readonly stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' | 'PROBATIONARY' | 'FULL_MEMBER';
  readonly step: number;
  /** False once the case has ended (converted, withdrawn, cancelled, not recognised). */
  readonly open: boolean;
  readonly activistSince: string | null;
  readonly probationEnd: string | null;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
}

/** A village cadre placed through recruitment, as a cadre event tells it (see TargetVillageCadre). */
export interface VillageCadreChange {
  readonly caseId: string;
  readonly villageId: string;
  readonly orgPath: string;
  readonly post: string;
  readonly education: string | null;
  /** True from the appointment; false once the trial failed or the cadre exited (and false stays false). */
  readonly serving: boolean;
}

/** Later facts win, known dates are kept, and an ended case stays ended. */
function merge(before: PipelineChange | undefined, after: PipelineChange): PipelineChange {
  if (!before) return after;
  return {
    ...after,
    open: before.open && after.open,
    activistSince: after.activistSince ?? before.activistSince,
    probationEnd: after.probationEnd ?? before.probationEnd,
  };
}

@Injectable()
export class TargetActualsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Applies many events in one transaction: the dedupe rows are inserted together, only the events that
   * were new count (also when a batch carries the same event twice), and their increments are summed into
   * one upsert. Returns how many events were new.
   */
  async applyBatch(
    consumer: string,
    events: readonly {
      eventId: string;
      increments: readonly TargetIncrement[];
      pipeline?: PipelineChange | null;
      villageCadre?: VillageCadreChange | null;
    }[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    return this.prisma.$transaction(async (tx) => {
      const fresh = await tx.$queryRaw<
        { event_id: string }[]
      >`INSERT INTO processed_event (consumer, event_id)
        SELECT ${consumer}, unnest(${events.map((e) => e.eventId)}::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`;
      const unseen = new Set(fresh.map((row) => row.event_id));
      const sums = new Map<string, TargetIncrement>();
      const cases = new Map<string, PipelineChange>();
      const cadres = new Map<string, VillageCadreChange>();
      for (const event of events) {
        if (!unseen.delete(event.eventId)) continue;
        if (event.villageCadre) {
          const before = cadres.get(event.villageCadre.caseId);
          const serving = (before?.serving ?? true) && event.villageCadre.serving;
          cadres.set(event.villageCadre.caseId, { ...(before ?? {}), ...event.villageCadre, serving });
        }
        if (event.pipeline)
          cases.set(event.pipeline.caseId, merge(cases.get(event.pipeline.caseId), event.pipeline));
        for (const increment of event.increments) {
          const key = `${increment.orgUnitId}|${increment.year}|${increment.metric}`;
          const sum = sums.get(key);
          sums.set(key, sum ? { ...sum, delta: sum.delta + increment.delta } : increment);
        }
      }
      const increments = [...sums.values()];
      if (increments.length > 0) {
        await tx.$executeRaw`INSERT INTO target_actual (org_unit_id, year, metric, value, updated_at)
          SELECT unnest(${increments.map((i) => i.orgUnitId)}::uuid[]), unnest(${increments.map((i) => i.year)}::smallint[]),
                 unnest(${increments.map((i) => i.metric)}::varchar[]), unnest(${increments.map((i) => i.delta)}::int[]), now()
          ON CONFLICT (org_unit_id, year, metric)
          DO UPDATE SET value = target_actual.value + EXCLUDED.value, updated_at = now()`;
      }
      if (cases.size > 0) await upsertPipeline(tx, [...cases.values()]);
      if (cadres.size > 0) await upsertVillageCadres(tx, [...cadres.values()]);
      return fresh.length;
    });
  }

  /** Clears every actual, the pipeline and the consumer's dedupe rows, in one transaction (before a rebuild). */
  async reset(consumer: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.targetActual.deleteMany({}),
      this.prisma.targetPipelineCase.deleteMany({}),
      this.prisma.targetVillageCadre.deleteMany({}),
      this.prisma.processedEvent.deleteMany({ where: { consumer } }),
    ]);
  }

  /** Every actual, case in flight and placed cadre, sorted: what a rebuild must reproduce exactly. */
  async snapshot(): Promise<{
    actuals: { orgUnitId: string; year: number; metric: string; value: number }[];
    pipeline: Record<string, unknown>[];
    villageCadres: Record<string, unknown>[];
  }> {
    const [actuals, pipeline, villageCadres] = await Promise.all([
      this.prisma.targetActual.findMany({
        orderBy: [{ orgUnitId: 'asc' }, { year: 'asc' }, { metric: 'asc' }],
      }),
      this.prisma.targetPipelineCase.findMany({ orderBy: { caseId: 'asc' } }),
      this.prisma.targetVillageCadre.findMany({ orderBy: { caseId: 'asc' } }),
    ]);
    return {
      actuals: actuals.map(({ orgUnitId, year, metric, value }) => ({ orgUnitId, year, metric, value })),
      pipeline: pipeline.map(({ updatedAt: _updatedAt, ...row }) => row),
      villageCadres: villageCadres.map(({ updatedAt: _updatedAt, ...row }) => row),
    };
  }

  /** Actuals per org unit for a year: orgUnitId → metric → value. */
  async actuals(orgUnitIds: readonly string[], year: number): Promise<Map<string, Record<string, number>>> {
    const rows = await this.prisma.targetActual.findMany({
      where: { orgUnitId: { in: [...orgUnitIds] }, year },
    });
    const result = new Map<string, Record<string, number>>();
    for (const row of rows) {
      result.set(row.orgUnitId, { ...(result.get(row.orgUnitId) ?? {}), [row.metric]: row.value });
    }
    return result;
  }
}

/**
 * One statement for a batch's cases. A row only moves forward: a change for an earlier step than the one
 * recorded is ignored, dates once known are kept, and an ended case stays ended.
 */
async function upsertPipeline(tx: Prisma.TransactionClient, cases: readonly PipelineChange[]): Promise<void> {
  const column = <K extends keyof PipelineChange>(key: K) => cases.map((entry) => entry[key]);
  await tx.$executeRaw`
    INSERT INTO target_pipeline_case (case_id, branch_id, org_path, rule_set, stage, step, open, activist_since,
                                      probation_end, gender, birth_date, updated_at)
    SELECT unnest(${column('caseId')}::uuid[]), unnest(${column('branchId')}::uuid[]),
           unnest(${column('orgPath')}::varchar[]), unnest(${column('ruleSet')}::varchar[]),
           unnest(${column('stage')}::member_stage[]), unnest(${column('step')}::smallint[]),
           unnest(${column('open')}::boolean[]), unnest(${column('activistSince')}::date[]),
           unnest(${column('probationEnd')}::date[]), unnest(${column('gender')}::gender[]),
           unnest(${column('birthDate')}::date[]), now()
    ON CONFLICT (case_id) DO UPDATE SET
      branch_id = EXCLUDED.branch_id,
      org_path = EXCLUDED.org_path,
      stage = EXCLUDED.stage,
      step = EXCLUDED.step,
      open = target_pipeline_case.open AND EXCLUDED.open,
      activist_since = coalesce(EXCLUDED.activist_since, target_pipeline_case.activist_since),
      probation_end = coalesce(EXCLUDED.probation_end, target_pipeline_case.probation_end),
      updated_at = now()
    WHERE target_pipeline_case.step <= EXCLUDED.step`;
}

/** One statement for a batch's placed cadres; a cadre no longer serving stays so. */
async function upsertVillageCadres(
  tx: Prisma.TransactionClient,
  cadres: readonly VillageCadreChange[],
): Promise<void> {
  const column = <K extends keyof VillageCadreChange>(key: K) => cadres.map((entry) => entry[key]);
  await tx.$executeRaw`
    INSERT INTO target_village_cadre (case_id, village_id, org_path, post, education, serving, updated_at)
    SELECT unnest(${column('caseId')}::uuid[]), unnest(${column('villageId')}::uuid[]),
           unnest(${column('orgPath')}::varchar[]), unnest(${column('post')}::varchar[]),
           unnest(${column('education')}::varchar[]), unnest(${column('serving')}::boolean[]), now()
    ON CONFLICT (case_id) DO UPDATE SET
      education = coalesce(EXCLUDED.education, target_village_cadre.education),
      serving = target_village_cadre.serving AND EXCLUDED.serving,
      updated_at = now()`;
}
