import { type RecordedBy, type ReservePolicy } from '@app/domain';

import { type PersonSummary, type WorkflowPerson } from '../person';
import { type CaseTaskCommand } from '../member-development/member-case';
import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';

/**
 * The village reserve pool (村两委后备库) on topic xianfeng.reserve-pool.v1, one CloudEvent type per kind:
 * `cn.xianfeng.reserve-pool.<kind>.v1`. Entry events are keyed by entry id, review events by review id.
 * No national ID number.
 */
export const RESERVIST_EVENT_KINDS = [
  'recommended',
  'admitted',
  'not-admitted',
  'retained',
  'listed-for-inspection',
  'used',
  'removed',
  'member-case-linked',
] as const;
export type ReservistEventKind = (typeof RESERVIST_EVENT_KINDS)[number];

export const RESERVE_REVIEW_EVENT_KINDS = ['review-opened', 'capacity-shortfall', 'review-closed'] as const;
export type ReserveReviewEventKind = (typeof RESERVE_REVIEW_EVENT_KINDS)[number];

export const reservePoolEventType = (kind: ReservistEventKind | ReserveReviewEventKind): string =>
  `cn.xianfeng.reserve-pool.${kind}.v1`;

export type ReservistEventV1 = {
  readonly entryId: string;
  readonly personId: string;
  /** The village the reservist is held for, and its path, root first. */
  readonly village: { readonly id: string; readonly path: readonly string[] };
  readonly category: string;
  /** The entry's status after the event. */
  readonly status: string;
  /** Business date (Asia/Shanghai). */
  readonly occurredOn: string;
  /**
   * Kind-specific: reasons `[{code, reason}]` (not-admitted); reviewId (retained, listed, used, removed by a
   * review); post (listed-for-inspection); cadreCaseId (used); code AGED_OUT / NEGATIVE_EVENT / REVIEW and
   * reason (removed); memberCaseId (member-case-linked); education (admitted).
   */
  readonly details: Readonly<Record<string, unknown>>;
};

export type ReserveReviewEventV1 = {
  readonly reviewId: string;
  readonly township: { readonly id: string; readonly path: readonly string[] };
  /** Half-year period, "2026-H2". */
  readonly period: string;
  readonly occurredOn: string;
  /**
   * review-opened: dueOn and tasks; capacity-shortfall: village {id, path}, required, active, shortfall;
   * review-closed: decided, lapsed and overdue counts.
   */
  readonly details: Readonly<Record<string, unknown>>;
};

const detailsSchema = { type: 'object', propertyNames: { not: { const: 'nationalId' } } } as const;

export const reservistEventV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['entryId', 'personId', 'village', 'category', 'status', 'occurredOn', 'details'],
  properties: {
    entryId: { type: 'string', format: 'uuid' },
    personId: { type: 'string', format: 'uuid' },
    village: branchRefSchema,
    category: { type: 'string', minLength: 1 },
    status: { type: 'string', minLength: 1 },
    occurredOn: { type: 'string', format: 'date' },
    details: detailsSchema,
  },
} as const;

export const reserveReviewEventV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['reviewId', 'township', 'period', 'occurredOn', 'details'],
  properties: {
    reviewId: { type: 'string', format: 'uuid' },
    township: branchRefSchema,
    period: { type: 'string', pattern: '^[0-9]{4}-H[12]$' },
    occurredOn: { type: 'string', format: 'date' },
    details: detailsSchema,
  },
} as const;

export type ReservistCloudEvent = CloudEvent<ReservistEventV1>;
export type ReserveReviewCloudEvent = CloudEvent<ReserveReviewEventV1>;
export const validateReservistEventV1 = compileEventValidator<ReservistEventV1>(reservistEventV1Schema);
export const validateReserveReviewEventV1 =
  compileEventValidator<ReserveReviewEventV1>(reserveReviewEventV1Schema);

/** A reserve entry as the API shows it (read model). */
export interface ReserveEntryView {
  readonly id: string;
  readonly workflowId: string;
  readonly villageId: string;
  readonly townshipId: string;
  readonly category: string;
  readonly status: string;
  readonly entryStep: string;
  readonly education: string | null;
  readonly politicalStatus: string | null;
  readonly recommendedOn: string;
  readonly enteredOn: string | null;
  readonly leftOn: string | null;
  readonly leftCode: string | null;
  readonly inspectionPost: string | null;
  readonly cadreCaseId: string | null;
  readonly memberCaseId: string | null;
  readonly person: PersonSummary;
}

/** Input of the activity that records a recommendation (推) opening an entry; idempotent by entry id. */
export interface RecordReserveRecommendationCommand {
  readonly entryId: string;
  readonly workflowId: string;
  readonly eventId: string;
  readonly villageId: string;
  readonly townshipId: string;
  readonly category: string;
  readonly channel: string;
  readonly by: string;
  readonly recommendedOn: string;
  readonly person: WorkflowPerson;
  readonly policy: ReservePolicy;
  readonly recordedBy: RecordedBy | null;
  /**
   * The case's open tasks after this step; they replace the previous ones. Absent in histories recorded before
   * cadre and reserve work reached the backlog: the tasks are then left as they are.
   */
  readonly tasks?: readonly CaseTaskCommand[];
}

/** Input of the activity that records one validated action of an entry; idempotent by record id. */
export interface RecordReserveActionCommand {
  readonly entryId: string;
  readonly recordId: string;
  readonly action: {
    readonly type: string;
    readonly date: string;
    /** The org unit that acted; null for what the rules do by themselves (age-out). */
    readonly actingBodyId: string | null;
    readonly data: Readonly<Record<string, unknown>>;
    readonly recordedBy: RecordedBy | null;
  };
  /** The review task this action decides, if any (it must still be open), and the outcome's kind. */
  readonly review: { readonly id: string; readonly outcome: string } | null;
  readonly after: {
    readonly status: string;
    readonly entryStep: string;
    readonly education: string | null;
    readonly politicalStatus: string | null;
    readonly enteredOn: string | null;
    readonly left: { readonly code: string; readonly on: string } | null;
    readonly inspectionPost: string | null;
    readonly cadreCaseId: string | null;
    readonly memberCaseId: string | null;
  };
  /**
   * The case's open tasks after this step; they replace the previous ones. Absent in histories recorded before
   * cadre and reserve work reached the backlog: the tasks are then left as they are.
   */
  readonly tasks?: readonly CaseTaskCommand[];
  readonly events: readonly {
    readonly eventId: string;
    readonly kind: ReservistEventKind;
    readonly occurredOn: string;
    readonly details: Readonly<Record<string, unknown>>;
  }[];
}

/** Input of the activity that opens a township's half-year review; one review per township and period. */
export interface OpenReserveReviewCommand {
  readonly reviewId: string;
  readonly townshipId: string;
  readonly workflowId: string;
  readonly openedOn: string;
}

export interface ReserveReviewView {
  readonly id: string;
  readonly townshipId: string;
  readonly period: string;
  readonly openedOn: string;
  readonly dueOn: string;
  readonly status: 'OPEN' | 'CLOSED';
  readonly closedOn: string | null;
  readonly shortfalls: readonly {
    readonly villageId: string;
    readonly required: number;
    readonly active: number;
    readonly shortfall: number;
  }[];
  readonly tasks: {
    readonly open: number;
    readonly decided: number;
    readonly lapsed: number;
    readonly overdue: number;
  };
}
