import { Injectable } from '@nestjs/common';

import { ProblemError } from '@app/config';
import {
  APPLICATION_RECEIVED_V1,
  MEMBER_CASE_EVENT_KINDS,
  describeSchemaErrors,
  memberCaseEventType,
  validateApplicationReceivedV1,
  validateCloudEventEnvelope,
  validateMemberCaseEventV1,
} from '@app/contracts';
import { MEMBER_EVENT_METRICS, TARGET_METRICS, type TargetIncrement, rollUp } from '@app/domain';
import { OrgUnitsRepository, TargetActualsRepository } from '@app/persistence';

export const TARGETS_CONSUMER = 'targets';

/** Thrown for a message that can never be applied (bad JSON, unknown type, schema mismatch). */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}

export interface TargetsProgress {
  readonly orgUnit: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly kind: string;
  };
  readonly year: number;
  /** Counts for the unit including its whole subtree. */
  readonly actuals: Record<string, number>;
  readonly children: readonly {
    readonly orgUnit: {
      readonly id: string;
      readonly code: string;
      readonly name: string;
      readonly kind: string;
    };
    readonly actuals: Record<string, number>;
  }[];
}

function withAllMetrics(actuals: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.values(TARGET_METRICS).map((metric) => [metric, actuals?.[metric] ?? 0]));
}

@Injectable()
export class TargetsService {
  constructor(
    private readonly actuals: TargetActualsRepository,
    private readonly orgUnits: OrgUnitsRepository,
  ) {}

  /** The KPI increments an event brings, or none for event types that count for nothing. */
  incrementsFor(event: unknown): TargetIncrement[] {
    if (!validateCloudEventEnvelope(event)) {
      throw new UnprocessableEventError(
        `not a CloudEvent of ours: ${describeSchemaErrors(validateCloudEventEnvelope)}`,
      );
    }
    if (event.type === APPLICATION_RECEIVED_V1) {
      if (!validateApplicationReceivedV1(event)) {
        throw new UnprocessableEventError(describeSchemaErrors(validateApplicationReceivedV1));
      }
      const year = Number(event.data.applicationDate.slice(0, 4));
      return rollUp(event.data.branch.path, year, TARGET_METRICS.applicants);
    }
    const kind = MEMBER_CASE_EVENT_KINDS.find((candidate) => memberCaseEventType(candidate) === event.type);
    if (kind) {
      if (!validateMemberCaseEventV1(event)) {
        throw new UnprocessableEventError(describeSchemaErrors(validateMemberCaseEventV1));
      }
      const metric = MEMBER_EVENT_METRICS[kind];
      // The branch where it happened when it happened (a transfer moves later counts, not earlier ones).
      return metric ? rollUp(event.data.branch.path, Number(event.data.occurredOn.slice(0, 4)), metric) : [];
    }
    return [];
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
    const events: { eventId: string; increments: TargetIncrement[] }[] = [];
    for (const [index, message] of messages.entries()) {
      try {
        const event: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        events.push({ increments: this.incrementsFor(event), eventId: (event as { id: string }).id });
      } catch (error) {
        if (!(error instanceof UnprocessableEventError || error instanceof SyntaxError)) throw error;
        await unprocessable(index, error);
      }
    }
    return this.actuals.applyBatch(TARGETS_CONSUMER, events);
  }

  async progress(orgUnitRef: string, year: number): Promise<TargetsProgress> {
    const unit = await this.orgUnits.find(orgUnitRef);
    if (!unit) throw new ProblemError(404, 'ORG_UNIT_NOT_FOUND', '组织不存在', `no org unit ${orgUnitRef}`);
    const children = await this.orgUnits.children(unit.id);
    const actuals = await this.actuals.actuals([unit.id, ...children.map((child) => child.id)], year);
    const summary = (u: typeof unit) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind });
    return {
      orgUnit: summary(unit),
      year,
      actuals: withAllMetrics(actuals.get(unit.id)),
      children: children.map((child) => ({
        orgUnit: summary(child),
        actuals: withAllMetrics(actuals.get(child.id)),
      })),
    };
  }
}
