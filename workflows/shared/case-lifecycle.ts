import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';

import type { RuleViolation } from '@app/domain';

import { endNotRecorded } from './recording-failure';
import { ruleViolationFailure, ruleViolationFrom } from './rule-violation-failure';

/**
 * Where a case workflow stands. RECORDING: its first recording (application, nomination, recommendation) is
 * under way; REJECTED: it broke a rule the store checks; NOT_RECORDED: nothing could be stored (see
 * NOT_RECORDED_FAILURE), the workflow has ended; OPEN until the case closes.
 */
export type CaseStatus = 'RECORDING' | 'REJECTED' | 'NOT_RECORDED' | 'OPEN' | 'CLOSED';

/**
 * A case workflow's status and its first recording, the same for the member, cadre and reservist workflows:
 * the creation update (sent with the start) answers once the first recording ended, with the case or with why
 * there is none; a run continued as new starts OPEN.
 */
export class CaseLifecycle {
  status: CaseStatus;
  /** The rule the first recording broke (REJECTED). */
  rejection: RuleViolation | undefined;
  /** Why nothing could be recorded (NOT_RECORDED): the creation update and later updates answer with it. */
  private notRecorded: Error | undefined;

  constructor(continued: boolean) {
    this.status = continued ? 'OPEN' : 'RECORDING';
  }

  /** Sets the creation update's handler: it answers with `answer()` once the case is recorded. */
  answerCreation<V>(update: UpdateDefinition<V, []>, answer: () => V): void {
    setHandler(update, async () => {
      await condition(() => this.status !== 'RECORDING');
      if (this.rejection) throw ruleViolationFailure(this.rejection);
      if (this.notRecorded) throw this.notRecorded;
      return answer();
    });
  }

  /** Whether the first recording has ended (later updates wait until it has). */
  readonly recorded = (): boolean => this.status !== 'RECORDING';

  /** What an action on a case that was never recorded fails with. */
  unrecorded(): Error {
    return this.notRecorded ?? ruleViolationFailure(this.rejection!);
  }

  /**
   * The first recording through `record`; `opened` takes the stored view (the case is OPEN after it). Answers
   * false for a case that broke a rule, once every handler has answered (the workflow then returns); ends the
   * workflow as not recorded when the store refused otherwise.
   */
  async recordFirst<V>(record: () => Promise<V>, opened: (view: V) => void): Promise<boolean> {
    let view: V;
    try {
      view = await record();
    } catch (error) {
      this.rejection = ruleViolationFrom(error);
      if (!this.rejection) {
        // Data no retry can store, or a store that stayed down: nothing recorded, the case ends.
        return endNotRecorded(error, (failure) => {
          this.notRecorded = failure;
          this.status = 'NOT_RECORDED';
        });
      }
      this.status = 'REJECTED';
      await condition(allHandlersFinished);
      return false;
    }
    opened(view);
    this.status = 'OPEN';
    return true;
  }
}
