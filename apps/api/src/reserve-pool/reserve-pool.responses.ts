import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';

import { unionValues } from '@app/config';
import { type ReserveEntryView, type ReserveReviewView } from '@app/contracts';
import {
  EDUCATION_LEVELS,
  type EducationLevel,
  type LocalDate,
  NEGATIVE_ITEMS,
  type NegativeItem,
  type NegativeRecord,
  POLITICAL_STATUSES,
  type PoliticalStatus,
  RECOMMENDATION_CHANNELS,
  RESERVE_CATEGORIES,
  type RecommendationChannel,
  type RemovalCode,
  type ReserveCategory,
  type ReserveEntryStep,
  type ReservePolicy,
  type ReservistState,
  type ReservistStatus,
  type ReviewOutcome,
} from '@app/domain';
import { type ReviewTaskView } from '@app/persistence';
import { type ReviewScheduleView } from '@app/temporal';
import { type ReservistSnapshot } from '@app/workflows';

import { type CreationPreview } from '../creation-preview';
import {
  CASE_RECORDING_STATUSES,
  CASE_RECORDING_STATUS_DOC,
  PersonPreviewResponse,
  PersonSummaryResponse,
  PublicNoticeRecordResponse,
} from '../openapi/case.responses';

/** The answers of the reserve pool endpoints (村两委后备库): entries, their workflow state, reviews, policy. */

const DATE = { type: String, format: 'date' } as const;
const NULLABLE_DATE = { type: String, format: 'date', nullable: true } as const;

export const RESERVIST_STATUSES = unionValues<ReservistStatus>()([
  'ENTERING',
  'ACTIVE',
  'LISTED_FOR_INSPECTION',
  'USED',
  'REMOVED',
  'NOT_ADMITTED',
]);
const ENTRY_STEPS = unionValues<ReserveEntryStep>()(['RECOMMENDED', 'QUALIFIED', 'VETTED', 'SELECTED']);
const LEFT_CODES = unionValues<RemovalCode | 'NOT_ADMITTED'>()([
  'AGED_OUT',
  'NEGATIVE_EVENT',
  'REVIEW',
  'NOT_ADMITTED',
]);
const REVIEW_OUTCOMES = unionValues<ReviewOutcome['kind']>()([
  'RETAIN',
  'REMOVE',
  'LIST_FOR_INSPECTION',
  'USE',
]);
const REVIEW_TASK_STATUSES = ['OPEN', 'DECIDED', 'LAPSED', 'OVERDUE'] as const;
const STATUS_DOC =
  'ENTERING (三推二审一选一公示 under way), ACTIVE and LISTED_FOR_INSPECTION (在库), USED, REMOVED (出库), ' +
  'NOT_ADMITTED';

/** A reservist as the read model shows it: what every action answers. */
@ApiSchema({ name: 'ReserveEntry' })
export class ReserveEntryResponse implements ReserveEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'reserve-entry-0f8fad5b-…' }) workflowId!: string;
  @ApiProperty({ format: 'uuid', description: 'the village party organisation the reservist is held for' })
  villageId!: string;
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty({ enum: RESERVE_CATEGORIES }) category!: string;
  @ApiProperty({ enum: RESERVIST_STATUSES, description: STATUS_DOC }) status!: string;
  @ApiProperty({ enum: ENTRY_STEPS, description: 'the last entry step passed' }) entryStep!: string;
  @ApiProperty({ type: String, enum: EDUCATION_LEVELS, nullable: true, description: 'once reviewed' })
  education!: string | null;
  @ApiProperty({ type: String, enum: POLITICAL_STATUSES, nullable: true }) politicalStatus!: string | null;
  @ApiProperty(DATE) recommendedOn!: string;
  @ApiProperty({ ...NULLABLE_DATE, description: 'day the reservist entered the pool' }) enteredOn!:
    string | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'day the reservist left the pool (or was not admitted)' })
  leftOn!: string | null;
  @ApiProperty({ type: String, enum: LEFT_CODES, nullable: true, description: 'why they left' })
  leftCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'LISTED_FOR_INSPECTION: the post' })
  inspectionPost!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'USED: the cadre case' })
  cadreCaseId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the member case it is tracked in',
  })
  memberCaseId!: string | null;
  @ApiProperty({ type: PersonSummaryResponse }) person!: PersonSummaryResponse;
}

/** What a dry run of the recommendation answers: the entry as recommending would open it. */
@ApiSchema({ name: 'ReserveEntryPreview' })
export class ReserveEntryPreviewResponse
  extends OmitType(ReserveEntryResponse, ['id', 'workflowId', 'person'])
  implements CreationPreview<ReserveEntryView>
{
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording assigns it' })
  id!: null;
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording starts it' })
  workflowId!: null;
  @ApiProperty({ type: PersonPreviewResponse }) person!: PersonPreviewResponse;
}

