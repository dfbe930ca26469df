import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  CADRE_POSTS,
  CADRE_SOURCES,
  type CadreActionType,
  type CadrePost,
  type CadreSource,
  EDUCATION_LEVELS,
  type EducationLevel,
  KIN_RELATIONS,
  type KinRelation,
  NEGATIVE_ITEMS,
  NOMINATION_CHANNELS,
  type NegativeItem,
  type NominationChannel,
  POLITICAL_STATUSES,
  type PoliticalStatus,
  RESERVE_CATEGORIES,
  type ReserveCategory,
} from '@app/domain';

import { IsLocalDate } from '@app/config';

const POSTS = Object.keys(CADRE_POSTS);

export class CadrePersonDto {
  @ApiProperty({ example: '陈雁' }) @IsString() @IsNotEmpty() @MaxLength(50) name!: string;
  @ApiProperty({ example: '320602200005011234' }) @IsString() @IsNotEmpty() nationalId!: string;
  @ApiProperty({ example: '2000-05-01', format: 'date' }) @IsLocalDate() birthDate!: string;
}

/** P1 报名/推荐. */
export class NominateCadreDto {
  @ApiProperty({ description: 'Programme id (GET /v1/cadre-programmes)', example: 'GUIYAN' })
  @IsString()
  @IsNotEmpty()
  programme!: string;

  @ApiProperty({ enum: POSTS, example: 'SECRETARY_ASSISTANT' }) @IsIn(POSTS) post!: CadrePost;

  @ApiProperty({ description: 'The village party organisation (id or code)', example: 'DX-DZ-DC' })
  @IsString()
  @IsNotEmpty()
  village!: string;

  @ApiProperty({ enum: NOMINATION_CHANNELS, description: '自荐, 村推荐, 乡镇推荐, 单位/学校推荐' })
  @IsIn(NOMINATION_CHANNELS)
  channel!: NominationChannel;

  @ApiPropertyOptional({ format: 'date', description: 'defaults to today in China Standard Time' })
  @IsOptional()
  @IsLocalDate()
  nominatedOn?: string;

  @ApiProperty({ type: CadrePersonDto })
  // ValidateNested skips an absent value: without IsDefined a body without `person` reached the service.
  @IsDefined()
  @ValidateNested()
  @Type(() => CadrePersonDto)
  person!: CadrePersonDto;
}

/** Every action is dated (业务日期: when it happened). */
export class DatedActionDto {
  @ApiProperty({ format: 'date', example: '2026-03-05' }) @IsLocalDate() date!: string;
}

export class NegativeRecordDto {
  @ApiProperty({ enum: Object.keys(NEGATIVE_ITEMS) }) @IsIn(Object.keys(NEGATIVE_ITEMS)) item!: NegativeItem;
  @ApiProperty({ format: 'date' }) @IsLocalDate() date!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() ongoing?: boolean;
}

class RelativeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') personId!: string;
  @ApiProperty({ enum: KIN_RELATIONS }) @IsIn(KIN_RELATIONS) relation!: KinRelation;
}

