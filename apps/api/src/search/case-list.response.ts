import { ApiProperty } from '@nestjs/swagger';

import {
  type CadreCaseListItem,
  type CaseListItem,
  type MemberCaseListItem,
  type ReserveEntryListItem,
} from '@app/persistence';

import { CADRE_STAGES, MEMBER_STAGES, RESERVE_STATUSES, RULE_SETS } from './case-search.dto';

class ListedPersonResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({
    example: '*****************7',
    description: 'national ID number masked: its last character only',
  })
  nationalIdMasked!: string;
}

class ListedOrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ-DC-B1' }) code!: string;
  @ApiProperty({ example: '东村第一党支部' }) name!: string;
}

abstract class CaseListItemResponse implements CaseListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ListedPersonResponse }) person!: ListedPersonResponse;
  @ApiProperty({
    type: ListedOrgUnitResponse,
    description:
      'The case’s own unit: the party branch of a member case, the village of a cadre case or reservist',
  })
  orgUnit!: ListedOrgUnitResponse;
  abstract status: string;
  @ApiProperty({ format: 'date-time', description: 'Last change of the case' }) updatedAt!: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'Open tasks the case waits for' })
  openTasks!: number;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Soonest due date among the open tasks (null: none dated)',
  })
  nextDueOn!: string | null;
  @ApiProperty({ description: 'An open task is past its due date today (China time)' }) overdue!: boolean;
}

export class MemberCaseListItemResponse extends CaseListItemResponse implements MemberCaseListItem {
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ enum: RULE_SETS, description: 'rule set pinned on the application date' }) ruleSet!: string;
  @ApiProperty({ enum: MEMBER_STAGES }) stage!: string;
  @ApiProperty({ type: 'integer', example: 2, description: 'step of the 25-step flow last recorded' })
  currentStep!: number;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) applicationDate!: string;
}

export class CadreCaseListItemResponse extends CaseListItemResponse implements CadreCaseListItem {
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ example: 'GUIYAN' }) programmeId!: string;
  @ApiProperty({ example: 'SECRETARY_ASSISTANT' }) post!: string;
  @ApiProperty({ example: 'TOWNSHIP' }) channel!: string;
  @ApiProperty({ enum: CADRE_STAGES }) stage!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) outcome!: string | null;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) nominatedOn!: string;
}

export class ReserveEntryListItemResponse extends CaseListItemResponse implements ReserveEntryListItem {
  @ApiProperty({ enum: RESERVE_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty({ example: 'LOCAL_GRADUATE' }) category!: string;
  @ApiProperty({ example: 'RECOMMENDED' }) entryStep!: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) recommendedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) enteredOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) leftOn!: string | null;
}

const NEXT_CURSOR = {
  type: String,
  nullable: true,
  description: 'Pass as `cursor` for the next page; null on the last page',
} as const;

export class MemberCaseListResponse {
  @ApiProperty({ type: [MemberCaseListItemResponse] }) items!: MemberCaseListItemResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class CadreCaseListResponse {
  @ApiProperty({ type: [CadreCaseListItemResponse] }) items!: CadreCaseListItemResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class ReserveEntryListResponse {
  @ApiProperty({ type: [ReserveEntryListItemResponse] }) items!: ReserveEntryListItemResponse[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}
