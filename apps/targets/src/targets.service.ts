import { Injectable } from '@nestjs/common';
import { type Span } from '@opentelemetry/api';

import { ProblemError } from '@app/config';
import { startEventSpan, withEventSpans } from '@app/tracing';
import {
  APPLICATION_RECEIVED_V1,
  CADRE_EVENT_KINDS,
  MEMBER_CASE_EVENT_KINDS,
  RESERVE_REVIEW_EVENT_KINDS,
  RESERVIST_EVENT_KINDS,
  TOPICS,
  cadreEventType,
  reservePoolEventType,
  validateCadreEventV1,
  validateReserveReviewEventV1,
  validateReservistEventV1,
  type MemberCaseEventKind,
  describeSchemaErrors,
  memberCaseEventType,
  validateApplicationReceivedV1,
  validateCloudEventEnvelope,
  validateMemberCaseEventV1,
} from '@app/contracts';
import {
  ALL_TARGET_METRICS,
  MEMBER_EVENT_METRICS,
  type OrgUnit,
  RESERVE_EVENT_METRICS,
  VILLAGE_CADRE_EDUCATION_GOALS,
  cadreEventMetrics,
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
  type VillageCadreChange,
  type VillageCadreCounts,
  VillageCadresRepository,
} from '@app/persistence';

export const TARGETS_CONSUMER = 'targets';

/** The topics the targets read model is built from (live and on rebuild). */
export const TARGETS_SOURCE_TOPICS = [TOPICS.memberDevelopment, TOPICS.cadre, TOPICS.reservePool];

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
  return Object.fromEntries(ALL_TARGET_METRICS.map((metric) => [metric, actuals?.[metric] ?? 0]));
}

export interface EventEffects {
  readonly increments: TargetIncrement[];
  readonly pipeline: PipelineChange | null;
  readonly villageCadre?: VillageCadreChange | null;
}

/** A share against its goal (DOMAIN §4.2 "8595"); share null while nobody is counted. */
export interface EducationShare {
  readonly serving: number;
  /** Serving, but with no education on record: not in the share. */
  readonly educationUnknown: number;
  readonly collegeOrAbove: number;
  readonly share: number | null;
  readonly goal: number;
  readonly met: boolean | null;
}

export interface VillageCadreStructure {
  readonly orgUnit: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly kind: string;
  };
  /** 两委 members (村干部) with 大专 or above: goal 85 %. */
  readonly cadres: EducationShare;
  /** 村党组织书记 with 大专 or above: goal 95 %. */
  readonly secretaries: EducationShare;
}

function educationShare(
  serving: number,
  unknown: number,
  collegeOrAbove: number,
  goal: number,
): EducationShare {
  const known = serving - unknown;
  const share = known > 0 ? Math.round((collegeOrAbove / known) * 10_000) / 10_000 : null;
  return {
    serving,
    educationUnknown: unknown,
    collegeOrAbove,
    share,
    goal,
    met: share === null ? null : share >= goal,
  };
}

/** Event kinds after which a case is no longer in flight. */
const CASE_ENDING_KINDS: ReadonlySet<MemberCaseEventKind> = new Set([
  'converted',
  'withdrawn',
  'probationary-status-cancelled',
  'not-recognised',
]);