/** A reserve policy: entry criteria, cadence and the reserve each village must hold. */
@ApiSchema({ name: 'ReservePolicy' })
export class ReservePolicyResponse implements ReservePolicy {
  @ApiProperty({ type: 'integer', example: 35, description: 'age limit (后备力量一般不超过…岁)' })
  maxAge!: number;
  @ApiProperty({ enum: EDUCATION_LEVELS }) minEducation!: EducationLevel;
  @ApiProperty({ type: 'integer', example: 2, description: 'reservists each village must hold at least' })
  minReservePerVillage!: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'reservists per 两委 post' })
  minReservePerPost!: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'posts each village reserves for' })
  postsPerVillage!: number;
  @ApiProperty({
    type: 'integer',
    example: 5,
    description: 'working days the entry notice (公示) runs at least',
  })
  noticeWorkingDays!: number;
  @ApiProperty({ type: 'integer', example: 30, description: 'days the township has to decide a review' })
  reviewDays!: number;
}

/** The policy in force at an org unit, and where it was set. */
@ApiSchema({ name: 'ReservePolicyInForce' })
export class ReservePolicyInForceResponse extends ReservePolicyResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the org unit whose policy it is (the nearest that set a field); null: the default',
  })
  setAt!: string | null;
}

@ApiSchema({ name: 'ReserveRecommendation' })
class RecommendationResponse {
  @ApiProperty({ enum: RECOMMENDATION_CHANNELS, description: '个人自荐, 党员群众推荐, 组织推荐' })
  channel!: RecommendationChannel;
  @ApiProperty({ example: '东村党员大会', description: 'who recommended' }) by!: string;
  @ApiProperty(DATE) on!: LocalDate;
}

@ApiSchema({ name: 'ReserveNegativeRecord' })
class NegativeRecordResponse implements NegativeRecord {
  @ApiProperty({ enum: Object.keys(NEGATIVE_ITEMS), description: '负面清单 item' }) item!: NegativeItem;
  @ApiProperty({ ...DATE, description: 'when it ended; its window counts from here' }) date!: LocalDate;
  @ApiPropertyOptional({ description: 'still going on: applies whatever the window' }) ongoing?: boolean;
}

@ApiSchema({ name: 'ReserveQualificationFacts' })
class QualificationFactsResponse implements NonNullable<ReservistState['facts']> {
  @ApiProperty({ enum: EDUCATION_LEVELS }) education!: EducationLevel;
  @ApiProperty({ enum: POLITICAL_STATUSES }) politicalStatus!: PoliticalStatus;
  @ApiProperty({ type: [NegativeRecordResponse] }) negativeRecords!: readonly NegativeRecordResponse[];
}

@ApiSchema({ name: 'ReserveInspection' })
class InspectionResponse {
  @ApiProperty({ description: 'the post the reservist is inspected for' }) post!: string;
  @ApiProperty(DATE) on!: LocalDate;
}

@ApiSchema({ name: 'ReserveUse' })
class UseResponse {
  @ApiProperty({ format: 'uuid' }) cadreCaseId!: string;
  @ApiProperty(DATE) on!: LocalDate;
}

@ApiSchema({ name: 'ReserveLeaving' })
class LeavingResponse implements NonNullable<ReservistState['left']> {
  @ApiProperty({ enum: LEFT_CODES }) code!: RemovalCode | 'NOT_ADMITTED';
  @ApiProperty() reason!: string;
  @ApiProperty(DATE) on!: LocalDate;
}

@ApiSchema({ name: 'ReservistState' })
export class ReservistStateResponse implements ReservistState {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) villageId!: string;
  @ApiProperty({ enum: RESERVE_CATEGORIES }) category!: ReserveCategory;
  @ApiProperty(DATE) birthDate!: string;
  @ApiProperty({ enum: RESERVIST_STATUSES, description: STATUS_DOC }) status!: ReservistStatus;
  @ApiProperty({ enum: ENTRY_STEPS, description: 'the last entry step passed' }) entryStep!: ReserveEntryStep;
  @ApiProperty({ ...DATE, description: 'business date of the latest recorded action' }) lastDate!: LocalDate;
  @ApiProperty({ type: [RecommendationResponse], description: '三推: the recommendation rounds' })
  recommendations!: readonly RecommendationResponse[];
  @ApiPropertyOptional({ type: QualificationFactsResponse, description: 'as the qualification review found' })
  facts?: QualificationFactsResponse;
  @ApiPropertyOptional({
    type: [String],
    description: 'concerns the joint vetting raised (department: note)',
  })
  vettingConcerns?: readonly string[];
  @ApiPropertyOptional({ type: PublicNoticeRecordResponse, description: '入库公示' })
  notice?: PublicNoticeRecordResponse;
  @ApiPropertyOptional(DATE) enteredOn?: LocalDate;
  @ApiPropertyOptional({ type: InspectionResponse, description: 'LISTED_FOR_INSPECTION' })
  inspection?: InspectionResponse;
  @ApiPropertyOptional({ type: UseResponse, description: 'USED' }) used?: UseResponse;
  @ApiPropertyOptional({ type: LeavingResponse, description: 'REMOVED or NOT_ADMITTED' })
  left?: LeavingResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...REVIEW_OUTCOMES] },
    description: 'the half-year reviews that decided on the entry: review id → outcome',
  })
  reviews!: Readonly<Record<string, ReviewOutcome['kind']>>;
  @ApiPropertyOptional({ format: 'uuid', description: 'the member case the reservist is tracked in' })
  memberCaseId?: string;
}

