import { type RecordedBy, type ReservePolicy } from '@app/domain';

import { type PersonSummary, type WorkflowPerson } from '../person';
import { type CaseActionCommand, type CaseTasksCommand } from '../case-commands';
import { type EventFacts, caseEventSchema, eventDetailsSchema, eventTypeName } from '../case-events';
import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';
import { closedObjectSchema, localDateSchema, nonEmptyStringSchema, uuidSchema } from '../json-schema';

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
  eventTypeName('reserve-pool', kind);

/**
 * The data of a reserve entry event. Details: reasons `[{code, reason}]` (not-admitted); reviewId (retained,
 * listed, used, removed by a review); post (listed-for-inspection); cadreCaseId (used); code AGED_OUT /
 * NEGATIVE_EVENT / REVIEW and reason (removed); memberCaseId (member-case-linked); education (admitted).
 */
export type ReservistEventV1 = {
  readonly entryId: string;
  readonly personId: string;
  /** The village the reservist is held for, and its path, root first. */
  readonly village: { readonly id: string; readonly path: readonly string[] };
  readonly category: string;
  /** The entry's status after the event. */
  readonly status: string;
} & EventFacts;

/**
 * The data of a township half-year review event. Details: review-opened: dueOn and tasks; capacity-shortfall:
 * village {id, path}, required, active, shortfall; review-closed: decided, lapsed and overdue counts.
 */
export type ReserveReviewEventV1 = {
  readonly reviewId: string;
  readonly township: { readonly id: string; readonly path: readonly string[] };
  /** Half-year period, "2026-H2". */
  readonly period: string;
} & EventFacts;

export const reservistEventV1Schema = caseEventSchema('entryId', {
  village: branchRefSchema,
  category: nonEmptyStringSchema,
  status: nonEmptyStringSchema,
  occurredOn: localDateSchema,
});

export const reserveReviewEventV1Schema = closedObjectSchema({
  reviewId: uuidSchema,
  township: branchRefSchema,
  period: { type: 'string', pattern: '^[0-9]{4}-H[12]$' },
  occurredOn: localDateSchema,
  details: eventDetailsSchema,
});

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
export interface RecordReserveRecommendationCommand extends CaseTasksCommand {
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
}

/**
 * Input of the activity that records one validated action of an entry; idempotent by record id. The acting
 * body is null for what the rules do by themselves (age-out).
 */
export interface RecordReserveActionCommand extends CaseActionCommand<
  ReservistEventKind,
  ReserveEntryAfter,
  string | null
> {
  readonly entryId: string;
  /** The review task this action decides, if any (it must still be open), and the outcome's kind. */
  readonly review: { readonly id: string; readonly outcome: string } | null;
}

/** An entry after an action, for the read model. */
export interface ReserveEntryAfter {
  readonly status: string;
  readonly entryStep: string;
  readonly education: string | null;
  readonly politicalStatus: string | null;
  readonly enteredOn: string | null;
  readonly left: { readonly code: string; readonly on: string } | null;
  readonly inspectionPost: string | null;
  readonly cadreCaseId: string | null;
  readonly memberCaseId: string | null;
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
