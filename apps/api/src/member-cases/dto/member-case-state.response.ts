import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { RuleViolationSchema, unionValues } from '@app/config';
import {
  type CaseDeadline,
  type DeadlineKind,
  type ExtraNoticeKind,
  type LocalDate,
  type LocalNoticeRecord,
  MEMBER_RULE_SETS,
  MEMBER_STAGES,
  type MemberCaseState,
  type MemberStage,
  type RuleViolation,
  type TrainingRecord,
} from '@app/domain';
import { type ApprovalTaskView } from '@app/persistence';
import { type MemberDevelopmentSnapshot } from '@app/workflows';

import {
  CASE_RECORDING_STATUSES,
  CASE_RECORDING_STATUS_DOC,
  OrgUnitBriefResponse,
  OrgUnitResponse,
} from '../../openapi/case.responses';
import { MemberCaseResponse } from './member-case.response';

/** The member case's workflow state (GET /v1/member-cases/{id}/state), every fact the rules read. */

const DATE = { type: String, format: 'date' } as const;
const DATES = { type: String, isArray: true, format: 'date' } as const;

const DEADLINE_KINDS = unionValues<DeadlineKind>()([
  'T1_TALK',
  'T2_ACTIVIST_VETTING',
  'T4_NOTICE_END',
  'T7_BRANCH_MEETING',
  'T8_ACCEPTANCE_APPROVAL',
  'T8_ACCEPTANCE_APPROVAL_CAP',
  'T9_OATH',
  'T10_PROBATION_END',
  'T12_CONVERSION_APPROVAL',
  'SLA_ACTIVIST_FILING',
  'SLA_PRE_REVIEW',
]);
const OUTCOMES = unionValues<NonNullable<MemberCaseState['outcome']>>()([
  'FULL_MEMBER',
  'PROBATION_CANCELLED',
  'WITHDRAWN',
  'NOT_RECOGNISED',
]);
const CONVERSION_PROPOSALS = unionValues<
  NonNullable<NonNullable<MemberCaseState['probation']>['conversionMeeting']>['proposal']
>()(['CONVERT', 'EXTEND', 'CANCEL']);
const TASK_STATUSES = unionValues<ApprovalTaskView['status']>()(['OPEN', 'DONE']);

type State = MemberCaseState;

@ApiSchema({ name: 'MemberActivistFacts' })
class ActivistFactsResponse implements NonNullable<State['activist']> {
  @ApiProperty({ ...DATE, description: '确定为入党积极分子 (step 4)' }) date!: LocalDate;
  @ApiPropertyOptional({ ...DATE, description: 'reported to the committee above (报上级党委备案)' })
  filedDate?: LocalDate;
  @ApiPropertyOptional({ type: [String], description: '培养联系人: person ids' })
  contacts?: readonly string[];
  @ApiProperty({ ...DATES, description: 'half-yearly vettings (考察) recorded' })
  vettings!: readonly LocalDate[];
}

@ApiSchema({ name: 'MemberNoticeFacts' })
class TargetNoticeResponse implements NonNullable<NonNullable<State['target']>['notice']> {
  @ApiProperty(DATE) start!: LocalDate;
  @ApiProperty(DATE) end!: LocalDate;
  @ApiProperty({ type: [String], description: 'objections received while it ran' })
  objections!: readonly string[];
  @ApiPropertyOptional({ ...DATE, description: 'day it was closed, once it was' }) closed?: LocalDate;
}

@ApiSchema({ name: 'MemberTrainingException' })
class TrainingExceptionResponse implements NonNullable<TrainingRecord['exception']> {
  @ApiProperty() justification!: string;
  @ApiProperty({ description: 'who approved the exception' }) approvedBy!: string;
}

@ApiSchema({ name: 'MemberTrainingFacts' })
class TrainingResponse implements TrainingRecord {
  @ApiProperty({ type: 'number' }) days!: number;
  @ApiProperty({ type: 'number' }) classHours!: number;
  @ApiPropertyOptional({
    type: TrainingExceptionResponse,
    description: '除个别特殊情况外: an exception recorded with its justification',
  })
  exception?: TrainingExceptionResponse;
}

