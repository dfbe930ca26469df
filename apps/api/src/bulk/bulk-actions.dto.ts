import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { WORKFLOW_KINDS, type WorkflowKind } from '@app/persistence';

import { TASK_ACTIONS } from '../backlog/task-kinds';

/** One backlog item's decision: its kind, case, action and ref exactly as the backlog lists them. */
export class PipelineBulkItemDto {
  @ApiProperty({ enum: WORKFLOW_KINDS, example: 'CADRE_RECRUITMENT' })
  @IsIn(WORKFLOW_KINDS)
  workflowKind!: WorkflowKind;

  @ApiProperty({ format: 'uuid', description: 'The case (for the reserve pool: the entry)' })
  @IsUUID('all')
  caseId!: string;

  @ApiProperty({ enum: TASK_ACTIONS, example: 'DECIDE' })
  @IsIn(TASK_ACTIONS)
  action!: string;

  @ApiPropertyOptional({
    description: "The backlog item's ref: the review id of a DECIDE_REVIEW (required there), a department",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ref?: string;

  @ApiProperty({
    description:
      "The action's body, exactly as its own endpoint takes it (a review decision without entryId)",
    type: 'object',
    additionalProperties: true,
    example: {
      date: '2026-11-20',
      approved: true,
      committeeVote: { members: 7, present: 6, yes: 6 },
      minutesRef: '乡党委〔2026〕12号',
    },
  })
  @IsObject()
  input!: Record<string, unknown>;
}

export class PipelineBulkActionsDto {
  @ApiProperty({ type: [PipelineBulkItemDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PipelineBulkItemDto)
  items!: PipelineBulkItemDto[];
}