/** Step 1: an applicant counted where they applied, and the case entering the pipeline. */
function applicationEffects(event: object): EventEffects {
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

/** A member case's stage change: the metric it counts (and the new member's structure) and its new place. */
function memberEventEffects(kind: (typeof MEMBER_CASE_EVENT_KINDS)[number], event: object): EventEffects {
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
    increments: metrics.flatMap((counted) => rollUp(branch.path, Number(occurredOn.slice(0, 4)), counted)),
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

/** A cadre case's step: the programme's metrics, and whether the village gains or loses a cadre. */
function cadreEventEffects(cadreKind: (typeof CADRE_EVENT_KINDS)[number], event: object): EventEffects {
  if (!validateCadreEventV1(event))
    throw new UnprocessableEventError(describeSchemaErrors(validateCadreEventV1));
  const { caseId, village, programme, post, occurredOn, details } = event.data;
  const placed = (serving: boolean): VillageCadreChange => ({
    caseId,
    villageId: village.id,
    orgPath: encodeOrgPath(village.path),
    post,
    education: typeof details.education === 'string' ? details.education : null,
    serving,
  });
  return {
    increments: cadreEventMetrics(cadreKind, programme.id).flatMap((metric) =>
      rollUp(village.path, Number(occurredOn.slice(0, 4)), metric),
    ),
    pipeline: null,
    villageCadre:
      cadreKind === 'appointed'
        ? placed(true)
        : cadreKind === 'trial-failed' || cadreKind === 'exited'
          ? placed(false)
          : null,
  };
}

/** A reservist's step: the reserve metric it counts, if any. */
function reservistEventEffects(
  reservistKind: (typeof RESERVIST_EVENT_KINDS)[number],
  event: object,
): EventEffects {
  if (!validateReservistEventV1(event)) {
    throw new UnprocessableEventError(describeSchemaErrors(validateReservistEventV1));
  }
  const metric = RESERVE_EVENT_METRICS[reservistKind];
  const { village, occurredOn } = event.data;
  return {
    increments: metric ? rollUp(village.path, Number(occurredOn.slice(0, 4)), metric) : [],
    pipeline: null,
  };
}

@Injectable()
export class TargetsService {
  constructor(
    private readonly actuals: TargetActualsRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly quotas: TargetQuotasRepository,
    private readonly villageCadres: VillageCadresRepository,
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
    if (event.type === APPLICATION_RECEIVED_V1) return applicationEffects(event);
    const kind = MEMBER_CASE_EVENT_KINDS.find((candidate) => memberCaseEventType(candidate) === event.type);
    if (kind) return memberEventEffects(kind, event);
    const cadreKind = CADRE_EVENT_KINDS.find((candidate) => cadreEventType(candidate) === event.type);
    if (cadreKind) return cadreEventEffects(cadreKind, event);
    const reservistKind = RESERVIST_EVENT_KINDS.find(
      (candidate) => reservePoolEventType(candidate) === event.type,
    );
    if (reservistKind) return reservistEventEffects(reservistKind, event);
    if (RESERVE_REVIEW_EVENT_KINDS.some((candidate) => reservePoolEventType(candidate) === event.type)) {
      if (!validateReserveReviewEventV1(event)) {
        throw new UnprocessableEventError(describeSchemaErrors(validateReserveReviewEventV1));
      }
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
    // One span per event, continuing the trace of the action that raised it, for as long as its batch applies.
    const spans: Span[] = [];
    for (const [index, message] of messages.entries()) {
      try {
        const event: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        events.push({ ...this.effectsOf(event), eventId: (event as { id: string }).id });
        const { id, type } = event as { id: string; type: string };
        spans.push(
          startEventSpan(`apply ${type}`, event, {
            'cloudevents.event_id': id,
            'cloudevents.event_type': type,
          }),
        );
      } catch (error) {
        if (!(error instanceof UnprocessableEventError || error instanceof SyntaxError)) throw error;
        await unprocessable(index, error);
      }
    }
    return withEventSpans(spans, () => this.actuals.applyBatch(TARGETS_CONSUMER, events));
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
      const metrics = ALL_TARGET_METRICS;
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

  /** The 8595 shares for a unit (its subtree) and each child: serving 两委 members and secretaries with 大专+. */
  async villageCadreStructure(
    unit: OrgUnit,
  ): Promise<VillageCadreStructure & { readonly children: readonly VillageCadreStructure[] }> {
    const children = await this.orgUnits.children(unit.id);
    const counts = await this.villageCadres.counts([unit, ...children]);
    const structureOf = (u: OrgUnit): VillageCadreStructure => {
      const count: VillageCadreCounts = counts.get(u.id) ?? {
        cadres: 0,
        cadresCollege: 0,
        cadresUnknown: 0,
        secretaries: 0,
        secretariesCollege: 0,
        secretariesUnknown: 0,
      };
      return {
        orgUnit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
        cadres: educationShare(
          count.cadres,
          count.cadresUnknown,
          count.cadresCollege,
          VILLAGE_CADRE_EDUCATION_GOALS.cadres,
        ),
        secretaries: educationShare(
          count.secretaries,
          count.secretariesUnknown,
          count.secretariesCollege,
          VILLAGE_CADRE_EDUCATION_GOALS.secretaries,
        ),
      };
    };
    return { ...structureOf(unit), children: children.map(structureOf) };
  }
}
