import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { MEMBER_PHASES } from '@app/domain';
import { WORKFLOW_KINDS, type WorkflowKind } from '@app/persistence';

import { IsLocalDate } from '@app/config';

import { TASK_ACTIONS } from './task-kinds';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Paging shared by the backlog and the inbox. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (keyset pagination)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** Which subtree and workflow kind: the backlog's summary, and the backlog's own filters on top. */
export class BacklogSummaryQueryDto {
  @ApiPropertyOptional({ description: 'Root of the subtree (id or code); default: the caller’s own scope' })
  @IsOptional()
  @IsString()
  orgUnit?: string;

  @ApiPropertyOptional({ enum: WORKFLOW_KINDS, description: 'Which pipeline; default: all three' })
  @IsOptional()
  @IsIn(WORKFLOW_KINDS)
  workflowKind?: WorkflowKind;
}

export class BacklogQueryDto extends IntersectionType(PageQueryDto, BacklogSummaryQueryDto) {
  @ApiPropertyOptional({
    enum: Object.keys(MEMBER_PHASES),
    description: 'Member development stage S1–S5 (DOMAIN §1.1); implies workflowKind MEMBER_DEVELOPMENT',
  })
  @IsOptional()
  @IsIn(Object.keys(MEMBER_PHASES))
  stage?: keyof typeof MEMBER_PHASES;

  @ApiPropertyOptional({ minimum: 1, maximum: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(25)
  step?: number;

  @ApiPropertyOptional({ enum: TASK_ACTIONS, description: 'The awaited action (of any pipeline)' })
  @IsOptional()
  @IsIn(TASK_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ enum: ['OPEN', 'DONE'], default: 'OPEN' })
  @IsOptional()
  @IsIn(['OPEN', 'DONE'])
  status: 'OPEN' | 'DONE' = 'OPEN';

  @ApiPropertyOptional({ format: 'date', description: 'Due strictly before this day' })
  @IsOptional()
  @IsLocalDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Only tasks past their due date today' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Only tasks not yet overdue that fall due within N days',
    maximum: 366,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  breachingWithinDays?: number;

  @ApiPropertyOptional({
    enum: ['due', 'waiting'],
    default: 'due',
    description: 'due: soonest deadline first (undated last); waiting: longest waiting first',
  })
  @IsOptional()
  @IsIn(['due', 'waiting'])
  sort: 'due' | 'waiting' = 'due';
}
