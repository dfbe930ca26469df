import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiSchema,
  OmitType,
  getSchemaPath,
} from '@nestjs/swagger';

import { unionValues } from '@app/config';
import { type CadreCaseView } from '@app/contracts';
import {
  CADRE_POSTS,
  CADRE_SOURCES,
  type CadreCaseState,
  type CadreDeadlineKind,
  type CadreOutcome,
  type CadrePost,
  type CadreProgramme,
  type CadreSource,
  type CadreStage,
  type CriterionFailure,
  type DepartmentResult,
  EDUCATION_LEVELS,
  type EducationLevel,
  type LocalDate,
  NOMINATION_CHANNELS,
  type NominationChannel,
  type QualificationCriterion,
  RESERVE_CATEGORIES,
  type ReserveCategory,
  type ResidencyRequirement,
} from '@app/domain';
import { type CadreSnapshot } from '@app/workflows';

import { type CreationPreview } from '../creation-preview';
import {
  CASE_RECORDING_STATUSES,
  CASE_RECORDING_STATUS_DOC,
  PersonPreviewResponse,
  PersonSummaryResponse,
  PublicNoticeRecordResponse,
} from '../openapi/case.responses';

/** The answers of the cadre recruitment endpoints (村干部招引): programmes, the case view, the workflow state. */

const DATE = { type: String, format: 'date' } as const;
const POSTS = Object.keys(CADRE_POSTS) as CadrePost[];

export const CADRE_STAGES = unionValues<CadreStage>()([
  'NOMINATED',
  'QUALIFIED',
  'JOINT_REVIEW',
  'ASSESSMENT',
  'DECISION',
  'NOTICE',
  'PLACEMENT',
  'TRIAL',
  'CONFIRMED',
  'EXITED',
]);
const OUTCOMES = unionValues<CadreOutcome>()([
  'CONFIRMED',
  'EXITED',
  'DISQUALIFIED',
  'JOINT_REVIEW_FAILED',
  'ASSESSMENT_FAILED',
  'NOT_DECIDED',
  'NOTICE_OBJECTION_UPHELD',
  'NOT_ELECTED',
  'WITHDRAWN',
]);
const RESIDENCY = unionValues<ResidencyRequirement>()([
  'LOCAL_HOUSEHOLD',
  'LOCAL_HOUSEHOLD_OR_RESIDENCE',
  'ANY',
]);
const CRITERIA = unionValues<QualificationCriterion>()([
  'PROGRAMME_POST',
  'SOURCE',
  'AGE',
  'EDUCATION',
  'POLITICAL_STATUS',
  'RESIDENCY',
  'NEGATIVE_LIST',
  'KINSHIP',
]);
const DEPARTMENT_RESULTS = unionValues<DepartmentResult>()(['PASS', 'FAIL', 'CONCERN']);
const DEADLINE_KINDS = unionValues<CadreDeadlineKind>()(['JOINT_REVIEW_DUE', 'TRIAL_END']);

type State = CadreCaseState;
type Placement = NonNullable<State['placement']>;
type Exit = NonNullable<State['exit']>;
const PLACEMENT_MODES = unionValues<Placement['mode']>()(['APPOINTMENT', 'ELECTION', 'BY_ELECTION']);
const EXIT_DESTINATIONS = unionValues<Exit['destination']>()(['RESERVE_POOL', 'RELEASED']);
type Criteria = CadreProgramme['criteria'];

@ApiSchema({ name: 'CadreProgrammeCriteria' })
class ProgrammeCriteriaResponse implements Criteria {
  @ApiProperty({ type: 'integer', example: 18 }) minAge!: number;
  @ApiProperty({ type: 'integer', example: 35 }) maxAge!: number;
  @ApiProperty({ enum: EDUCATION_LEVELS }) minEducation!: EducationLevel;
  @ApiProperty({ enum: RESIDENCY, description: 'household registration or residence asked for' })
  residency!: ResidencyRequirement;
}

