import { Injectable } from '@nestjs/common';
import {
  Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';

import { AccessService } from '@app/auth';
import { Clock, ProblemError, TemporalConfig } from '@app/config';
import { type ReserveEntryView, type ReserveReviewView, type VerifiedRecords } from '@app/contracts';
import {
  type LocalDate,
  type OrgUnit,
  type Principal,
  RESERVE_ACTION_ACTORS,
  type ReserveAction,
  type ReservePolicy,
  type ReviewOutcome,
  cadreActionViolation,
  checkReserveRecommendation,
  chinaLocalDate,
  parseNationalId,
  recordedBy,
  scopeRootId,
  subtreeReadViolation,
  violation,
} from '@app/domain';
import {
  CadreCasesRepository,
  MemberCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  type RecordEntry,
  ReservePoolRepository,
  type ReviewTaskView,
} from '@app/persistence';
import { reserveReviewScheduleId, temporalCallProblem } from '@app/temporal';
import {
  type ReserveActionInput,
  type ReservistSnapshot,
  recordReserveActionUpdate,
  reserveRecommendationRecordedUpdate,
  reserveReviewWorkflow,
  reservistStateQuery,
  reservistWorkflow,
  reservistWorkflowId,
} from '@app/workflows';
import { ruleViolationsFrom } from '@app/workflows/shared/rule-violation-failure';

import { CloseNoticeDto, DatedActionDto, ObjectionDto, StartNoticeDto } from '../cadre-cases/cadre-case.dto';
import { routedAction } from '../action-route';
import { alreadyOpenProblem } from '../already-open';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service';
import { requireOrgUnit } from '../org-unit-reference';
import { recordingProblem } from '../recording-problem';
import * as Dto from './reserve-pool.dto';

const entryNotFound = (id: string) =>
  new ProblemError(404, 'RESERVE_ENTRY_NOT_FOUND', '后备力量不存在', `no reserve entry ${id}`);
const reviewNotFound = (id: string) =>
  new ProblemError(404, 'RESERVE_REVIEW_NOT_FOUND', '分析研判不存在', `no reserve review ${id}`);
const scheduleNotFound = (township: OrgUnit) =>
  new ProblemError(
    404,
    'REVIEW_SCHEDULE_NOT_FOUND',
    '未设置分析研判计划',
    `no review schedule for ${township.code}`,
  );

/**
 * A rule broken inside a workflow or activity, as a problem: closed entries conflict, the rest are 422; a
 * recording that failed is a problem too (recordingProblem).
 */
function problemFrom(error: unknown): never {
  const found = ruleViolationsFrom(error);
  if (found.length === 0) throw recordingProblem(error) ?? error;
  const conflict = ['RESERVE_ENTRY_ALREADY_OPEN', 'RESERVE_ENTRY_CLOSED', 'REVIEW_TASK_NOT_OPEN'];
  throw ProblemError.fromViolations(found, conflict.includes(found[0]!.code) ? 409 : 422);
}

export interface ReviewScheduleView {
  readonly scheduleId: string;
  readonly townshipId: string;
  readonly paused: boolean;
  /** When the next reviews open (UTC instants; 1 January and 1 July, 09:00 China Standard Time). */
  readonly nextRuns: readonly string[];
  readonly recentRuns: readonly { readonly workflowId: string; readonly startedAt: string }[];
}

/**
 * The village reserve pool over HTTP: recommendation and the entry steps (三推二审一选一公示), the half-year
 * reviews and their decisions, the township's review Schedule, and the local policy. The township committee
 * above the village acts; the county org department may vet and report negative events.
 */
@Injectable()
export class ReservePoolService {
  constructor(
    private readonly temporal: Client,
    private readonly temporalConfig: TemporalConfig,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly reservePool: ReservePoolRepository,
    private readonly cadreCases: CadreCasesRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly persons: PersonsRepository,
  ) {}

  /** 推: checks the recommendation, then starts the reservist's workflow with the policy that applies. */
  async recommend(
    principal: Principal,
    dto: Dto.RecommendReservistDto,
    key?: string,
  ): Promise<ReserveEntryView> {
    const village = await requireOrgUnit(this.orgUnits, dto.village, 'village');
    const refusal = cadreActionViolation(principal, RESERVE_ACTION_ACTORS.RECOMMEND, village);
    if (refusal) this.access.refuse(principal, refusal, village.code);
    const parent = village.parentId ? await this.orgUnits.find(village.parentId) : undefined;
    const policy = await this.reservePool.effectivePolicy(village);
    const today = chinaLocalDate(this.clock.now());
    const recommendedOn = (dto.recommendedOn ?? today) as LocalDate;
    const violations = checkReserveRecommendation({
      village,
      parent,
      nationalId: dto.person.nationalId,
      birthDate: dto.person.birthDate,
      recommendedOn,
      today,
      policy,
    });
    if (violations.length > 0) throw ProblemError.fromViolations(violations);
    const parsed = parseNationalId(dto.person.nationalId);
    if (!parsed.ok) throw new Error('checked above');
    const idempotent = await this.idempotency.claim(principal, key, {
      endpoint: 'POST /v1/reserve-pool/entries',
      request: dto,
      resourceId: (token) => token.id('reserve-entry'),
    });
    const entryId = idempotent?.token.id('reserve-entry') ?? randomUUID();
    // The person is registered first: the workflow carries their id, never the name or the ID number.
    const person = await this.persons.ensure({
      name: dto.person.name,
      nationalId: parsed.id.value,
      birthDate: parsed.id.birthDate,
      gender: parsed.id.gender,
    });
    const { setAt: _source, ...pinned } = policy;
    try {
      return await this.temporal.workflow.executeUpdateWithStart(reserveRecommendationRecordedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(reservistWorkflow, {
          workflowId: reservistWorkflowId(entryId),
          taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A closed entry never starts again; one whose recommendation could not be recorded (failed) does.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          args: [
            {
              entryId,
              village,
              townshipId: parent!.id,
              category: dto.category,
              channel: dto.channel,
              by: dto.by,
              recommendedOn,
              person,
              policy: pinned,
              recordedBy: recordedBy(principal),
            },
          ],
        }),
      });
    } catch (error) {
      await idempotent?.failed(error);
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ProblemError(409, 'RESERVE_ENTRY_CLOSED', '该条目已结束', `entry ${entryId} has ended`);
      }
      const [found] = ruleViolationsFrom(error);
      if (found?.code === 'RESERVE_ENTRY_ALREADY_OPEN') {
        throw await alreadyOpenProblem(found, 'entryId', (id) => this.mayRead(principal, id));
      }
      return problemFrom(error);
    }
  }

  /** A later entry step: the body checked like its own DTO, the caller's authority over the village, the rules. */
  async act(
    principal: Principal,
    entryId: string,
    path: string,
    body: unknown,
    key?: string,
  ): Promise<ReserveEntryView> {
    const { type, dto } = await routedAction(Dto.RESERVE_ACTION_ROUTES, path, body);
    const { snapshot, village } = await this.readable(principal, entryId, false);
    const refusal = cadreActionViolation(principal, RESERVE_ACTION_ACTORS[type], village);
    if (refusal) this.access.refuse(principal, refusal, `${village.code}:${entryId}`);
    const action = await this.build(type, dto, snapshot);
    return this.record(principal, snapshot, action, key, {
      endpoint: `POST /v1/reserve-pool/entries/{id}/${path}`,
      request: { entryId, body },
    });
  }

  /** A review's decision on one reservist of the review's township; the task must still be open. */
  async decide(
    principal: Principal,
    reviewId: string,
    dto: Dto.ReviewDecisionDto,
    key?: string,
  ): Promise<ReserveEntryView> {
    const review = await this.reservePool.findReview(reviewId);
    if (!review) throw reviewNotFound(reviewId);
    const { snapshot, village } = await this.readable(principal, dto.entryId, false);
    const refusal = cadreActionViolation(principal, RESERVE_ACTION_ACTORS.DECIDE_REVIEW, village);
    if (refusal) this.access.refuse(principal, refusal, `${village.code}:${dto.entryId}`);
    if (snapshot.view!.townshipId !== review.townshipId) {
      throw ProblemError.fromViolations([
        violation('ENTRY_NOT_IN_REVIEW_TOWNSHIP', 'DOMAIN §3', '该后备力量不属于本次分析研判的乡镇'),
      ]);
    }
    if (dto.outcome === 'USE') await this.requireCadreCaseOf(snapshot, dto.cadreCaseId!);
    const outcome: ReviewOutcome =
      dto.outcome === 'REMOVE'
        ? { kind: 'REMOVE', reason: dto.reason! }
        : dto.outcome === 'LIST_FOR_INSPECTION'
          ? { kind: 'LIST_FOR_INSPECTION', post: dto.post! }
          : dto.outcome === 'USE'
            ? { kind: 'USE', cadreCaseId: dto.cadreCaseId! }
            : { kind: 'RETAIN' };
    return this.record(
      principal,
      snapshot,
      { type: 'DECIDE_REVIEW', date: dto.date as LocalDate, reviewId, outcome },
      key,
      { endpoint: 'POST /v1/reserve-pool/reviews/{id}/decisions', request: { reviewId, body: dto } },
    );
  }

  async get(principal: Principal, entryId: string): Promise<ReservistSnapshot> {
    return (await this.readable(principal, entryId, true)).snapshot;
  }

  async records(principal: Principal, entryId: string): Promise<VerifiedRecords<RecordEntry>> {
    await this.readable(principal, entryId, true);
    return this.reservePool.records(entryId);
  }

  async list(principal: Principal, query: Dto.ReserveEntriesQueryDto): Promise<ReserveEntryView[]> {
    // By default the caller's whole scope (an org department's is its county).
    const unit = await requireOrgUnit(
      this.orgUnits,
      query.orgUnit ?? scopeRootId(principal.orgUnit),
      'orgUnit',
    );
    const refusal = subtreeReadViolation(principal, unit);
    if (refusal) this.access.refuse(principal, refusal, unit.code);
    return this.reservePool.listEntries({
      under: unit,
      ...(query.status ? { statuses: [query.status] } : {}),
      limit: query.limit ?? 100,
    });
  }

  async review(
    principal: Principal,
    reviewId: string,
  ): Promise<ReserveReviewView & { items: ReviewTaskView[] }> {
    const review = await this.reservePool.findReview(reviewId);
    if (!review) throw reviewNotFound(reviewId);
    const township = await this.orgUnits.find(review.townshipId);
    const refusal = subtreeReadViolation(principal, township!);
    if (refusal) this.access.refuse(principal, refusal, township!.code);
    return { ...review, items: await this.reservePool.reviewTasks(reviewId) };
  }

  async reviews(principal: Principal, townshipReference: string): Promise<ReserveReviewView[]> {
    const township = await this.township(townshipReference);
    const refusal = subtreeReadViolation(principal, township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return this.reservePool.listReviews(township.id);
  }

  async policy(principal: Principal, reference: string): Promise<ReservePolicy & { setAt: string | null }> {
    const unit = await requireOrgUnit(this.orgUnits, reference, 'orgUnit');
    const refusal = subtreeReadViolation(principal, unit);
    if (refusal) this.access.refuse(principal, refusal, unit.code);
    return this.reservePool.effectivePolicy(unit);
  }

  /** Sets a county's or township's policy (fields not given keep what applies from above). */
  async setPolicy(
    principal: Principal,
    reference: string,
    dto: Dto.ReservePolicyDto,
  ): Promise<ReservePolicy & { setAt: string | null }> {
    const unit = await requireOrgUnit(this.orgUnits, reference, 'orgUnit');
    if (unit.kind !== 'TOWNSHIP_COMMITTEE' && unit.kind !== 'COUNTY_COMMITTEE') {
      throw ProblemError.fromViolations([
        violation('POLICY_UNIT_NOT_COUNTY_OR_TOWNSHIP', 'DOMAIN §3', '后备力量政策由县或乡镇设定'),
      ]);
    }
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', unit);
    if (refusal) this.access.refuse(principal, refusal, unit.code);
    const given = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    await this.reservePool.setPolicy(unit.id, given, principal.subject);
    return this.reservePool.effectivePolicy(unit);
  }

  /** Creates (or replaces) the township's half-year review Schedule: 1 January and 1 July, 09:00 CST. */
  async putSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.managedTownship(principal, reference);
    const scheduleId = reserveReviewScheduleId(township.id);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: reserveReviewWorkflow,
      // Temporal appends each run's time to this id.
      workflowId: scheduleId,
      taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
      args: [{ townshipId: township.id }] as [{ townshipId: string }],
    };
    const spec = {
      calendars: [
        { comment: '半年分析研判', month: ['JANUARY' as const, 'JULY' as const], dayOfMonth: 1, hour: 9 },
      ],
      timezone: 'Asia/Shanghai',
    };
    try {
      await this.temporal.schedule.create({
        scheduleId,
        spec,
        action,
        policies: { overlap: 'ALLOW_ALL', catchupWindow: '30 days' },
        memo: { township: township.code },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.temporal.schedule
        .getHandle(scheduleId)
        .update((previous) => ({ ...previous, spec, action }));
    }
    return this.describeSchedule(township);
  }

  async getSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.township(reference);
    const refusal = subtreeReadViolation(principal, township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return this.describeSchedule(township);
  }

  async deleteSchedule(principal: Principal, reference: string): Promise<void> {
    const township = await this.managedTownship(principal, reference);
    try {
      await this.temporal.schedule.getHandle(reserveReviewScheduleId(township.id)).delete();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
  }

  /** Opens the current half year's review now (专题会议), e.g. right after the Schedule was set up. */
  async runScheduleNow(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.managedTownship(principal, reference);
    try {
      await this.temporal.schedule.getHandle(reserveReviewScheduleId(township.id)).trigger('ALLOW_ALL');
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
    return this.describeSchedule(township);
  }

  /** Schedule handles call Temporal past the client interceptors: their failures are mapped here. */
  private async describeSchedule(township: OrgUnit): Promise<ReviewScheduleView> {
    const scheduleId = reserveReviewScheduleId(township.id);
    try {
      const described = await this.temporal.schedule.getHandle(scheduleId).describe();
      return {
        scheduleId,
        townshipId: township.id,
        paused: described.state.paused,
        nextRuns: described.info.nextActionTimes.slice(0, 4).map((time) => time.toISOString()),
        recentRuns: described.info.recentActions.map((run) => ({
          workflowId: run.action.workflow.workflowId,
          startedAt: run.takenAt.toISOString(),
        })),
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
  }

  private async township(reference: string): Promise<OrgUnit> {
    const township = await requireOrgUnit(this.orgUnits, reference, 'township');
    if (township.kind !== 'TOWNSHIP_COMMITTEE') {
      throw ProblemError.fromViolations([
        violation('NOT_A_TOWNSHIP', 'DOMAIN §3', `${township.name}不是乡镇党委`),
      ]);
    }
    return township;
  }

  private async managedTownship(principal: Principal, reference: string): Promise<OrgUnit> {
    const township = await this.township(reference);
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return township;
  }

  private async record(
    principal: Principal,
    snapshot: ReservistSnapshot,
    action: Exclude<ReserveAction, { type: 'AGE_OUT' }>,
    key: string | undefined,
    request: IdempotentRequest,
  ): Promise<ReserveEntryView> {
    if (snapshot.status !== 'OPEN') {
      throw new ProblemError(
        409,
        'RESERVE_ENTRY_CLOSED',
        '该人员已出库、已使用或未入库',
        `entry is ${snapshot.status}`,
      );
    }
    const input = {
      ...action,
      actingBody: principal.orgUnit,
      recordedBy: recordedBy(principal),
    } as ReserveActionInput;
    const idempotent = await this.idempotency.claim(principal, key, {
      ...request,
      resourceId: () => snapshot.entryId,
    });
    try {
      return await this.temporal.workflow
        .getHandle(reservistWorkflowId(snapshot.entryId))
        .executeUpdate(recordReserveActionUpdate, {
          args: [input],
          ...(idempotent ? { updateId: idempotent.token.updateId(action.type) } : {}),
        });
    } catch (error) {
      await idempotent?.failed(error);
      // The entry closed (aged out, say) between reading it and sending the action.
      if (error instanceof WorkflowNotFoundError) {
        throw new ProblemError(
          409,
          'RESERVE_ENTRY_CLOSED',
          '该人员已出库、已使用或未入库',
          'entry has closed',
        );
      }
      return problemFrom(error);
    }
  }

  /** Whether the caller may read the entry (no refusal logged: for deciding what a conflict may name). */
  private async mayRead(principal: Principal, entryId: string): Promise<boolean> {
    const { village } = await this.readable(principal, entryId, false);
    return !subtreeReadViolation(principal, village);
  }

  private async readable(
    principal: Principal,
    entryId: string,
    enforceRead: boolean,
  ): Promise<{ snapshot: ReservistSnapshot; village: OrgUnit }> {
    let snapshot: ReservistSnapshot;
    try {
      snapshot = await this.temporal.workflow
        .getHandle(reservistWorkflowId(entryId))
        .query(reservistStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw entryNotFound(entryId);
      throw error;
    }
    if (!snapshot.state || !snapshot.view) throw entryNotFound(entryId);
    const village = await this.orgUnits.find(snapshot.state.villageId);
    if (!village) throw entryNotFound(entryId);
    if (enforceRead) {
      const refusal = subtreeReadViolation(principal, village);
      if (refusal) this.access.refuse(principal, refusal, `${village.code}:${entryId}`);
    }
    return { snapshot, village };
  }

  private async requireCadreCaseOf(snapshot: ReservistSnapshot, cadreCaseId: string): Promise<void> {
    const cadreCase = await this.cadreCases.findById(cadreCaseId);
    if (!cadreCase || cadreCase.person.id !== snapshot.view!.person.id) {
      throw ProblemError.fromViolations([
        violation('CADRE_CASE_NOT_OF_RESERVIST', 'DOMAIN §3', '使用须关联该后备力量本人的村干部招引案件'),
      ]);
    }
  }

  private async build(
    type: keyof typeof Dto.RESERVE_ACTION_ROUTES,
    dto: DatedActionDto,
    snapshot: ReservistSnapshot,
  ): Promise<Exclude<ReserveAction, { type: 'AGE_OUT' }>> {
    const date = dto.date as LocalDate;
    switch (type) {
      case 'RECOMMEND': {
        const { channel, by } = dto as Dto.RecommendationDto;
        return { type, date, channel, by };
      }
      case 'REVIEW_QUALIFICATION': {
        const { education, politicalStatus, negativeRecords } = dto as Dto.ReserveQualificationDto;
        return {
          type,
          date,
          education,
          politicalStatus,
          negativeRecords: negativeRecords.map((record) => ({ ...record, date: record.date as LocalDate })),
        };
      }
      case 'RECORD_VETTING':
        return {
          type,
          date,
          departments: (dto as Dto.VettingDto).departments.map((answer) => ({ ...answer })),
        };
      case 'SELECT': {
        const { approved, committeeVote, minutesRef, concernsFinding } = dto as Dto.SelectionDto;
        return {
          type,
          date,
          approved,
          committeeVote: { ...committeeVote },
          minutesRef,
          ...(concernsFinding ? { concernsFinding } : {}),
        };
      }
      case 'START_NOTICE': {
        const { end, scope } = dto as StartNoticeDto;
        return { type, date, end: end as LocalDate, scope };
      }
      case 'RECORD_OBJECTION':
        return { type, date, text: (dto as ObjectionDto).text };
      case 'CLOSE_NOTICE':
        return {
          type,
          date,
          findings: (dto as CloseNoticeDto).findings.map((finding) => ({ ...finding })),
        };
      case 'REPORT_NEGATIVE_EVENT': {
        const { record } = dto as Dto.NegativeEventDto;
        return { type, date, record: { ...record, date: record.date as LocalDate } };
      }
      case 'LINK_MEMBER_CASE': {
        const { memberCaseId } = dto as Dto.LinkMemberCaseDto;
        const memberCase = await this.memberCases.findById(memberCaseId);
        if (!memberCase || memberCase.applicant.personId !== snapshot.view!.person.id) {
          throw ProblemError.fromViolations([
            violation('MEMBER_CASE_NOT_OF_RESERVIST', 'DOMAIN §3', '须关联该后备力量本人的入党流程'),
          ]);
        }
        return { type, date, memberCaseId };
      }
    }
  }
}