/** P2 资格审查: the facts checked against the programme's criteria. */
export class ReviewQualificationDto extends DatedActionDto {
  @ApiProperty({ enum: EDUCATION_LEVELS }) @IsIn(EDUCATION_LEVELS) education!: EducationLevel;
  @ApiProperty({ enum: POLITICAL_STATUSES }) @IsIn(POLITICAL_STATUSES) politicalStatus!: PoliticalStatus;
  @ApiProperty({ enum: CADRE_SOURCES }) @IsIn(CADRE_SOURCES) source!: CadreSource;
  @ApiPropertyOptional({ description: '户籍所在村 (org unit id or code)' })
  @IsOptional()
  @IsString()
  householdVillage?: string;
  @ApiPropertyOptional({ description: '长期居住村 (org unit id or code)' })
  @IsOptional()
  @IsString()
  residenceVillage?: string;
  @ApiProperty({ type: [NegativeRecordDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NegativeRecordDto)
  negativeRecords!: NegativeRecordDto[];
  @ApiProperty({ type: [RelativeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RelativeDto)
  relatives!: RelativeDto[];
  @ApiProperty({
    description: 'Person ids of the sitting members of the committee the post is on',
    type: [String],
  })
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  committeeMemberIds!: string[];
}

export class DepartmentOpinionDto extends DatedActionDto {
  @ApiProperty({ example: '公安局' }) @IsString() @IsNotEmpty() @MaxLength(50) department!: string;
  @ApiProperty({ enum: ['PASS', 'FAIL', 'CONCERN'] }) @IsIn(['PASS', 'FAIL', 'CONCERN']) result!:
    'PASS' | 'FAIL' | 'CONCERN';
  @ApiProperty({ example: '' }) @IsString() @MaxLength(2000) note!: string;
}

export class ResolveConcernsDto extends DatedActionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) finding!: string;
  @ApiProperty() @IsBoolean() affectsEligibility!: boolean;
}

class EvaluationDto {
  @ApiProperty({ example: 40 }) @IsInt() @Min(1) participants!: number;
  @ApiProperty({ example: 35, description: '评为“好”或“较好”的票数' }) @IsInt() @Min(0) favourable!: number;
}

export class AssessmentDto extends DatedActionDto {
  @ApiProperty({ type: EvaluationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => EvaluationDto)
  evaluation!: EvaluationDto;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  interviewScore?: number | null;
}

// OpenAPI names schemas by class: the member actions have a CommitteeVoteDto of their own.
@ApiSchema({ name: 'CadreCommitteeVoteDto' })
export class CommitteeVoteDto {
  @ApiProperty({ example: 9 }) @IsInt() @Min(1) members!: number;
  @ApiProperty({ example: 8 }) @IsInt() @Min(0) present!: number;
  @ApiProperty({ example: 8 }) @IsInt() @Min(0) yes!: number;
}

export class DecisionDto extends DatedActionDto {
  @ApiProperty() @IsBoolean() approved!: boolean;
  @ApiProperty({ type: CommitteeVoteDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CommitteeVoteDto)
  committeeVote!: CommitteeVoteDto;
  @ApiProperty({ example: '党委会纪要〔2026〕7号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  minutesRef!: string;
  @ApiPropertyOptional({ description: '村党组织书记人选：报县委组织部的文号' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  countyConsultationRef?: string;
}

// OpenAPI names schemas by class: the member actions have a StartNoticeDto of their own.
@ApiSchema({ name: 'CadreStartNoticeDto' })
export class StartNoticeDto extends DatedActionDto {
  @ApiProperty({ format: 'date', description: 'Last day of the notice' })
  @IsLocalDate()
  end!: string;
  @ApiProperty({ example: '本村、本镇' }) @IsString() @IsNotEmpty() @MaxLength(200) scope!: string;
}

export class ObjectionDto extends DatedActionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) text!: string;
}

class FindingDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) finding!: string;
  @ApiProperty() @IsBoolean() affectsEligibility!: boolean;
}

// OpenAPI names schemas by class: the member actions have a CloseNoticeDto of their own.
@ApiSchema({ name: 'CadreCloseNoticeDto' })
export class CloseNoticeDto extends DatedActionDto {
  @ApiProperty({ type: [FindingDto], description: 'One finding per objection, in order' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];
}

export class AppointDto extends DatedActionDto {
  @ApiProperty({ format: 'date' }) @IsLocalDate() termEnd!: string;
  @ApiProperty({ example: '聘任书〔2026〕3号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  documentRef!: string;
}

class VotesDto {
  @ApiProperty() @IsInt() @Min(1) eligible!: number;
  @ApiProperty() @IsInt() @Min(0) cast!: number;
  @ApiProperty() @IsInt() @Min(0) forCandidate!: number;
}

export class ElectionDto extends DatedActionDto {
  @ApiProperty({ enum: ['ELECTION', 'BY_ELECTION'] }) @IsIn(['ELECTION', 'BY_ELECTION']) mode!:
    'ELECTION' | 'BY_ELECTION';
  @ApiProperty({ format: 'date' }) @IsLocalDate() termEnd!: string;
  @ApiProperty({ type: VotesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => VotesDto)
  votes!: VotesDto;
  @ApiProperty({ example: '村民会议补选' }) @IsString() @IsNotEmpty() @MaxLength(200) meetingRef!: string;
}

export class TrialReviewDto extends DatedActionDto {
  @ApiProperty({ enum: ['PASS', 'EXTEND', 'FAIL'] }) @IsIn(['PASS', 'EXTEND', 'FAIL']) outcome!:
    'PASS' | 'EXTEND' | 'FAIL';
  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  extensionMonths?: number;
  @ApiPropertyOptional({ enum: ['RESERVE_POOL', 'RELEASED'] })
  @IsOptional()
  @IsIn(['RESERVE_POOL', 'RELEASED'])
  exitTo?: 'RESERVE_POOL' | 'RELEASED';
  @ApiPropertyOptional({
    enum: RESERVE_CATEGORIES,
    description: 'With exitTo RESERVE_POOL: the reserve category',
  })
  @IsOptional()
  @IsIn(RESERVE_CATEGORIES)
  reserveCategory?: ReserveCategory;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) opinion!: string;
}

// OpenAPI names schemas by class: the member actions have a ReasonDto of their own.
@ApiSchema({ name: 'CadreReasonDto' })
export class ReasonDto extends DatedActionDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class FilingDto extends DatedActionDto {
  @ApiProperty({ example: '备案〔2027〕3号' }) @IsString() @IsNotEmpty() @MaxLength(200) ref!: string;
}

/** Each action's path (POST /v1/cadre-cases/{id}/<path>) and body. */
export const CADRE_ACTION_ROUTES: Record<CadreActionType, { path: string; dto: new () => DatedActionDto }> = {
  REVIEW_QUALIFICATION: { path: 'qualification-review', dto: ReviewQualificationDto },
  OPEN_JOINT_REVIEW: { path: 'joint-review', dto: DatedActionDto },
  RECORD_DEPARTMENT_OPINION: { path: 'joint-review-opinions', dto: DepartmentOpinionDto },
  RESOLVE_CONCERNS: { path: 'concerns-resolution', dto: ResolveConcernsDto },
  RECORD_ASSESSMENT: { path: 'assessment', dto: AssessmentDto },
  DECIDE: { path: 'decision', dto: DecisionDto },
  START_NOTICE: { path: 'notice', dto: StartNoticeDto },
  RECORD_OBJECTION: { path: 'notice-objections', dto: ObjectionDto },
  CLOSE_NOTICE: { path: 'notice-close', dto: CloseNoticeDto },
  APPOINT: { path: 'appointment', dto: AppointDto },
  RECORD_ELECTION: { path: 'election-result', dto: ElectionDto },
  REVIEW_TRIAL: { path: 'trial-review', dto: TrialReviewDto },
  WITHDRAW: { path: 'withdrawal', dto: ReasonDto },
  FILE_WITH_COUNTY: { path: 'county-filing', dto: FilingDto },
};