/** A recruitment programme (归雁计划, 贤人回村, 定制村干): criteria, posts, notice and trial. */
@ApiSchema({ name: 'CadreProgramme' })
export class CadreProgrammeResponse implements CadreProgramme {
  @ApiProperty({ example: 'GUIYAN' }) id!: string;
  @ApiProperty({ example: '归雁计划' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: CADRE_SOURCES, isArray: true, description: 'where its candidates come from' })
  sources!: readonly CadreSource[];
  @ApiProperty({ enum: POSTS, isArray: true, description: 'the posts it recruits for' })
  posts!: readonly CadrePost[];
  @ApiProperty({ type: ProgrammeCriteriaResponse }) criteria!: ProgrammeCriteriaResponse;
  @ApiProperty({ type: [String], description: 'departments of the 资格联审' })
  jointReviewDepartments!: readonly string[];
  @ApiProperty({ type: 'integer', description: 'working days the departments have to answer' })
  jointReviewWorkingDays!: number;
  @ApiProperty({ type: 'integer', description: '任前公示: working days' }) noticeWorkingDays!: number;
  @ApiProperty({ type: 'integer', description: '试用期 in months' }) trialMonths!: number;
  @ApiProperty({ type: 'integer', description: '延长试用期: at most once, by at most this many months' })
  maxTrialExtensionMonths!: number;
  @ApiProperty({ description: 'where its rules come from' }) article!: string;
}

/** A recruitment case as the read model shows it: what every action answers. */
@ApiSchema({ name: 'CadreCase' })
export class CadreCaseResponse implements CadreCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'cadre-case-0f8fad5b-…' }) workflowId!: string;
  @ApiProperty({ example: 'GUIYAN' }) programmeId!: string;
  @ApiProperty({ enum: POSTS, example: 'SECRETARY_ASSISTANT' }) post!: string;
  @ApiProperty({ format: 'uuid', description: 'the village party organisation' }) villageId!: string;
  @ApiProperty({ enum: CADRE_STAGES }) stage!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ type: String, enum: OUTCOMES, nullable: true, description: 'how a closed case ended' })
  outcome!: string | null;
  @ApiProperty(DATE) nominatedOn!: string;
  @ApiProperty({ type: PersonSummaryResponse }) person!: PersonSummaryResponse;
}

/** What a dry run of the nomination answers: the case as nominating would open it. */
@ApiSchema({ name: 'CadreCasePreview' })
export class CadreCasePreviewResponse
  extends OmitType(CadreCaseResponse, ['id', 'workflowId', 'person'])
  implements CreationPreview<CadreCaseView>
{
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording assigns it' })
  id!: null;
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording starts it' })
  workflowId!: null;
  @ApiProperty({ type: PersonPreviewResponse }) person!: PersonPreviewResponse;
}

@ApiSchema({ name: 'CadreCriterionFailure' })
class CriterionFailureResponse implements CriterionFailure {
  @ApiProperty({ enum: CRITERIA }) criterion!: QualificationCriterion;
  @ApiProperty({ example: 'AGE_OUT_OF_RANGE' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) article!: string | null;
  @ApiProperty() reason!: string;
}

@ApiSchema({ name: 'CadreQualificationFacts' })
class QualificationFactsResponse implements NonNullable<State['qualification']> {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ type: [CriterionFailureResponse], description: 'criteria not met (empty: qualified)' })
  failures!: readonly CriterionFailureResponse[];
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, description: 'as reviewed' }) education?: EducationLevel;
}

@ApiSchema({ name: 'CadreDepartmentAnswer' })
class DepartmentAnswerResponse {
  @ApiProperty({ enum: DEPARTMENT_RESULTS }) result!: DepartmentResult;
  @ApiProperty() note!: string;
  @ApiProperty(DATE) on!: LocalDate;
}

@ApiSchema({ name: 'CadreConcernsResolution' })
class ConcernsResolutionResponse {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty() finding!: string;
}

@ApiSchema({ name: 'CadreJointReviewFacts' })
@ApiExtraModels(DepartmentAnswerResponse)
class JointReviewFactsResponse implements NonNullable<State['jointReview']> {
  @ApiProperty(DATE) opened!: LocalDate;
  @ApiProperty({ ...DATE, description: 'the departments answer by this day' }) due!: LocalDate;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(DepartmentAnswerResponse) },
    description: 'each department’s answer, by department (纪委监委, 公安局, …)',
  })
  answers!: Readonly<Record<string, DepartmentAnswerResponse>>;
  @ApiPropertyOptional({ type: ConcernsResolutionResponse }) concernsResolved?: ConcernsResolutionResponse;
}

@ApiSchema({ name: 'CadreAssessmentFacts' })
class AssessmentFactsResponse implements NonNullable<State['assessment']> {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ type: 'number', example: 0.92, description: '民主测评: share of favourable votes' })
  favourableShare!: number;
  @ApiProperty({ type: 'number', nullable: true }) interviewScore!: number | null;
}

@ApiSchema({ name: 'CadreDecisionFacts' })
class DecisionFactsResponse implements NonNullable<State['decision']> {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ example: '东镇党委〔2026〕12号' }) minutesRef!: string;
}