/** A reservist as its workflow holds it (GET /v1/reserve-pool/entries/{id}). */
@ApiSchema({ name: 'ReserveEntrySnapshot' })
export class ReserveEntrySnapshotResponse implements ReservistSnapshot {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ enum: CASE_RECORDING_STATUSES, description: CASE_RECORDING_STATUS_DOC })
  status!: ReservistSnapshot['status'];
  @ApiPropertyOptional({ type: ReserveEntryResponse, description: 'the entry as the read model shows it' })
  view?: ReserveEntryResponse;
  @ApiPropertyOptional({ type: ReservistStateResponse, description: 'what the entry has recorded so far' })
  state?: ReservistStateResponse;
  @ApiProperty({ type: ReservePolicyResponse, description: 'the policy pinned at recommendation' })
  policy!: ReservePolicyResponse;
  @ApiProperty({
    ...NULLABLE_DATE,
    description: 'the day the rules remove the reservist for age, while open',
  })
  ageOutOn!: LocalDate | null;
}

@ApiSchema({ name: 'ReserveShortfall' })
class ShortfallResponse {
  @ApiProperty({ format: 'uuid' }) villageId!: string;
  @ApiProperty({ type: 'integer', description: 'reservists the policy asks for' }) required!: number;
  @ApiProperty({ type: 'integer', description: 'active reservists when the review opened' }) active!: number;
  @ApiProperty({ type: 'integer' }) shortfall!: number;
}

@ApiSchema({ name: 'ReserveReviewTaskCounts' })
class ReviewTaskCountsResponse {
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) decided!: number;
  @ApiProperty({ type: 'integer', description: 'the entry left the pool before it was decided' })
  lapsed!: number;
  @ApiProperty({ type: 'integer', description: 'not decided by the due day' }) overdue!: number;
}

/** A township's half-year review (半年分析研判). */
@ApiSchema({ name: 'ReserveReview' })
export class ReserveReviewResponse implements ReserveReviewView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty({ example: '2026-H2', pattern: '^[0-9]{4}-H[12]$' }) period!: string;
  @ApiProperty(DATE) openedOn!: string;
  @ApiProperty({ ...DATE, description: 'every entry is to be decided by this day' }) dueOn!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty(NULLABLE_DATE) closedOn!: string | null;
  @ApiProperty({ type: [ShortfallResponse], description: 'villages short of reservists when it opened' })
  shortfalls!: readonly ShortfallResponse[];
  @ApiProperty({ type: ReviewTaskCountsResponse }) tasks!: ReviewTaskCountsResponse;
}

/** One reservist to decide in a review. */
@ApiSchema({ name: 'ReserveReviewTask' })
export class ReviewTaskResponse implements ReviewTaskView {
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty({ enum: REVIEW_TASK_STATUSES }) status!: string;
  @ApiProperty({ type: String, enum: REVIEW_OUTCOMES, nullable: true, description: 'once decided' })
  outcome!: string | null;
  @ApiProperty(NULLABLE_DATE) decidedOn!: string | null;
  @ApiProperty({ type: ReserveEntryResponse }) entry!: ReserveEntryResponse;
}

/** A review with every reservist to decide. */
@ApiSchema({ name: 'ReserveReviewDetail' })
export class ReserveReviewDetailResponse extends ReserveReviewResponse {
  @ApiProperty({ type: [ReviewTaskResponse], description: 'by entry id' }) items!: ReviewTaskResponse[];
}

@ApiSchema({ name: 'ReviewScheduleRun' })
class ScheduleRunResponse {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
}

/** A township's half-year review Schedule (Temporal): next runs and recent ones. */
@ApiSchema({ name: 'ReviewSchedule' })
export class ReviewScheduleResponse implements ReviewScheduleView {
  @ApiProperty({ example: 'reserve-review-…' }) scheduleId!: string;
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty({
    type: [String],
    format: 'date-time',
    description: 'when the next reviews open (1 January and 1 July, 09:00 China Standard Time)',
  })
  nextRuns!: readonly string[];
  @ApiProperty({ type: [ScheduleRunResponse] }) recentRuns!: readonly ScheduleRunResponse[];
}
