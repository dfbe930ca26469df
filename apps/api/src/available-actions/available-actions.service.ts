import { Injectable } from '@nestjs/common';

import { Clock } from '@app/config';
import {
  type AvailableAction,
  CHINA_WORKING_DAYS,
  type LocalDate,
  type OrgUnit,
  type Principal,
  chinaLocalDate,
  maxDate,
} from '@app/domain';
import { ApprovalTasksRepository, type TaskSubject } from '@app/persistence';

import {
  type ActingOrgUnitResponse,
  type AvailableActionResponse,
  type CasePlanResponse,
  type PlannedDeadlineResponse,
} from './available-action.response';
import { exampleBody } from './example-body';
import { OpenApiDocumentHolder } from './openapi-document';

/** Where one available action is taken: its endpoint and operation, and who takes it. */
export interface ActionTarget {
  readonly name: string;
  readonly step: number;
  readonly endpoint: string;
  readonly operationId: string;
  /** The kinds of body that act, resolved from the org tree like the task read model (BRANCH, TOWNSHIP…). */
  readonly actors: readonly string[];
  /** Units that have done it already (reviewing bodies that reviewed): not among those who may. */
  readonly doneBy?: readonly string[];
  /** The units that act, when known without resolving (the township a review task is open for). */
  readonly units?: readonly ActingOrgUnitResponse[];
}

/** A case as its kind's available actions see it, the caller allowed to read it. */
export interface CaseActions<Type extends string = string> {
  /** The case as the task read model names it (its kind, id, unit and rule set). */
  readonly subject: TaskSubject;
  /** What the case's machine allows now, each with its earliest date or why not yet. */
  readonly available: readonly AvailableAction<Type>[];
  /** Where each is taken: none for an action without an endpoint, several for one awaited several times. */
  target(action: Type): readonly ActionTarget[];
  /** Fields of the example body that the case decides (the acting body, a pending department…). */
  example(action: Type, date: LocalDate, units: readonly ActingOrgUnitResponse[]): Record<string, unknown>;
  /** The dates the case's rules set (deadlines and hard caps), each with its article. */
  readonly deadlines: readonly PlannedDeadlineResponse[];
  /** Whether the caller may take the action, given the units that act on it. */
  yours(action: Type, units: readonly OrgUnit[]): boolean;
  /** Further fields of the kind's items (the member endpoint's earlier fields), given the units resolved. */
  extra?(action: Type, units: readonly OrgUnit[]): object;
}

/** How a case kind reads a case for its available actions (its own read access enforced). */
export interface CaseKindActions<Type extends string = string> {
  read(principal: Principal, caseId: string, today: LocalDate): Promise<CaseActions<Type>>;
}

const unitRef = ({ id, code, name }: Pick<OrgUnit, 'id' | 'code' | 'name'>): ActingOrgUnitResponse => ({
  id,
  code,
  name,
});

/**
 * The available actions of a case of any kind, in one shape: each with its Chinese name, the org units that
 * may take it, its endpoint and operation, the JSON Schema of its body, a body that would be valid today and
 * the earliest date it may carry (or why not yet).
 */
@Injectable()
export class AvailableActionsService {
  constructor(
    private readonly tasks: ApprovalTasksRepository,
    private readonly documents: OpenApiDocumentHolder,
    private readonly clock: Clock,
  ) {}

  async list<Type extends string>(
    kind: CaseKindActions<Type>,
    principal: Principal,
    caseId: string,
  ): Promise<AvailableActionResponse[]> {
    return (await this.read(kind, principal, caseId)).actions;
  }

  /**
   * The case's calendar: each next step with the earliest date a rule allows (and the rule), when its open
   * task is due and capped (and the deadline behind each), and every date the case's rules set.
   */
  async plan<Type extends string>(
    kind: CaseKindActions<Type>,
    principal: Principal,
    caseId: string,
  ): Promise<CasePlanResponse> {
    const { read, actions, today } = await this.read(kind, principal, caseId);
    const open = (await this.tasks.forCase(read.subject.kind, caseId)).filter(
      (task) => task.status === 'OPEN',
    );
    const deadline = (due: string | null, hard: boolean) =>
      read.deadlines.find((each) => each.due === due && each.hard === hard) ?? null;
    const steps = actions.map((action) => {
      const task = open.find((each) => each.action === action.action);
      const dueOn = task?.dueOn ?? null;
      const capOn = task?.capOn ?? null;
      return {
        action: action.action,
        name: action.name,
        step: action.step,
        actingOrgUnits: action.actingOrgUnits,
        endpoint: action.endpoint,
        operationId: action.operationId,
        earliest: action.earliest,
        earliestBy: action.earliestBy,
        allowedToday: action.notYet.length === 0,
        notYet: action.notYet,
        dueOn,
        capOn,
        dueBy: deadline(dueOn, false),
        capBy: deadline(capOn, true),
      };
    });
    return { workflowKind: read.subject.kind, caseId, today, steps, deadlines: [...read.deadlines] };
  }

  private async read<Type extends string>(
    kind: CaseKindActions<Type>,
    principal: Principal,
    caseId: string,
  ): Promise<{ read: CaseActions<Type>; actions: AvailableActionResponse[]; today: LocalDate }> {
    const today = chinaLocalDate(this.clock.now());
    const read = await kind.read(principal, caseId, today);
    const items = read.available.flatMap((available) =>
      read.target(available.action).map((target) => ({ available, target })),
    );
    const asTask = (target: ActionTarget) =>
      target.actors.map((actor) => ({ actor, doneBy: target.doneBy ?? [] }));
    const actingUnits = await this.tasks.actingUnits(
      read.subject,
      items.flatMap(({ target }) => asTask(target)),
    );
    const actions = items.map(({ available, target }) => {
      const resolved = dedupe(asTask(target).flatMap((task) => actingUnits(task)));
      const units = target.units ?? resolved.map(unitRef);
      const date = available.earliest ? maxDate(today, available.earliest) : today;
      const bodySchema = this.documents.bodySchema(target.operationId);
      return {
        action: available.action,
        name: target.name,
        step: target.step,
        actingOrgUnits: [...units],
        method: 'POST' as const,
        endpoint: target.endpoint,
        operationId: target.operationId,
        bodySchema,
        exampleBody: exampleBody(bodySchema, {
          date,
          fields: { date, ...read.example(available.action, date, units) },
        }),
        earliest: available.earliest,
        earliestBy: available.earliestBy,
        notYet: [...available.notYet],
        yours: read.yours(available.action, resolved),
        ...read.extra?.(available.action, resolved),
      };
    });
    return { read, actions, today };
  }
}

function dedupe<Unit extends { readonly id: string }>(units: readonly Unit[]): Unit[] {
  return units.filter((unit, index) => units.findIndex((each) => each.id === unit.id) === index);
}

/** The last day of a notice of `workingDays` posted on `date` (a body's `end` that the notice rules accept). */
export function noticeEnd(date: LocalDate, workingDays: number): LocalDate {
  return CHINA_WORKING_DAYS.lastDayOfPeriod(date, workingDays).value;
}
