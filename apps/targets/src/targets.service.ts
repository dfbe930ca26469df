import { Injectable } from '@nestjs/common';

import { ProblemError } from '@app/config';
import {
  APPLICATION_RECEIVED_V1,
  MEMBER_CASE_EVENT_KINDS,
  type MemberCaseEventKind,
  describeSchemaErrors,
  memberCaseEventType,
  validateApplicationReceivedV1,
  validateCloudEventEnvelope,
  validateMemberCaseEventV1,
} from '@app/contracts';
import {
  MEMBER_EVENT_METRICS,
  type OrgUnit,
  newMemberStructureMetrics,
  TARGET_METRICS,
  type TargetIncrement,
  encodeOrgPath,
  type TargetMetric,
  rollUp,
} from '@app/domain';
import {
  OrgUnitsRepository,
  type PipelineChange,
  TargetActualsRepository,
  TargetQuotasRepository,
} from '@app/persistence';

export const TARGETS_CONSUMER = 'targets';

/** Thrown for a message that can never be applied (bad JSON, unknown type, schema mismatch). */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}

interface UnitProgress {
  readonly orgUnit: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly kind: string;
  };
  /** Counts for the unit including its whole subtree. */
  readonly actuals: Record<string, number>;
  /** The unit's planned numbers (null where none was allocated). */
  readonly quotas: Record<string, number | null>;
  /** actual ÷ quota (null without a quota). */
  readonly attainment: Record<string, number | null>;
}

export interface TargetsProgress extends UnitProgress {
  readonly year: number;
  readonly children: readonly UnitProgress[];
}

function withAllMetrics(actuals: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.values(TARGET_METRICS).map((metric) => [metric, actuals?.[metric] ?? 0]));
}

export interface EventEffects {
  readonly increments: TargetIncrement[];
  readonly pipeline: PipelineChange | null;
}

/** Event kinds after which a case is no longer in flight. */
const CASE_ENDING_KINDS: ReadonlySet<MemberCaseEventKind> = new Set([
  'converted',
  'withdrawn',
  'probationary-status-cancelled',
  'not-recognised',
]);

@Injectable()
export class TargetsService {
  constructor(
    private readonly actuals: TargetActualsRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly quotas: TargetQuotasRepository,
  ) {}

  /** An org unit by id or code; 404 when there is none. */
  async orgUnit(reference: string): Promise<OrgUnit> {
    const unit = await this.orgUnits.find(reference);
    if (!unit) throw new ProblemError(404, 'ORG_UNIT_NOT_FOUND', '组织不存在', `no org unit ${reference}`);
    return unit;
  }

  /** Allocates a unit's quota for a year and metric (top-down: see checkQuotaAllocation). */
  async setQuota(unit: OrgUnit, year: number, metric: TargetMetric, quota: number): Promise<void> {
    await this.quotas.set(unit, year, metric, quota);
  }

  /**
   * What an event changes in the read model: the KPI increments (none for event types that count for
   * nothing) and the case's place in the pipeline the forecast reads.
   */
  effectsOf(event: unknown): EventEffects {
    if (!validateCloudEventEnvelope(event)) {
      throw new UnprocessableEventError(
        `not a CloudEvent of ours: ${describeSchemaErrors(validateCloudEventEnvelope)}`,
      );
    }
    if (event.type === APPLICATION_RECEIVED_V1) {
      if (!validateApplicationReceivedV1(event)) {
        throw new UnprocessableEventError(describeSchemaErrors(validateApplicationReceivedV1));
      }
      const { data } = event;
      const year = Number(data.applicationDate.slice(0, 4));
      return {
        increments: rollUp(data.branch.path, year, TARGET_METRICS.applicants),
        pipeline: {
          caseId: data.caseId,
          branchId: data.branch.id,
          orgPath: encodeOrgPath(data.branch.path),
          ruleSet: data.ruleSet,
          stage: 'APPLICANT',
          step: data.step,
          open: true,
          activistSince: null,
          probationEnd: null,
          gender: data.applicant.gender,
          birthDate: data.applicant.birthDate,
        },
      };
    }
    const kind = MEMBER_CASE_EVENT_KINDS.find((candidate) => memberCaseEventType(candidate) === event.type);
    if (kind) {
      if (!validateMemberCaseEventV1(event)) {
        throw new UnprocessableEventError(describeSchemaErrors(validateMemberCaseEventV1));
      }
      const { branch, occurredOn, applicant, details } = event.data;
      const metric = MEMBER_EVENT_METRICS[kind];
      const metrics = metric ? [metric] : [];
      if (metric === TARGET_METRICS.newProbationaryMembers) {
        metrics.push(...newMemberStructureMetrics(applicant, occurredOn));
      }
      const probationEnd = typeof details.probationEnd === 'string' ? details.probationEnd : null;
      return {
        // The branch where it happened when it happened (a transfer moves later counts, not earlier ones).
        increments: metrics.flatMap((counted) =>
          rollUp(branch.path, Number(occurredOn.slice(0, 4)), counted),
        ),
        pipeline: {
          caseId: event.data.caseId,
          branchId: branch.id,
          orgPath: encodeOrgPath(branch.path),
          ruleSet: event.data.ruleSet,
          stage: event.data.stage,
          step: event.data.step,
          open: !CASE_ENDING_KINDS.has(kind),
          activistSince: kind === 'activist-determined' ? occurredOn : null,
          probationEnd,
          gender: applicant.gender,
          birthDate: applicant.birthDate,
        },
      };
    }
    return { increments: [], pipeline: null };
  }

  /**
   * Applies a batch of raw messages exactly once each, in one transaction. Messages that can never be
   * counted (not JSON, not ours, schema mismatch) are handed to `unprocessable` instead and do not stop
   * the batch. Returns how many events were new.
   */
  async applyMessages(
    messages: readonly { value: Buffer | null }[],
    unprocessable: (index: number, error: Error) => Promise<void>,
  ): Promise<number> {
    const events: ({ eventId: string } & EventEffects)[] = [];
    for (const [index, message] of messages.entries()) {
      try {
        const event: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        events.push({ ...this.effectsOf(event), eventId: (event as { id: string }).id });
      } catch (error) {
        if (!(error instanceof UnprocessableEventError || error instanceof SyntaxError)) throw error;
        await unprocessable(index, error);
      }
    }
    return this.actuals.applyBatch(TARGETS_CONSUMER, events);
  }

  async progress(unit: OrgUnit, year: number): Promise<TargetsProgress> {
    const children = await this.orgUnits.children(unit.id);
    const ids = [unit.id, ...children.map((child) => child.id)];
    const [actuals, quotas] = await Promise.all([
      this.actuals.actuals(ids, year),
      this.quotas.quotas(ids, year),
    ]);
    const progressOf = (u: typeof unit): UnitProgress => {
      const actual = withAllMetrics(actuals.get(u.id));
      const metrics = Object.values(TARGET_METRICS);
      const quota = Object.fromEntries(metrics.map((metric) => [metric, quotas.get(u.id)?.[metric] ?? null]));
      const attainment = Object.fromEntries(
        metrics.map((metric) => {
          const planned = quota[metric];
          return [metric, planned ? Math.round((actual[metric]! / planned) * 10_000) / 10_000 : null];
        }),
      );
      return {
        orgUnit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
        actuals: actual,
        quotas: quota,
        attainment,
      };
    };
    return { ...progressOf(unit), year, children: children.map(progressOf) };
  }
}
