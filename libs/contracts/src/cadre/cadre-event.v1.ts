import { type RecordedBy } from '@app/domain';

import { type PersonSummary, type WorkflowPerson } from '../person';
import { type CaseActionCommand, type CaseTasksCommand } from '../case-commands';
import { type EventFacts, caseEventSchema, eventTypeName } from '../case-events';
import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';
import { closedObjectSchema, localDateSchema, nonEmptyStringSchema } from '../json-schema';

/**
 * What HR systems hear of a cadre recruitment case, one CloudEvent type per kind:
 * `cn.xianfeng.cadre.<kind>.v1` on topic xianfeng.cadre.v1, keyed by case id. No national ID number.
 */
export const CADRE_EVENT_KINDS = [
  'nominated',
  'qualified',
  'disqualified',
  'appointed',
  'trial-passed',
  'trial-extended',
  'trial-failed',
  'exited',
  'deadline-overdue',
] as const;
export type CadreEventKind = (typeof CADRE_EVENT_KINDS)[number];

export const cadreEventType = (kind: CadreEventKind): string => eventTypeName('cadre', kind);

/**
 * The data of a cadre case event. Details: disqualification reasons `[{code, reason}]`; for `appointed` the
 * appointment mode (APPOINTMENT / ELECTION / BY_ELECTION), term end and trial end; extension months; exit
 * destination.
 */
export type CadreEventV1 = {
  readonly caseId: string;
  readonly personId: string;
  readonly programme: { readonly id: string; readonly name: string };
  /** The post applied for (村党组织书记助理, 村民委员会主任, …): see CADRE_POSTS. */
  readonly post: string;
  /** The village (its party organisation) and its path, root first. */
  readonly village: { readonly id: string; readonly path: readonly string[] };
  readonly stage: string;
} & EventFacts;

export const cadreEventV1Schema = caseEventSchema('caseId', {
  programme: closedObjectSchema({ id: nonEmptyStringSchema, name: nonEmptyStringSchema }),
  post: nonEmptyStringSchema,
  village: branchRefSchema,
  stage: nonEmptyStringSchema,
  occurredOn: localDateSchema,
});

export type CadreCloudEvent = CloudEvent<CadreEventV1>;
export const validateCadreEventV1 = compileEventValidator<CadreEventV1>(cadreEventV1Schema);

/** A cadre case as the API shows it (read model). */
export interface CadreCaseView {
  readonly id: string;
  readonly workflowId: string;
  readonly programmeId: string;
  readonly post: string;
  readonly villageId: string;
  readonly stage: string;
  readonly status: 'OPEN' | 'CLOSED';
  readonly outcome: string | null;
  readonly nominatedOn: string;
  readonly person: PersonSummary;
}

/** Input of the activity that records a nomination (P1); idempotent by case id. */
export interface RecordCadreNominationCommand extends CaseTasksCommand {
  readonly caseId: string;
  readonly workflowId: string;
  readonly eventId: string;
  readonly programme: { readonly id: string; readonly name: string };
  readonly post: string;
  readonly villageId: string;
  readonly channel: string;
  readonly nominatedOn: string;
  readonly person: WorkflowPerson;
  readonly recordedBy: RecordedBy | null;
}

/** Input of the activity that records one validated action of a case; idempotent by record id. */
export interface RecordCadreActionCommand extends CaseActionCommand<
  CadreEventKind,
  { readonly stage: string; readonly status: 'OPEN' | 'CLOSED'; readonly outcome: string | null }
> {
  readonly caseId: string;
  /** The programme pinned on the case (named in every event). */
  readonly programme: { readonly id: string; readonly name: string };
}

/** Input of the activity that signals a passed deadline (joint review, trial); idempotent by event id. */
export interface RecordCadreDeadlineCommand {
  readonly caseId: string;
  readonly eventId: string;
  readonly programme: { readonly id: string; readonly name: string };
  readonly kind: string;
  readonly due: string;
  readonly occurredOn: string;
}
