import { type RecordedBy } from '@app/domain';

/** A task the case waits for after the step, as the workflow derives it (its case machine's openTasks). */
export interface CaseTaskCommand {
  readonly action: string;
  readonly step: number;
  /** Who acts: BRANCH, BRANCH_COMMITTEE, APPROVING_COMMITTEE, REVIEWING_BODY, ORG_DEPARTMENT, … */
  readonly actor: string;
  readonly dueOn: string | null;
  readonly capOn: string | null;
  /** Org units that have already done it (reviewing bodies that reviewed); none when absent. */
  readonly doneBy?: readonly string[];
  /** Which of several same-step tasks this is (a joint-review department, a half-year review id); '' if one. */
  readonly ref?: string;
}

/**
 * One event a recording publishes: its id (generated in the workflow, so retries reuse it), its kind, its business
 * date (Asia/Shanghai) and its kind-specific details.
 */
export interface CaseEventCommand<K extends string = string> {
  readonly eventId: string;
  readonly kind: K;
  readonly occurredOn: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A recording of a cadre case or reserve entry, with the tasks the case waits for after it. */
export interface CaseTasksCommand {
  /**
   * The case's open tasks after this step; they replace the previous ones. Absent in histories recorded before
   * cadre and reserve work reached the backlog: the tasks are then left as they are.
   */
  readonly tasks?: readonly CaseTaskCommand[];
}

/**
 * Input of the activity that records one validated action of a cadre case or reserve entry: its record in the
 * 一人一档 chain, the read model after it (`after`), the open tasks and the events; idempotent by record id.
 * `B`: the acting body (null where the rules act by themselves).
 */
export interface CaseActionCommand<
  K extends string,
  After,
  B extends string | null = string,
> extends CaseTasksCommand {
  readonly recordId: string;
  readonly action: {
    readonly type: string;
    readonly date: string;
    readonly actingBodyId: B;
    readonly data: Readonly<Record<string, unknown>>;
    readonly recordedBy: RecordedBy | null;
  };
  readonly after: After;
  readonly events: readonly CaseEventCommand<K>[];
}

/**
 * A workflow's activities by their command and answer: each records in one transaction and is idempotent by its
 * command's key (case id, record id or event id), so a retry changes nothing.
 */
export type RecordingActivities<T extends Record<string, readonly [command: unknown, answer: unknown]>> = {
  [K in keyof T]: (command: T[K][0]) => Promise<T[K][1]>;
};
