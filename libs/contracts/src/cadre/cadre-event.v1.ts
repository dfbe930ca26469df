import { type RecordedBy } from '@app/domain';

import { type PersonSummary, type WorkflowPerson } from '../person';
import { type CaseTaskCommand } from '../member-development/member-case';
import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';

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

export const cadreEventType = (kind: CadreEventKind): string => `cn.xianfeng.cadre.${kind}.v1`;

export type CadreEventV1 = {
  readonly caseId: string;
  readonly personId: string;
  readonly programme: { readonly id: string; readonly name: string };
  /** The post applied for (村党组织书记助理, 村民委员会主任, …): see CADRE_POSTS. */
  readonly post: string;
  /** The village (its party organisation) and its path, root first. */
  readonly village: { readonly id: string; readonly path: readonly string[] };
  readonly stage: string;
  /** Business date (Asia/Shanghai). */
  readonly occurredOn: string;
  /**
   * Kind-specific: disqualification reasons `[{code, reason}]`; for `appointed` the appointment mode
   * (APPOINTMENT / ELECTION / BY_ELECTION), term end and trial end; extension months; exit destination.
   */
  readonly details: Readonly<Record<string, unknown>>;
};

export const cadreEventV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['caseId', 'personId', 'programme', 'post', 'village', 'stage', 'occurredOn', 'details'],
  properties: {
    caseId: { type: 'string', format: 'uuid' },
    personId: { type: 'string', format: 'uuid' },
    programme: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
    },
    post: { type: 'string', minLength: 1 },
    village: branchRefSchema,
    stage: { type: 'string', minLength: 1 },
    occurredOn: { type: 'string', format: 'date' },
    details: { type: 'object', propertyNames: { not: { const: 'nationalId' } } },
  },
} as const;

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
export interface RecordCadreNominationCommand {
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
  /**
   * The case's open tasks after this step; they replace the previous ones. Absent in histories recorded before
   * cadre and reserve work reached the backlog: the tasks are then left as they are.
   */
  readonly tasks?: readonly CaseTaskCommand[];
}

/** Input of the activity that records one validated action; idempotent by record id. */
export interface RecordCadreActionCommand {
  readonly caseId: string;
  readonly recordId: string;
  /** The programme pinned on the case (named in every event). */
  readonly programme: { readonly id: string; readonly name: string };
  readonly action: {
    readonly type: string;
    readonly date: string;
    readonly actingBodyId: string;
    readonly data: Readonly<Record<string, unknown>>;
    readonly recordedBy: RecordedBy | null;
  };
  readonly after: {
    readonly stage: string;
    readonly status: 'OPEN' | 'CLOSED';
    readonly outcome: string | null;
  };
  /**
   * The case's open tasks after this step; they replace the previous ones. Absent in histories recorded before
   * cadre and reserve work reached the backlog: the tasks are then left as they are.
   */
  readonly tasks?: readonly CaseTaskCommand[];
  readonly events: readonly {
    readonly eventId: string;
    readonly kind: CadreEventKind;
    readonly occurredOn: string;
    readonly details: Readonly<Record<string, unknown>>;
  }[];
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
