import type { CaseTaskCommand } from '@app/contracts';
import type { PipelineTask } from '@app/domain';

/** A cadre case's or reservist's open tasks as the recording activity takes them. */
export const taskCommands = (tasks: readonly PipelineTask[]): CaseTaskCommand[] =>
  tasks.map((task) => ({ ...task, doneBy: [] }));