@ApiSchema({ name: 'CadrePlacementFacts' })
class PlacementFactsResponse implements Placement {
  @ApiProperty({ enum: PLACEMENT_MODES }) mode!: Placement['mode'];
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty(DATE) termEnd!: LocalDate;
}

@ApiSchema({ name: 'CadreTrialFacts' })
class TrialFactsResponse implements NonNullable<State['trial']> {
  @ApiProperty(DATE) start!: LocalDate;
  @ApiProperty(DATE) end!: LocalDate;
  @ApiProperty({ type: 'integer' }) extendedMonths!: number;
}

@ApiSchema({ name: 'CadreExitFacts' })
class ExitFactsResponse implements Exit {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ enum: EXIT_DESTINATIONS }) destination!: Exit['destination'];
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ enum: RESERVE_CATEGORIES }) reserveCategory?: ReserveCategory;
}

@ApiSchema({ name: 'CadreFilingFacts' })
class FilingFactsResponse implements NonNullable<State['filed']> {
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty() ref!: string;
}

@ApiSchema({ name: 'CadreCaseState' })
export class CadreCaseStateResponse implements CadreCaseState {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 'GUIYAN' }) programmeId!: string;
  @ApiProperty({ enum: POSTS }) post!: CadrePost;
  @ApiProperty({ format: 'uuid', description: 'the village party organisation' }) villageId!: string;
  @ApiProperty({ enum: NOMINATION_CHANNELS }) channel!: NominationChannel;
  @ApiProperty(DATE) nominatedOn!: LocalDate;
  @ApiProperty({ enum: CADRE_STAGES }) stage!: CadreStage;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiPropertyOptional({ enum: OUTCOMES }) outcome?: CadreOutcome;
  @ApiProperty({ ...DATE, description: 'business date of the latest recorded action' }) lastDate!: LocalDate;
  @ApiPropertyOptional({ type: QualificationFactsResponse, description: 'P2 资格审查' })
  qualification?: QualificationFactsResponse;
  @ApiPropertyOptional({ type: JointReviewFactsResponse, description: 'P3 资格联审' })
  jointReview?: JointReviewFactsResponse;
  @ApiPropertyOptional({ type: AssessmentFactsResponse, description: 'P4 考察' })
  assessment?: AssessmentFactsResponse;
  @ApiPropertyOptional({ type: DecisionFactsResponse, description: 'P5 乡镇党委会研究决定' })
  decision?: DecisionFactsResponse;
  @ApiPropertyOptional({ type: PublicNoticeRecordResponse, description: 'P6 任前公示' })
  notice?: PublicNoticeRecordResponse;
  @ApiPropertyOptional({ type: PlacementFactsResponse, description: 'P7 appointment or election' })
  placement?: PlacementFactsResponse;
  @ApiPropertyOptional({ type: TrialFactsResponse, description: 'P8 试用期' }) trial?: TrialFactsResponse;
  @ApiPropertyOptional({ type: ExitFactsResponse, description: 'P9 退出' }) exit?: ExitFactsResponse;
  @ApiPropertyOptional({ type: FilingFactsResponse, description: '县委组织部备案' })
  filed?: FilingFactsResponse;
}

@ApiSchema({ name: 'CadreProgrammeRef' })
class ProgrammeRefResponse {
  @ApiProperty({ example: 'GUIYAN' }) id!: string;
  @ApiProperty({ example: '归雁计划' }) name!: string;
}

@ApiSchema({ name: 'CadreCaseDeadline' })
class CadreDeadlineResponse {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: CadreDeadlineKind;
  @ApiProperty(DATE) due!: LocalDate;
}

/** A recruitment case as its workflow holds it (GET /v1/cadre-cases/{id}). */
@ApiSchema({ name: 'CadreCaseSnapshot' })
export class CadreCaseSnapshotResponse implements CadreSnapshot {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CASE_RECORDING_STATUSES, description: CASE_RECORDING_STATUS_DOC })
  status!: CadreSnapshot['status'];
  @ApiProperty({ type: ProgrammeRefResponse, description: 'the programme pinned on the case' })
  programme!: ProgrammeRefResponse;
  @ApiPropertyOptional({ type: CadreCaseResponse, description: 'the case as the read model shows it' })
  view?: CadreCaseResponse;
  @ApiPropertyOptional({ type: CadreCaseStateResponse, description: 'what the case has recorded so far' })
  state?: CadreCaseStateResponse;
  @ApiProperty({
    type: [CadreDeadlineResponse],
    description: 'what the case owes by a date: the joint review’s answers, the trial review',
  })
  deadlines!: readonly CadreDeadlineResponse[];
}
