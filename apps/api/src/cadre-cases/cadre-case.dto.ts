import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  type CadreAction,
  type CadrePost,
  type CadreSource,
  EDUCATION_LEVELS,
  type EducationLevel,
  KIN_RELATIONS,
  type KinRelation,
  type LocalDate,
  NEGATIVE_ITEMS,
  type NoticeAction,
  NOMINATION_CHANNELS,
  type NegativeItem,
  type NominationChannel,
  type OrgUnit,
  POLITICAL_STATUSES,
  type PoliticalStatus,
  RESERVE_CATEGORIES,
  type ReserveCategory,
} from '@app/domain';
import { IsLocalDate, RequiredNested } from '@app/config';
import { type CadreSnapshot } from '@app/workflows';

import { actionRoutes, bodyDate } from '../action-route';

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

  @RequiredNested(CadrePersonDto)
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
  @RequiredNested(EvaluationDto)
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

/** A township committee's collective decision (乡镇党委会): the vote and the minutes it is recorded in. */
export class CommitteeDecisionDto extends DatedActionDto {
  @ApiProperty() @IsBoolean() approved!: boolean;
  @RequiredNested(CommitteeVoteDto)
  committeeVote!: CommitteeVoteDto;
  @ApiProperty({ example: '党委会纪要〔2026〕7号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  minutesRef!: string;
}

/** The decision's fields of a committee decision's domain action. */
export const committeeDecision = ({ approved, committeeVote, minutesRef }: CommitteeDecisionDto) => ({
  approved,
  committeeVote: { ...committeeVote },
  minutesRef,
});

export class DecisionDto extends CommitteeDecisionDto {
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
  @RequiredNested(VotesDto)
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

/** What a cadre action's builder is given besides its body (CadreCasesService resolves it). */
export interface CadreActionContext {
  /** What every action carries: the business date. */
  readonly base: { readonly date: LocalDate };
  /** The case as its workflow holds it. */
  readonly snapshot: CadreSnapshot;
  /** An org unit a body names by id or code (422 ORG_UNIT_UNKNOWN). */
  readonly orgUnit: (reference: string, field: string) => Promise<OrgUnit>;
}

/**
 * The public-notice steps (the kernel's NoticeAction) as cadre cases and reservists take them: the same paths,
 * bodies and actions, named for each pipeline.
 */
export function noticeRoutes(
  names: Record<
    NoticeAction['type'],
    { readonly operationId: string; readonly summary: string; readonly name: string }
  >,
) {
  type Dated = { readonly base: { readonly date: LocalDate } };
  return {
    START_NOTICE: {
      path: 'notice',
      dto: StartNoticeDto,
      ...names.START_NOTICE,
      build: ({ end, scope }: StartNoticeDto, { base }: Dated) => ({
        type: 'START_NOTICE' as const,
        ...base,
        end: bodyDate(end, 'end'),
        scope,
      }),
    },
    RECORD_OBJECTION: {
      path: 'notice-objections',
      dto: ObjectionDto,
      ...names.RECORD_OBJECTION,
      build: ({ text }: ObjectionDto, { base }: Dated) => ({
        type: 'RECORD_OBJECTION' as const,
        ...base,
        text,
      }),
    },
    CLOSE_NOTICE: {
      path: 'notice-close',
      dto: CloseNoticeDto,
      ...names.CLOSE_NOTICE,
      build: ({ findings }: CloseNoticeDto, { base }: Dated) => ({
        type: 'CLOSE_NOTICE' as const,
        ...base,
        findings: findings.map((finding) => ({ ...finding })),
      }),
    },
  };
}

const villageId = async (ctx: CadreActionContext, field: string, reference?: string) =>
  reference ? (await ctx.orgUnit(reference, field)).id : null;

/** Each step after P1: POST /v1/cadre-cases/{id}/<path> with its body, and the action it records. */
export const CADRE_ACTION_ROUTES = actionRoutes<CadreAction, CadreActionContext>()({
  REVIEW_QUALIFICATION: {
    path: 'qualification-review',
    dto: ReviewQualificationDto,
    operationId: 'reviewCadreQualification',
    name: '资格审查',
    summary: "P2 资格审查: the programme's criteria checked, every failed criterion with its reason",
    build: async (facts, ctx) => ({
      type: 'REVIEW_QUALIFICATION',
      ...ctx.base,
      applicant: {
        birthDate: ctx.snapshot.view!.person.birthDate,
        education: facts.education,
        politicalStatus: facts.politicalStatus,
        source: facts.source,
        householdVillageId: await villageId(ctx, 'householdVillage', facts.householdVillage),
        residenceVillageId: await villageId(ctx, 'residenceVillage', facts.residenceVillage),
        negativeRecords: facts.negativeRecords.map((record) => ({
          ...record,
          date: bodyDate(record.date, 'negativeRecords.date'),
        })),
        relatives: facts.relatives.map((relative) => ({ ...relative })),
      },
      committeeMemberIds: facts.committeeMemberIds,
    }),
  },
  OPEN_JOINT_REVIEW: {
    path: 'joint-review',
    dto: DatedActionDto,
    operationId: 'openCadreJointReview',
    name: '资格联审',
    summary: "P3 资格联审: opens the joint review by the programme's departments (county org department)",
    build: (_, { base }) => ({ type: 'OPEN_JOINT_REVIEW', ...base }),
  },
  RECORD_DEPARTMENT_OPINION: {
    path: 'joint-review-opinions',
    dto: DepartmentOpinionDto,
    operationId: 'recordCadreDepartmentOpinion',
    name: '联审意见',
    summary: "P3 联审意见: one department's PASS, FAIL or CONCERN",
    build: ({ department, result, note }, { base }) => ({
      type: 'RECORD_DEPARTMENT_OPINION',
      ...base,
      department,
      result,
      note,
    }),
  },
  RESOLVE_CONCERNS: {
    path: 'concerns-resolution',
    dto: ResolveConcernsDto,
    operationId: 'resolveCadreConcerns',
    name: '疑虑核实',
    summary: "P3 疑虑核实: the finding on the departments' concerns",
    build: ({ finding, affectsEligibility }, { base }) => ({
      type: 'RESOLVE_CONCERNS',
      ...base,
      finding,
      affectsEligibility,
    }),
  },
  RECORD_ASSESSMENT: {
    path: 'assessment',
    dto: AssessmentDto,
    operationId: 'recordCadreAssessment',
    name: '考察',
    summary: 'P4 考察: the democratic evaluation (民主测评) and the interview score',
    build: ({ evaluation, interviewScore }, { base }) => ({
      type: 'RECORD_ASSESSMENT',
      ...base,
      evaluation: { ...evaluation },
      interviewScore: interviewScore ?? null,
    }),
  },
  DECIDE: {
    path: 'decision',
    dto: DecisionDto,
    operationId: 'decideCadreCase',
    name: '乡镇党委会研究决定',
    summary:
      "P5 乡镇党委会研究决定: the committee's collective decision (county consulted for a 村党组织书记)",
    build: (dto, { base }) => ({
      type: 'DECIDE',
      ...base,
      ...committeeDecision(dto),
      ...(dto.countyConsultationRef ? { countyConsultationRef: dto.countyConsultationRef } : {}),
    }),
  },
  ...noticeRoutes({
    START_NOTICE: {
      operationId: 'startCadreNotice',
      name: '任前公示',
      summary: "P6 任前公示: at least the programme's working days (else NOTICE_SHORTER_THAN_RULE)",
    },
    RECORD_OBJECTION: {
      operationId: 'recordCadreNoticeObjection',
      name: '公示期间反映的问题',
      summary: 'P6 公示期间反映的问题: an objection raised during the notice',
    },
    CLOSE_NOTICE: {
      operationId: 'closeCadreNotice',
      name: '公示结束',
      summary: 'P6 公示结束: one finding per objection; an upheld objection stops the appointment',
    },
  }),
  APPOINT: {
    path: 'appointment',
    dto: AppointDto,
    operationId: 'appointCadre',
    name: '聘任',
    summary: 'P7 聘任: appoints to a placement post (an elected post needs an election result)',
    build: ({ termEnd, documentRef }, { base }) => ({
      type: 'APPOINT',
      ...base,
      termEnd: bodyDate(termEnd, 'termEnd'),
      documentRef,
    }),
  },
  RECORD_ELECTION: {
    path: 'election-result',
    dto: ElectionDto,
    operationId: 'recordCadreElection',
    name: '选举结果',
    summary: 'P7 选举/补选结果: fills an elected post by the majority rules',
    build: ({ mode, termEnd, votes, meetingRef }, { base }) => ({
      type: 'RECORD_ELECTION',
      ...base,
      mode,
      termEnd: bodyDate(termEnd, 'termEnd'),
      votes: { ...votes },
      meetingRef,
    }),
  },
  REVIEW_TRIAL: {
    path: 'trial-review',
    dto: TrialReviewDto,
    operationId: 'reviewCadreTrial',
    name: '试用期考核',
    summary: 'P8 试用期考核: pass, one bounded extension, or exit to the reserve pool or release',
    build: ({ outcome, extensionMonths, exitTo, reserveCategory, opinion }, { base }) => {
      return {
        type: 'REVIEW_TRIAL',
        ...base,
        outcome,
        opinion,
        ...(extensionMonths !== undefined ? { extensionMonths } : {}),
        ...(exitTo ? { exitTo } : {}),
        ...(reserveCategory ? { reserveCategory } : {}),
      };
    },
  },
  WITHDRAW: {
    path: 'withdrawal',
    dto: ReasonDto,
    operationId: 'withdrawCadreCase',
    name: '撤回',
    summary: '撤回/终止: withdraws the application and closes the case',
    build: ({ reason }, { base }) => ({ type: 'WITHDRAW', ...base, reason }),
  },
  FILE_WITH_COUNTY: {
    path: 'county-filing',
    dto: FilingDto,
    operationId: 'fileCadreCaseWithCounty',
    name: '县委组织部备案',
    summary: 'P9 县委组织部备案: the county org department files the confirmed or exited case',
    build: ({ ref }, { base }) => ({ type: 'FILE_WITH_COUNTY', ...base, ref }),
  },
});
