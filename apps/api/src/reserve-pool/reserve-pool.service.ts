import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { type ReserveEntryView, type ReserveReviewView, type VerifiedRecords } from '@app/contracts';
import {
  CaseAlreadyOpen,
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
  recordedBy,
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
import { ReservistGateway } from '@app/temporal';
import { type ReservistSnapshot } from '@app/workflows';

import { DatedActionDto } from '../cadre-cases/cadre-case.dto';
import { bodyDate, buildAction } from '../action-route';
import { CASE_COLLECTIONS } from '../backlog/task-kinds';
import { disclosedToCaller } from '../already-open';
import { type CreationPreview, previewPerson } from '../creation-preview';
import { type Submission } from '../dry-run';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requireOrgUnit } from '../org-unit-reference';
import { type CheckedAction, VillageCaseActions } from '../village-cases/village-case-actions';
import * as Dto from './reserve-pool.dto';

/** What a reservist's recorded steps are (the workflow ages them out itself). */
type EntryAction = Exclude<ReserveAction, { type: 'AGE_OUT' }>;
const reviewNotFound = (id: string) =>
  new ProblemError(404, 'RESERVE_REVIEW_NOT_FOUND', '分析研判不存在', `no reserve review ${id}`);

/**
 * The village reserve pool over HTTP: recommendation and the entry steps (三推二审一选一公示), the half-year
 * reviews and their decisions, and the local policy (the review Schedule: ReserveReviewSchedulesService). The township committee
 * above the village acts; the county org department may vet and report negative events.
 */
@Injectable()
export class ReservePoolService {
  private readonly actions: VillageCaseActions<
    ReservistSnapshot,
    typeof Dto.RESERVE_ACTION_ROUTES,
    EntryAction,
    ReserveEntryView
  >;

  constructor(
    private readonly entries: ReservistGateway,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly reservePool: ReservePoolRepository,
    private readonly cadreCases: CadreCasesRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly persons: PersonsRepository,
  ) {
    this.actions = new VillageCaseActions(
      {
        kind: 'RESERVE_ENTRY',
        collection: CASE_COLLECTIONS.RESERVE_POOL,
        idField: 'entryId',
        routes: Dto.RESERVE_ACTION_ROUTES,
        actors: RESERVE_ACTION_ACTORS,
        gateway: entries,
        shown: (snapshot) => snapshot.view !== undefined && snapshot.view !== null,
        build: (type, dto, snapshot) => this.build(type, dto, snapshot),
      },
      orgUnits,
      access,
      idempotency,
    );
  }

  /** 推: checks the recommendation, then starts the reservist's workflow with the policy that applies. */
  async recommend(
    principal: Principal,
    dto: Dto.RecommendReservistDto,
    key?: string,
  ): Promise<ReserveEntryView> {
    const { village, parent, policy, recommendedOn } = await this.acceptedRecommendation(principal, dto);
    const { call: idempotent, id: entryId } = await this.idempotency.claimCreation(principal, key, {
      endpoint: 'POST /v1/reserve-pool/entries',
      request: dto,
      namespace: 'reserve-entry',
    });
    // The person is registered first: the workflow carries their id, never the name or the ID number.
    const person = await this.persons.ensureNamed(dto.person);
    const { setAt: _source, ...pinned } = policy;
    try {
      return await this.entries.start({
        entryId,
        village,
        townshipId: parent.id,
        category: dto.category,
        channel: dto.channel,
        by: dto.by,
        recommendedOn,
        person,
        policy: pinned,
        recordedBy: recordedBy(principal),
      });
    } catch (error) {
      await idempotent?.failed(error);
      throw await disclosedToCaller(error, (id) => this.mayRead(principal, id));
    }
  }

