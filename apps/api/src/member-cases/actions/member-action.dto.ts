import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { ACTION_STEP, type MemberActionType } from '@app/domain';

import { IsLocalDate, RequiredNested } from '@app/config';

/** Fields every action carries. */
export class MemberActionDto {
  @ApiProperty({
    description: '业务日期: the day the step happened (not when it is entered)',
    example: '2026-11-20',
    format: 'date',
  })
  @IsLocalDate()
  date!: string;

  @ApiProperty({
    description: 'The org unit acting (branch, committee, reviewing body, approving committee): id or code',
    example: 'DX-DZ-DC-B1',
  })
  @IsString()
  @IsNotEmpty()
  actingBody!: string;

  @ApiPropertyOptional({
    description: 'References of the documents kept in the dossier',
    example: ['谈话记录-2026-001'],
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  evidence?: string[];
}

export class RecordTalkDto extends MemberActionDto {
  @ApiProperty({ example: '李秀英（组织委员）' }) @IsString() @IsNotEmpty() @MaxLength(100) talker!: string;
  @ApiProperty({ example: '了解入党动机和对党的认识' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary!: string;
}

export class DetermineActivistDto extends MemberActionDto {
  @ApiProperty({ enum: ['PARTY_MEMBERS', 'MASS_ORGANISATION'], description: '党员推荐 or 群团组织推优' })
  @IsIn(['PARTY_MEMBERS', 'MASS_ORGANISATION'])
  recommendation!: 'PARTY_MEMBERS' | 'MASS_ORGANISATION';
}

export class NoFieldsActionDto extends MemberActionDto {}

export class AssignContactsDto extends MemberActionDto {
  @ApiProperty({ description: 'Person ids of one or two full members', type: [String], format: 'uuid' })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  contactIds!: string[];
}

export class SummaryDto extends MemberActionDto {
  @ApiProperty({ example: '半年考察：表现良好' }) @IsString() @IsNotEmpty() @MaxLength(2000) summary!: string;
}

export class ProposeDevelopmentTargetDto extends MemberActionDto {
  @ApiProperty({
    description: 'Whose opinions were heard (党小组, 培养联系人, 党员和群众)',
    example: ['党小组', '培养联系人', '群众'],
    type: [String],
  })
  @IsArray()
  @IsString({ each: true })
  opinionsHeard!: string[];
}

export class HigherCommitteeDecisionDto extends MemberActionDto {
  @ApiProperty({
    description: '2026: consent (同意) of the committee with approval authority; 2014: filing (备案)',
  })
  @IsBoolean()
  consent!: boolean;
  @ApiPropertyOptional({ example: '培养时间不足' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class StartNoticeDto extends MemberActionDto {
  @ApiProperty({
    description: 'Last day of the notice (≥ 5 working days, T4)',
    example: '2026-11-27',
    format: 'date',
  })
  @IsLocalDate()
  end!: string;

  @ApiProperty({ example: '工作单位和居住地' }) @IsString() @IsNotEmpty() @MaxLength(200) scope!: string;
}

const NOTICE_KINDS = ['ACTIVIST', 'ACCEPTANCE', 'CONVERSION'] as const;
type NoticeKind = (typeof NOTICE_KINDS)[number];

export class RecordObjectionDto extends MemberActionDto {
  @ApiProperty({ example: '反映其长期不参加组织生活' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  objection!: string;
  @ApiPropertyOptional({
    enum: NOTICE_KINDS,
    description: 'A local notice; absent for the development-target notice',
  })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  notice?: NoticeKind;
}

/** A public notice a local overlay adds: before listing activists, before acceptance, before conversion. */
export class StartLocalNoticeDto extends MemberActionDto {
  @ApiProperty({ enum: NOTICE_KINDS }) @IsIn(NOTICE_KINDS) notice!: NoticeKind;
  @ApiProperty({ description: 'Last day of the notice', example: '2026-11-27', format: 'date' })
  @IsLocalDate()
  end!: string;

  @ApiProperty({ example: '党支部' }) @IsString() @IsNotEmpty() @MaxLength(200) scope!: string;
}

export class CloseLocalNoticeDto extends MemberActionDto {
  @ApiProperty({ enum: NOTICE_KINDS }) @IsIn(NOTICE_KINDS) notice!: NoticeKind;
  @ApiProperty() @IsBoolean() affectsEligibility!: boolean;
  @ApiProperty({ example: '公示期间无异议' }) @IsString() @MaxLength(2000) finding!: string;
}

export class CloseNoticeDto extends MemberActionDto {
  @ApiProperty({ description: 'Whether the findings on objections affect eligibility (then not listed)' })
  @IsBoolean()
  affectsEligibility!: boolean;
  @ApiProperty({ example: '公示期间无异议' }) @IsString() @MaxLength(2000) finding!: string;
}

export class DesignateSponsorsDto extends MemberActionDto {
  @ApiProperty({ description: 'Person ids of exactly two full members', type: [String], format: 'uuid' })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  sponsorIds!: string[];
}

export class PoliticalReviewDto extends MemberActionDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiProperty({ description: '结论性材料 reference', example: '政审结论〔2026〕12号' })
  @IsString()
  @MaxLength(200)
  conclusionRef!: string;
}

class TrainingExceptionDto {
  @ApiProperty({ example: '援外医疗队在岗' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  justification!: string;
  @ApiProperty({ example: 'DX-DZ' }) @IsString() @IsNotEmpty() approvedBy!: string;
}

export class TrainingDto extends MemberActionDto {
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(365) days!: number;
  @ApiProperty({ example: 24, description: '学时' }) @IsInt() @Min(0) @Max(10000) classHours!: number;
  @ApiPropertyOptional({ type: TrainingExceptionDto, description: '个别特殊情况' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingExceptionDto)
  exception?: TrainingExceptionDto;
}

export class CommitteeReviewDto extends MemberActionDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiProperty({ example: '经集体讨论，认为合格' }) @IsString() @MaxLength(2000) opinion!: string;
}

export class PreReviewDto extends MemberActionDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiPropertyOptional({
    description: 'Expected date of leaving the unit, if known (T6)',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsLocalDate()
  expectedDeparture?: string;

  @ApiPropertyOptional({
    description: 'Why acceptance goes ahead although the person leaves within 3 months',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  departureJustification?: string;
}

export class ApplicationFormDto extends MemberActionDto {
  @ApiProperty({ description: '《入党志愿书》 number', example: '苏0001234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  formNumber!: string;
}

class ExcludedMemberDto {
  @ApiProperty() @IsString() @IsNotEmpty() memberId!: string;
  @ApiProperty({
    enum: [
      'INCAPABLE',
      'ABROAD_OVER_6_MONTHS',
      'SERVING_SENTENCE',
      'BEDRIDDEN_OR_ELDERLY',
      'AWAY_OVER_6_MONTHS',
    ],
  })
  @IsIn([
    'INCAPABLE',
    'ABROAD_OVER_6_MONTHS',
    'SERVING_SENTENCE',
    'BEDRIDDEN_OR_ELDERLY',
    'AWAY_OVER_6_MONTHS',
  ])
  reason!:
    'INCAPABLE' | 'ABROAD_OVER_6_MONTHS' | 'SERVING_SENTENCE' | 'BEDRIDDEN_OR_ELDERLY' | 'AWAY_OVER_6_MONTHS';

  @ApiProperty({ example: '东镇党委函〔2026〕3号' }) @IsString() higherConsentRef!: string;
  @ApiProperty({ example: '支部党员大会决议2026-05' }) @IsString() meetingResolutionRef!: string;
}

class WrittenOpinionDto {
  @ApiProperty() @IsString() @IsNotEmpty() memberId!: string;
  @ApiProperty({ enum: ['YES', 'NO', 'ABSTAIN'] }) @IsIn(['YES', 'NO', 'ABSTAIN']) vote!:
    'YES' | 'NO' | 'ABSTAIN';
}

export class MeetingVoteDto {
  @ApiProperty({ description: 'Full members with voting rights on the roll', example: 20 })
  @IsInt()
  @Min(0)
  votingMembers!: number;
  @ApiProperty({ type: [ExcludedMemberDto], description: 'Left out of should-attend (five categories only)' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExcludedMemberDto)
  excluded!: ExcludedMemberDto[];

  @ApiProperty({ example: 16 }) @IsInt() @Min(0) presentVoting!: number;
  @ApiProperty({ type: [WrittenOpinionDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WrittenOpinionDto)
  writtenOpinions!: WrittenOpinionDto[];

  @ApiProperty({ example: 14 }) @IsInt() @Min(0) yes!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) no!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) abstain!: number;
  @ApiProperty({ enum: ['SECRET', 'SHOW_OF_HANDS'] }) @IsIn(['SECRET', 'SHOW_OF_HANDS']) ballot!:
    'SECRET' | 'SHOW_OF_HANDS';
  @ApiProperty({ example: 1, description: 'Candidates decided by this vote (must be 1)' })
  @IsInt()
  @Min(0)
  candidates!: number;
}

export class AcceptanceMeetingDto extends MemberActionDto {
  @RequiredNested(MeetingVoteDto)
  vote!: MeetingVoteDto;
}

export class OpinionDto extends MemberActionDto {
  @ApiProperty({ example: '同意' }) @IsString() @IsNotEmpty() @MaxLength(2000) opinion!: string;
}

export class CommitteeInterviewDto extends MemberActionDto {
  @ApiProperty({ example: '组织员 陈志强' }) @IsString() @IsNotEmpty() @MaxLength(100) interviewer!: string;
}

export class CommitteeVoteDto {
  @ApiProperty({ example: 7 }) @IsInt() @Min(1) members!: number;
  @ApiProperty({ example: 6 }) @IsInt() @Min(0) present!: number;
  @ApiProperty({ example: 6 }) @IsInt() @Min(0) yes!: number;
}

export class ApprovalDto extends MemberActionDto {
  @ApiProperty({
    description: 'When the committee received the branch resolution (T8/T12 anchor)',
    format: 'date',
  })
  @IsLocalDate()
  resolutionReceived!: string;

  @ApiProperty() @IsBoolean() approved!: boolean;
  @RequiredNested(CommitteeVoteDto)
  committeeVote!: CommitteeVoteDto;
}

export class AcceptanceApprovalDto extends ApprovalDto {
  @ApiPropertyOptional({
    description: 'Required to approve after 3 months (never after 6)',
    example: '党委换届',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  specialCaseReason?: string;
}

export class PartyGroupDto extends MemberActionDto {
  @ApiProperty({ example: '第一党小组' }) @IsString() @IsNotEmpty() @MaxLength(100) partyGroup!: string;
}

export class ConversionMeetingDto extends MemberActionDto {
  @RequiredNested(MeetingVoteDto)
  vote!: MeetingVoteDto;
  @ApiProperty({ enum: ['CONVERT', 'EXTEND', 'CANCEL'] }) @IsIn(['CONVERT', 'EXTEND', 'CANCEL']) proposal!:
    'CONVERT' | 'EXTEND' | 'CANCEL';
  @ApiPropertyOptional({ description: 'For EXTEND: 6–12 months (T11)', example: 6 })
  @IsOptional()
  @IsInt()
  extensionMonths?: number;
}

export class ArchiveDto extends MemberActionDto {
  @ApiProperty({
    example: [
      '入党志愿书',
      '入党申请书',
      '培养考察登记表',
      '政审材料',
      '预备党员教育考察登记表',
      '转正申请书',
    ],
    type: [String],
  })
  @IsArray()
  @IsString({ each: true })
  documents!: string[];
}

export class ReasonDto extends MemberActionDto {
  @ApiProperty({ example: '本人书面申请撤回' }) @IsString() @MaxLength(2000) reason!: string;
}

export class TransferDto extends MemberActionDto {
  @ApiProperty({ description: 'The receiving 党支部: id or code', example: 'DX-DZ-XC-B1' })
  @IsString()
  @IsNotEmpty()
  toBranch!: string;
  @ApiProperty({ example: '组织关系介绍信〔2026〕8号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  materialsRef!: string;
}

export class BulkActionItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  caseId!: string;

  @ApiProperty({ enum: Object.keys(ACTION_STEP), example: 'APPROVE_ACCEPTANCE' })
  @IsIn(Object.keys(ACTION_STEP))
  action!: MemberActionType;

  @ApiProperty({
    description: "The action's body, exactly as its own endpoint takes it",
    type: 'object',
    additionalProperties: true,
    example: {
      date: '2026-11-20',
      actingBody: 'DX-DZ',
      resolutionReceived: '2026-11-02',
      approved: true,
      committeeVote: { members: 7, present: 6, yes: 6 },
    },
  })
  @IsObject()
  input!: Record<string, unknown>;
}

export class BulkActionsDto {
  @ApiProperty({ type: [BulkActionItemDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkActionItemDto)
  items!: BulkActionItemDto[];
}
