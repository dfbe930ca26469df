import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import {
  EDUCATION_LEVELS,
  type EducationLevel,
  POLITICAL_STATUSES,
  type PoliticalStatus,
  RECOMMENDATION_CHANNELS,
  RESERVE_CATEGORIES,
  type LocalDate,
  type RecommendationChannel,
  type ReserveAction,
  type ReserveCategory,
  violation,
} from '@app/domain';
import { IsLocalDate, ProblemError, RequiredNested } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import { type ReservistSnapshot } from '@app/workflows';

import { actionRoutes, bodyDate } from '../action-route';
import {
  CadrePersonDto,
  CommitteeDecisionDto,
  committeeDecision,
  DatedActionDto,
  NegativeRecordDto,
  noticeRoutes,
} from '../cadre-cases/cadre-case.dto';

/** 推: recommends a candidate for a village's reserve; opens the entry. */
export class RecommendReservistDto {
  @ApiProperty({
    description: 'The village party organisation under a township (id or code)',
    example: 'DX-DZ-NC',
  })
  @IsString()
  @IsNotEmpty()
  village!: string;

  @ApiProperty({
    enum: RESERVE_CATEGORIES,
    description: '致富能手, 返乡人员, 本土大学生, 退役军人, 优秀年轻党员',
  })
  @IsIn(RESERVE_CATEGORIES)
  category!: ReserveCategory;

  @ApiProperty({ enum: RECOMMENDATION_CHANNELS, description: '个人自荐, 党员群众推荐, 组织推荐' })
  @IsIn(RECOMMENDATION_CHANNELS)
  channel!: RecommendationChannel;