  /**
   * What recording the recommendation would answer, recording nothing (not even the person): the pool's rules
   * and policy, the caller's authority, the store's open-entry check, or the entry it would open.
   */
  async previewRecommendation(
    principal: Principal,
    dto: Dto.RecommendReservistDto,
  ): Promise<CreationPreview<ReserveEntryView>> {
    const { village, parent, recommendedOn } = await this.acceptedRecommendation(principal, dto);
    const person = await previewPerson(this.persons, dto.person);
    const found = person.id
      ? await this.reservePool.recommendationCheck(person.id)
      : { politicalStatus: null };
    if ('refusal' in found) {
      throw await disclosedToCaller(new CaseAlreadyOpen('RESERVE_POOL', found.refusal), (id) =>
        this.mayRead(principal, id),
      );
    }
    return {
      id: null,
      workflowId: null,
      villageId: village.id,
      townshipId: parent.id,
      category: dto.category,
      status: 'ENTERING',
      entryStep: 'RECOMMENDED',
      education: null,
      politicalStatus: found.politicalStatus,
      recommendedOn,
      enteredOn: null,
      leftOn: null,
      leftCode: null,
      inspectionPost: null,
      cadreCaseId: null,
      memberCaseId: null,
      person,
    };
  }

  /** The recommendation as the pool's rules, the village's policy and the caller's authority accept it. */
  private async acceptedRecommendation(
    principal: Principal,
    dto: Dto.RecommendReservistDto,
  ): Promise<{
    village: OrgUnit;
    parent: OrgUnit;
    policy: ReservePolicy & { readonly setAt: string | null };
    recommendedOn: LocalDate;
  }> {
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
    if (violations.length > 0) throw ProblemError.fromViolations('RESERVE_POOL', violations);
    return { village, parent: parent!, policy, recommendedOn };
  }

  /** A later entry step: the body checked like its own DTO, the caller's authority over the village, the rules. */
  act(
    principal: Principal,
    entryId: string,
    path: string,
    body: unknown,
    key?: string,
    dryRun = false,
  ): Promise<ReserveEntryView> {
    return this.actions.act(principal, entryId, path, body, key, dryRun);
  }

  /** One item of a bulk decision, its body already checked against its DTO; `updateId` from the batch's key. */
  recordInBatch(
    principal: Principal,
    entryId: string,
    type: keyof typeof Dto.RESERVE_ACTION_ROUTES,
    dto: DatedActionDto,
    submission: Submission,
  ): Promise<ReserveEntryView> {
    return this.actions.recordInBatch(principal, entryId, type, dto, submission);
  }

  /** A review decision as one item of a bulk decision. */
  async decideInBatch(
    principal: Principal,
    reviewId: string,
    dto: Dto.ReviewDecisionDto,
    submission: Submission,
  ): Promise<ReserveEntryView> {
    return this.actions.submit(principal, await this.checkedDecision(principal, reviewId, dto), submission);
  }

  /** A review's decision on one reservist of the review's township; the task must still be open. */
  async decide(
    principal: Principal,
    reviewId: string,
    dto: Dto.ReviewDecisionDto,
    key?: string,
    dryRun = false,
  ): Promise<ReserveEntryView> {
    const request = {
      endpoint: 'POST /v1/reserve-pool/reviews/{id}/decisions',
      request: { reviewId, body: dto },
    };
    return this.actions.record(
      principal,
      await this.checkedDecision(principal, reviewId, dto),
      key,
      request,
      dryRun,
    );
  }