@ApiSchema({ name: 'MemberDevelopmentTargetFacts' })
class TargetFactsResponse implements NonNullable<State['target']> {
  @ApiProperty({ ...DATE, description: 'proposed as 发展对象 (step 6)' }) proposedDate!: LocalDate;
  @ApiPropertyOptional({ ...DATE, description: 'the committee above agreed (step 6)' })
  consentDate?: LocalDate;
  @ApiPropertyOptional({ type: TargetNoticeResponse, description: '发展对象公示' })
  notice?: TargetNoticeResponse;
  @ApiPropertyOptional({ ...DATE, description: 'listed as 发展对象' }) listedDate?: LocalDate;
  @ApiPropertyOptional({ type: [String], description: '入党介绍人: person ids' })
  sponsors?: readonly string[];
  @ApiPropertyOptional() politicalReviewPassed?: boolean;
  @ApiPropertyOptional({ type: TrainingResponse, description: '集中培训' }) training?: TrainingResponse;
  @ApiPropertyOptional() committeeReviewPassed?: boolean;
  @ApiPropertyOptional(DATE) committeeReviewDate?: LocalDate;
  @ApiPropertyOptional({ ...DATE, description: '预审' }) preReviewDate?: LocalDate;
  @ApiPropertyOptional({ description: '入党志愿书 number' }) formNumber?: string;
}

@ApiSchema({ name: 'MemberAcceptanceFacts' })
class AcceptanceFactsResponse implements NonNullable<State['acceptance']> {
  @ApiProperty({ ...DATE, description: '支部大会 (step 13)' }) meetingDate!: LocalDate;
  @ApiProperty({
    type: [String],
    description: 'review-only bodies that reviewed the resolution: org unit ids',
  })
  reviewedBy!: readonly string[];
  @ApiPropertyOptional({ ...DATE, description: '谈话 by the committee' }) interviewDate?: LocalDate;
  @ApiPropertyOptional({
    ...DATE,
    description: 'when the approving committee received the branch resolution (T8 runs from it)',
  })
  resolutionReceived?: LocalDate;
}

@ApiSchema({ name: 'MemberConversionMeeting' })
class ConversionMeetingResponse implements NonNullable<NonNullable<State['probation']>['conversionMeeting']> {
  @ApiProperty(DATE) date!: LocalDate;
  @ApiProperty({ enum: CONVERSION_PROPOSALS }) proposal!: (typeof CONVERSION_PROPOSALS)[number];
  @ApiPropertyOptional({ type: 'number', description: 'EXTEND: months the probation is extended by' })
  extensionMonths?: number;
}

@ApiSchema({ name: 'MemberProbationFacts' })
class ProbationFactsResponse implements NonNullable<State['probation']> {
  @ApiProperty({ ...DATE, description: 'first day of the probation' }) start!: LocalDate;
  @ApiProperty({ ...DATE, description: 'last day of the probation (extensions included)' }) end!: LocalDate;
  @ApiProperty({ ...DATE, description: 'the committee approved the admission' }) approvalDate!: LocalDate;
  @ApiProperty({ type: 'number', description: 'times the probation was extended' }) extensions!: number;
  @ApiPropertyOptional(DATE) filedDate?: LocalDate;
  @ApiPropertyOptional({ description: 'the party group (党小组) the member was assigned to' })
  partyGroup?: string;
  @ApiPropertyOptional({ ...DATE, description: '入党宣誓' }) oathDate?: LocalDate;
  @ApiProperty({ ...DATES, description: 'vettings during the probation' }) vettings!: readonly LocalDate[];
  @ApiPropertyOptional({ ...DATE, description: '转正申请' }) conversionAppliedDate?: LocalDate;
  @ApiPropertyOptional({ type: ConversionMeetingResponse })
  conversionMeeting?: ConversionMeetingResponse;
  @ApiPropertyOptional({
    ...DATE,
    description:
      "when the approving committee received the branch's conversion resolution (T12 runs from it)",
  })
  conversionResolutionReceived?: LocalDate;
  @ApiPropertyOptional({
    type: [String],
    description: 'review-only bodies that reviewed the conversion resolution: org unit ids',
  })
  conversionReviewedBy?: readonly string[];
  @ApiPropertyOptional(DATE) convertedDate?: LocalDate;
  @ApiPropertyOptional({ ...DATE, description: '党龄 from' }) partyAgeFrom?: LocalDate;
}

@ApiSchema({ name: 'MemberLocalNotice' })
class LocalNoticeResponse implements LocalNoticeRecord {
  @ApiProperty(DATE) start!: LocalDate;
  @ApiProperty(DATE) end!: LocalDate;
  @ApiProperty({ type: [String] }) objections!: readonly string[];
  @ApiPropertyOptional(DATE) closed?: LocalDate;
  @ApiPropertyOptional({ description: 'the findings on objections stop the gated step' }) affected?: boolean;
}

