import { condition, currentUpdateInfo } from '@temporalio/workflow';

/**
 * A workflow's updates applied one at a time, each update id once. A later update waits for the earlier ones
 * (an earlier action may change what a later one may do), and a retried update id answers without applying
 * again. The workflow's own timed work takes its turn through `exclusive` too.
 */
export class SerialUpdates {
  private busy = false;
  private readonly completed: string[];

  /** `completed`: ids carried over a continue-as-new; `remember`: how many ids to keep at most. */
  constructor(
    completed: readonly string[] = [],
    private readonly remember = Number.POSITIVE_INFINITY,
  ) {
    this.completed = [...completed];
  }

  /** The update ids applied, oldest first (to carry over a continue-as-new). */
  completedIds(): string[] {
    return [...this.completed];
  }

  /** Whether the update being handled was applied already (a validator lets such a retry through). */
  alreadyApplied(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && this.completed.includes(id);
  }

  /**
   * Runs `work` alone once `ready`. The test is repeated after every wake-up with no await before taking the
   * turn, so handlers woken together cannot both get through.
   */
  async exclusive<T>(work: () => Promise<T>, ready: () => boolean = () => true): Promise<T> {
    while (this.busy || !ready()) await condition(() => !this.busy && ready());
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  /** Applies the update being handled, alone and once; `previous()` answers an id applied before. */
  apply<T>(work: () => Promise<T>, previous: () => T, ready?: () => boolean): Promise<T> {
    return this.exclusive(async () => {
      if (this.alreadyApplied()) return previous();
      const result = await work();
      this.completed.push(currentUpdateInfo()!.id);
      if (this.completed.length > this.remember) this.completed.shift();
      return result;
    }, ready);
  }
}
