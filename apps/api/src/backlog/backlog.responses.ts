import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { type LocalDate, ORG_UNIT_KINDS } from '@app/domain';
import { type BacklogBuckets, WORKFLOW_KINDS } from '@app/persistence';

import { OrgUnitBriefResponse } from '../openapi/case.responses';
import { type BacklogItemView, type BacklogPageView, type BacklogSummaryView } from './backlog.service';
import { TASK_ACTIONS } from './task-kinds';

/** The answers of the backlog (待办) endpoints: pages of tasks, and the counts per unit. */

@ApiSchema({ name: 'BacklogCandidate' })
class CandidateResponse {
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({
    example: 'ACTIVIST',
    description: 'where the case stands: the member stage, the cadre stage or the reservist’s entry step',
  })
  stage!: string;
  @ApiProperty({ example: '入党积极分子', description: 'the stage as organizers name it' })
  stageName!: string;
}

/** A task of a case: what is awaited, from whom, by when, and where to act on it. */
@ApiSchema({ name: 'BacklogItem' })
export class BacklogItemResponse implements BacklogItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the case (for the reserve pool: the entry)' }) caseId!: string;
  @ApiProperty({ enum: WORKFLOW_KINDS }) workflowKind!: string;
  @ApiProperty({ enum: TASK_ACTIONS, example: 'RECORD_TALK', description: 'the awaited action' })
  action!: string;
  @ApiProperty({ example: '谈话', description: 'the awaited action as organizers name it' })
  actionName!: string;
  @ApiProperty({
    example: '',
    description: "which of several tasks of the action (a joint-review department, a review id); '' if one",
  })
  ref!: string;
  @ApiProperty({ type: 'integer', example: 2 }) step!: number;
  @ApiProperty({ type: OrgUnitBriefResponse, description: 'the org unit that acts' })
  orgUnit!: OrgUnitBriefResponse;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null without a deadline' })
  dueOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'hard cap after which the action is refused',
  })
  capOn!: string | null;
  @ApiProperty({ enum: ['OPEN', 'DONE'] }) status!: 'OPEN' | 'DONE';
  @ApiProperty({ format: 'date-time', description: 'when the task opened' }) createdAt!: string;
  @ApiProperty({ type: CandidateResponse, description: 'the member candidate, cadre nominee or reservist' })
  candidate!: CandidateResponse;
  @ApiProperty({
    type: OrgUnitBriefResponse,
    description:
      'the case’s own unit: the party branch of a member case, the village of a cadre case or reservist',
  })
  branch!: OrgUnitBriefResponse;
  @ApiProperty({
    example: '/v1/member-cases/0f8fad5b-d9cb-469f-a165-70867728950e/talk',
    description: 'where to act on it: POST this path with the action’s body',
  })
  endpoint!: string;
  @ApiProperty({ description: 'past its due date today (China time)' }) overdue!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'days from today to the due date (negative when overdue); null without a deadline',
  })
  daysLeft!: number | null;
}

/** A page of tasks (the backlog or the inbox). */
@ApiSchema({ name: 'BacklogPage' })
export class BacklogPageResponse implements BacklogPageView {
  @ApiProperty({ type: OrgUnitBriefResponse, description: 'the unit listed under' })
  orgUnit!: OrgUnitBriefResponse;
  @ApiProperty({ type: String, format: 'date', description: 'today in China, as the page judged it' })
  today!: LocalDate;
  @ApiProperty({ type: [BacklogItemResponse] }) items!: readonly BacklogItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

/** Open tasks by deadline and by time waiting. */
@ApiSchema({ name: 'BacklogBuckets' })
export class BacklogBucketsResponse implements BacklogBuckets {
  @ApiProperty({ type: 'integer', description: 'open tasks' }) open!: number;
  @ApiProperty({ type: 'integer', description: 'past their due date' }) overdue!: number;
  @ApiProperty({ type: 'integer', description: 'due within 7 days' }) dueWithin7Days!: number;
  @ApiProperty({ type: 'integer', description: 'due in 8 to 30 days' }) dueWithin30Days!: number;
  @ApiProperty({ type: 'integer', description: 'due in more than 30 days' }) dueLater!: number;
  @ApiProperty({ type: 'integer', description: 'without a deadline' }) noDeadline!: number;
  @ApiProperty({ type: 'integer', description: 'open for up to 7 days' }) waiting0to7Days!: number;
  @ApiProperty({ type: 'integer', description: 'open for 8 to 30 days' }) waiting8to30Days!: number;
  @ApiProperty({ type: 'integer', description: 'open for 31 to 90 days' }) waiting31to90Days!: number;
  @ApiProperty({ type: 'integer', description: 'open for more than 90 days' }) waitingOver90Days!: number;
}

@ApiSchema({ name: 'BacklogChildUnit' })
class ChildUnitResponse extends OrgUnitBriefResponse {
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: string;
}

@ApiSchema({ name: 'BacklogChildBuckets' })
class ChildBucketsResponse extends BacklogBucketsResponse {
  @ApiProperty({ type: ChildUnitResponse }) orgUnit!: ChildUnitResponse;
}

/** Open tasks counted for a unit and per child unit (each with its whole subtree). */
@ApiSchema({ name: 'BacklogSummary' })
export class BacklogSummaryResponse implements BacklogSummaryView {
  @ApiProperty({ type: OrgUnitBriefResponse, description: 'the root of the subtree counted' })
  orgUnit!: OrgUnitBriefResponse;
  @ApiProperty({ type: String, format: 'date', description: 'today in China, as the counts judged it' })
  today!: LocalDate;
  @ApiProperty({ type: BacklogBucketsResponse, description: 'the whole subtree' })
  total!: BacklogBucketsResponse;
  @ApiProperty({ type: BacklogBucketsResponse, description: 'tasks awaited from the root unit itself' })
  own!: BacklogBucketsResponse;
  @ApiProperty({ type: [ChildBucketsResponse], description: 'every child unit (zeros included), by code' })
  children!: readonly ChildBucketsResponse[];
}