@ApiSchema({ name: 'MemberLocalNotices' })
class LocalNoticesResponse implements Partial<Record<ExtraNoticeKind, LocalNoticeRecord>> {
  @ApiPropertyOptional({ type: LocalNoticeResponse, description: 'before the activist is determined' })
  ACTIVIST?: LocalNoticeResponse;
  @ApiPropertyOptional({ type: LocalNoticeResponse, description: 'before the acceptance meeting' })
  ACCEPTANCE?: LocalNoticeResponse;
  @ApiPropertyOptional({ type: LocalNoticeResponse, description: 'before the conversion meeting' })
  CONVERSION?: LocalNoticeResponse;
}

@ApiSchema({ name: 'MemberCaseState' })
export class MemberCaseStateResponse implements MemberCaseState {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: OrgUnitResponse, description: 'the branch as the org tree has it now' })
  branch!: OrgUnitResponse;
  @ApiProperty(DATE) applicationDate!: LocalDate;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ enum: MEMBER_STAGES }) stage!: MemberStage;
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'how a closed case ended' })
  outcome?: (typeof OUTCOMES)[number];
  @ApiProperty({ type: 'integer', example: 4, description: 'step of the 25-step flow last recorded' })
  lastStep!: number;
  @ApiPropertyOptional({ ...DATE, description: 'business date of the latest recorded action' })
  lastDate?: LocalDate;
  @ApiProperty({ description: 'the case came from another branch (组织关系转接)' }) transferredIn!: boolean;
  @ApiPropertyOptional({ ...DATE, description: '谈话 with the applicant (step 2)' }) talkDate?: LocalDate;
  @ApiPropertyOptional({ type: ActivistFactsResponse }) activist?: ActivistFactsResponse;
  @ApiPropertyOptional({ type: TargetFactsResponse }) target?: TargetFactsResponse;
  @ApiPropertyOptional({ type: AcceptanceFactsResponse }) acceptance?: AcceptanceFactsResponse;
  @ApiPropertyOptional({ type: ProbationFactsResponse }) probation?: ProbationFactsResponse;
  @ApiPropertyOptional(DATE) archivedDate?: LocalDate;
  @ApiPropertyOptional({ type: LocalNoticesResponse, description: 'public notices a local overlay adds' })
  localNotices?: LocalNoticesResponse;
}

@ApiSchema({ name: 'MemberCaseDeadline' })
export class MemberCaseDeadlineResponse implements CaseDeadline {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: DeadlineKind;
  @ApiProperty(DATE) due!: LocalDate;
  @ApiProperty({ description: 'a hard cap: the action is refused after the date (others warn and escalate)' })
  hard!: boolean;
}

@ApiSchema({ name: 'MemberCaseSnapshot' })
export class MemberCaseSnapshotResponse implements MemberDevelopmentSnapshot {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CASE_RECORDING_STATUSES, description: CASE_RECORDING_STATUS_DOC })
  status!: MemberDevelopmentSnapshot['status'];
  @ApiProperty({
    enum: MEMBER_RULE_SETS.map((ruleSet) => ruleSet.id),
    description: 'the rule set the case is pinned to',
  })
  ruleSet!: string;
  @ApiProperty({ type: [String], description: 'ids of the local overlays pinned on the case' })
  overlays!: readonly string[];
  @ApiPropertyOptional({ type: MemberCaseResponse, description: 'the case as the read model shows it' })
  memberCase?: MemberCaseResponse;
  @ApiPropertyOptional({ type: MemberCaseStateResponse, description: 'what the case has recorded so far' })
  state?: MemberCaseStateResponse;
  @ApiProperty({ type: [MemberCaseDeadlineResponse], description: 'the dates the case must meet now' })
  deadlines!: readonly MemberCaseDeadlineResponse[];
  @ApiPropertyOptional({ type: RuleViolationSchema, description: 'REJECTED: the rule the first step broke' })
  rejection?: RuleViolation;
}

/** An approval task of a case: what is awaited from which org unit, by when. */
@ApiSchema({ name: 'ApprovalTask' })
export class ApprovalTaskResponse implements ApprovalTaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'RECORD_TALK', description: 'the awaited action' }) action!: string;
  @ApiProperty({
    example: '',
    description: "which of several tasks of the action (a joint-review department, a review id); '' if one",
  })
  ref!: string;
  @ApiProperty({ type: 'integer', example: 2 }) step!: number;
  @ApiProperty({ type: OrgUnitBriefResponse, description: 'the org unit that acts' })
  orgUnit!: OrgUnitBriefResponse;
  @ApiProperty({ ...DATE, nullable: true, description: 'due date; null without a deadline' })
  dueOn!: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'hard cap after which the action is refused' })
  capOn!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: ApprovalTaskView['status'];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while open' })
  completedAt!: string | null;
}