  private async checkedDecision(
    principal: Principal,
    reviewId: string,
    dto: Dto.ReviewDecisionDto,
  ): Promise<CheckedAction<ReservistSnapshot, EntryAction>> {
    const review = await this.reservePool.findReview(reviewId);
    if (!review) throw reviewNotFound(reviewId);
    const { snapshot, village } = await this.actions.actable(
      principal,
      dto.entryId,
      RESERVE_ACTION_ACTORS.DECIDE_REVIEW,
    );
    if (snapshot.view!.townshipId !== review.townshipId) {
      throw ProblemError.fromViolations('RESERVE_POOL', [
        violation(
          'ENTRY_NOT_IN_REVIEW_TOWNSHIP',
          'DOMAIN §3',
          '该后备力量不属于本次分析研判的乡镇',
          'entryId',
        ),
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
    const action = { type: 'DECIDE_REVIEW', date: dto.date as LocalDate, reviewId, outcome } as const;
    return { id: dto.entryId, snapshot, village, action };
  }

  get(principal: Principal, entryId: string): Promise<ReservistSnapshot> {
    return this.actions.get(principal, entryId);
  }

  /** The entry with its village, the caller allowed to read it. */
  readable(
    principal: Principal,
    entryId: string,
  ): Promise<{ snapshot: ReservistSnapshot; village: OrgUnit }> {
    return this.actions.readable(principal, entryId, true);
  }

  async records(principal: Principal, entryId: string): Promise<VerifiedRecords<RecordEntry>> {
    await this.actions.get(principal, entryId);
    return this.reservePool.records(entryId);
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
    const unit = await requireOrgUnit(this.orgUnits, reference, 'orgUnit', false);
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
    const unit = await requireOrgUnit(this.orgUnits, reference, 'orgUnit', false);
    if (unit.kind !== 'TOWNSHIP_COMMITTEE' && unit.kind !== 'COUNTY_COMMITTEE') {
      throw ProblemError.fromViolations('RESERVE_POOL', [
        violation('POLICY_UNIT_NOT_COUNTY_OR_TOWNSHIP', 'DOMAIN §3', '后备力量政策由县或乡镇设定'),
      ]);
    }
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', unit);
    if (refusal) this.access.refuse(principal, refusal, unit.code);
    // A field sent as null is taken from above again; one left out keeps what the unit set.
    const given = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    await this.reservePool.setPolicy(unit.id, given, principal.subject);
    return this.reservePool.effectivePolicy(unit);
  }

  /** A township committee named by id or code (422 for any other unit). */
  async township(reference: string): Promise<OrgUnit> {
    const township = await requireOrgUnit(this.orgUnits, reference, 'township', false);
    if (township.kind !== 'TOWNSHIP_COMMITTEE') {
      throw ProblemError.fromViolations('RESERVE_POOL', [
        violation('NOT_A_TOWNSHIP', 'DOMAIN §3', `${township.name}不是乡镇党委`),
      ]);
    }
    return township;
  }

  /** A township the caller manages (its committee or the county above it). */
  async managedTownship(principal: Principal, reference: string): Promise<OrgUnit> {
    const township = await this.township(reference);
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return township;
  }

  /** Whether the caller may read the entry (no refusal logged: for deciding what a conflict may name). */
  private mayRead(principal: Principal, entryId: string): Promise<boolean> {
    return this.actions.mayRead(principal, entryId);
  }

  private async requireCadreCaseOf(snapshot: ReservistSnapshot, cadreCaseId: string): Promise<void> {
    const cadreCase = await this.cadreCases.findById(cadreCaseId);
    if (!cadreCase || cadreCase.person.id !== snapshot.view!.person.id) {
      throw ProblemError.fromViolations('RESERVE_POOL', [
        violation(
          'CADRE_CASE_NOT_OF_RESERVIST',
          'DOMAIN §3',
          '使用须关联该后备力量本人的村干部招引案件',
          'cadreCaseId',
        ),
      ]);
    }
  }

  private build(
    type: keyof typeof Dto.RESERVE_ACTION_ROUTES,
    dto: DatedActionDto,
    snapshot: ReservistSnapshot,
  ): Promise<EntryAction> {
    return buildAction(Dto.RESERVE_ACTION_ROUTES, type, dto, {
      base: { date: bodyDate(dto.date, 'date') },
      snapshot,
      memberCase: (id) => this.memberCases.findById(id),
    });
  }
}