  @ApiProperty({
    description: 'Who recommended (the meeting, the organisation, or 本人)',
    example: '南村党员大会',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by!: string;

  @ApiPropertyOptional({ format: 'date', description: 'defaults to today in China Standard Time' })
  @IsOptional()
  @IsLocalDate()
  recommendedOn?: string;

  @RequiredNested(CadrePersonDto)
  person!: CadrePersonDto;
}

/** A further recommendation round through another channel (三推). */
export class RecommendationDto extends DatedActionDto {
  @ApiProperty({ enum: RECOMMENDATION_CHANNELS })
  @IsIn(RECOMMENDATION_CHANNELS)
  channel!: RecommendationChannel;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) by!: string;
}

/** 审 (1): the township's qualification review against the policy. */
export class ReserveQualificationDto extends DatedActionDto {
  @ApiProperty({ enum: EDUCATION_LEVELS }) @IsIn(EDUCATION_LEVELS) education!: EducationLevel;
  @ApiProperty({ enum: POLITICAL_STATUSES }) @IsIn(POLITICAL_STATUSES) politicalStatus!: PoliticalStatus;
  @ApiProperty({ type: [NegativeRecordDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NegativeRecordDto)
  negativeRecords!: NegativeRecordDto[];
}

class VettingAnswerDto {
  @ApiProperty({ example: '纪委监委' }) @IsString() @IsNotEmpty() @MaxLength(100) department!: string;
  @ApiProperty({ enum: ['PASS', 'FAIL', 'CONCERN'] }) @IsIn(['PASS', 'FAIL', 'CONCERN']) result!:
    'PASS' | 'FAIL' | 'CONCERN';
  @ApiProperty() @IsString() @MaxLength(2000) note!: string;
}

/** 审 (2): joint vetting (联审) by the departments. */
export class VettingDto extends DatedActionDto {
  @ApiProperty({ type: [VettingAnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VettingAnswerDto)
  departments!: VettingAnswerDto[];
}

/** 选: the township committee's selection (collective decision). */
export class SelectionDto extends CommitteeDecisionDto {
  @ApiPropertyOptional({
    description: "The committee's finding on the joint vetting's concerns (required if any)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  concernsFinding?: string;
}

/** A negative-list event (DOMAIN §2.2): removes the reservist when it applies. */
export class NegativeEventDto extends DatedActionDto {
  @RequiredNested(NegativeRecordDto)
  record!: NegativeRecordDto;
}

/** Tracks a non-member reservist into the member pipeline. */
export class LinkMemberCaseDto extends DatedActionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') memberCaseId!: string;
}

/** The entry steps a person records (the workflow ages a reservist out; review decisions have their own path). */
type EntryAction = Exclude<ReserveAction, { type: 'AGE_OUT' | 'DECIDE_REVIEW' }>;

/** What a reserve action's builder is given besides its body (ReservePoolService resolves it). */
export interface ReserveActionContext {
  /** What every action carries: the business date. */
  readonly base: { readonly date: LocalDate };
  /** The entry as its workflow holds it. */
  readonly snapshot: ReservistSnapshot;
  /** A member-development case by id, if there is one. */
  readonly memberCase: (id: string) => Promise<MemberCaseView | undefined>;
}

/** Each entry step after 推: POST /v1/reserve-pool/entries/{id}/<path> with its body, and the action it records. */
export const RESERVE_ACTION_ROUTES = actionRoutes<EntryAction, ReserveActionContext>()({
  RECOMMEND: {
    path: 'recommendations',
    dto: RecommendationDto,
    operationId: 'addReserveRecommendation',
    name: '推荐',
    summary: '三推: a further recommendation through another channel',
    build: ({ channel, by }, { base }) => ({ type: 'RECOMMEND', ...base, channel, by }),
  },
  REVIEW_QUALIFICATION: {
    path: 'qualification-review',
    dto: ReserveQualificationDto,
    operationId: 'reviewReservistQualification',
    name: '资格审查',
    summary: "审 (资格审查): the township's qualification review against the policy",
    build: ({ education, politicalStatus, negativeRecords }, { base }) => ({
      type: 'REVIEW_QUALIFICATION',
      ...base,
      education,
      politicalStatus,
      negativeRecords: negativeRecords.map((record) => ({
        ...record,
        date: bodyDate(record.date, 'negativeRecords.date'),
      })),
    }),
  },
  RECORD_VETTING: {
    path: 'joint-vetting',
    dto: VettingDto,
    operationId: 'recordReserveVetting',
    name: '联审',
    summary: '审 (联审): the departments’ joint vetting; any FAIL keeps the candidate out',
    build: ({ departments }, { base }) => ({
      type: 'RECORD_VETTING',
      ...base,
      departments: departments.map((answer) => ({ ...answer })),
    }),
  },
  SELECT: {
    path: 'selection',
    dto: SelectionDto,
    operationId: 'selectReservist',
    name: '选定',
    summary: "选: the township committee's collective selection",
    build: (dto, { base }) => ({
      type: 'SELECT',
      ...base,
      ...committeeDecision(dto),
      ...(dto.concernsFinding ? { concernsFinding: dto.concernsFinding } : {}),
    }),
  },
  ...noticeRoutes({
    START_NOTICE: {
      operationId: 'startReserveNotice',
      name: '入库公示',
      summary: "公示: at least the policy's working days before entry",
    },
    RECORD_OBJECTION: {
      operationId: 'recordReserveNoticeObjection',
      name: '公示期间反映的问题',
      summary: '公示期间反映的问题: an objection raised during the notice',
    },
    CLOSE_NOTICE: {
      operationId: 'closeReserveNotice',
      name: '公示结束',
      summary: '公示结束: one finding per objection; the reservist enters the pool unless one is upheld',
    },
  }),
  REPORT_NEGATIVE_EVENT: {
    path: 'negative-events',
    dto: NegativeEventDto,
    operationId: 'reportReservistNegativeEvent',
    name: '负面清单事项',
    summary: '负面清单事项: a negative-list event, which removes the reservist when it applies',
    build: ({ record }, { base }) => ({
      type: 'REPORT_NEGATIVE_EVENT',
      ...base,
      record: { ...record, date: bodyDate(record.date, 'record.date') },
    }),
  },
  LINK_MEMBER_CASE: {
    path: 'member-case',
    dto: LinkMemberCaseDto,
    operationId: 'linkReservistMemberCase',
    name: '关联入党流程',
    summary: '关联入党流程: tracks a non-member reservist into their member-development case',
    build: async ({ memberCaseId }, { base, snapshot, memberCase }) => {
      const found = await memberCase(memberCaseId);
      if (!found || found.applicant.personId !== snapshot.view!.person.id) {
        throw ProblemError.fromViolations('RESERVE_POOL', [
          violation(
            'MEMBER_CASE_NOT_OF_RESERVIST',
            'DOMAIN §3',
            '须关联该后备力量本人的入党流程',
            'memberCaseId',
          ),
        ]);
      }
      return { type: 'LINK_MEMBER_CASE', ...base, memberCaseId };
    },
  },
});

const OUTCOMES = ['RETAIN', 'REMOVE', 'LIST_FOR_INSPECTION', 'USE'] as const;

/** A review's decision on one reservist: retain, remove (reason), list for inspection (post), use (cadre case). */
export class ReviewDecisionDto extends DatedActionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') entryId!: string;
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome!: (typeof OUTCOMES)[number];

  // Each is required for its outcome and, when sent with another, still checked (the document types it).
  @ApiPropertyOptional({ description: 'REMOVE: why (出库理由)' })
  @ValidateIf((dto: ReviewDecisionDto) => dto.outcome === 'REMOVE' || dto.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'LIST_FOR_INSPECTION: the post', example: '村党组织书记' })
  @ValidateIf((dto: ReviewDecisionDto) => dto.outcome === 'LIST_FOR_INSPECTION' || dto.post !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  post?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'USE: the cadre case that places the reservist' })
  @ValidateIf((dto: ReviewDecisionDto) => dto.outcome === 'USE' || dto.cadreCaseId !== undefined)
  @IsUUID('all')
  cadreCaseId?: string;
}

/**
 * Local policy for a county or township: a field left out keeps what the unit set before (else what applies from
 * above); one sent as null applies from above again.
 */
export class ReservePolicyDto {
  @ApiPropertyOptional({ example: 35 }) @IsOptional() @IsInt() @Min(18) @Max(60) maxAge?: number;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  minEducation?: EducationLevel;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(0) @Max(20) minReservePerVillage?: number;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(0) @Max(10) minReservePerPost?: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(1) @Max(9) postsPerVillage?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt() @Min(1) @Max(30) noticeWorkingDays?: number;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @IsInt() @Min(7) @Max(90) reviewDays?: number;
}
