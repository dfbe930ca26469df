import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import {
  EVENT_SOURCES,
  type OpenReserveReviewCommand,
  type RecordReserveActionCommand,
  type RecordReserveRecommendationCommand,
  type ReserveEntryView,
  type ReserveReviewEventKind,
  type ReserveReviewView,
  type ReservistEventKind,
  type ReservistEventV1,
  TOPICS,
  type VerifiedRecords,
  reservePoolEventType,
  validateReserveReviewEventV1,
  validateReservistEventV1,
} from '@app/contracts';
import {
  DEFAULT_RESERVE_POLICY,
  IN_POOL_RESERVIST_STATUSES,
  OPEN_RESERVIST_STATUSES,
  VILLAGE_ORG_KINDS,
  type OrgUnit,
  type ReservePolicy,
  type RuleViolation,
  RuleViolationError,
  capacityShortfalls,
  decodeOrgPath,
  encodeOrgPath,
  reviewDueDate,
  reviewPeriodOf,
  type LocalDate,
  violation,
} from '@app/domain';

import {
  type OrgUnit as OrgUnitRow,
  type Person,
  type Prisma,
  type ReserveEntry,
  type ReserveReview,
} from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { closeReviewTasks, openReviewTasks } from './approval-tasks';
import { type ChainedCaseKind, ChainedCaseStore, type EventData, recordOnce } from './case-store';
import { outboxRow } from './outbox-row';
import { asDate, dateOnly } from './dates';
import { OPEN_RESERVE_STATUSES } from './org-admin.repository';
import { type WithPersonReference } from './persons';
import { toOrgUnit } from './org-units.repository';
import { type RecordEntry } from './record-chain';
import { optionalDate, toEntryView } from './reserve-entry-view';

const OPEN_STATUSES: readonly string[] = OPEN_RESERVIST_STATUSES;
const IN_POOL_STATUSES: string[] = [...IN_POOL_RESERVIST_STATUSES];
const VILLAGE_KINDS = [...VILLAGE_ORG_KINDS];

export interface ReviewTaskView {
  readonly entryId: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly decidedOn: string | null;
  readonly entry: ReserveEntryView;
}

/** The fields a unit set itself: a null one (as a body may send it) applies from above. */
function ownPolicyFields(fields: object): Partial<ReservePolicy> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}

/** The person's entry in the pool or entering it, if any (one at a time). */
function openReserveEntry(
  db: Prisma.TransactionClient | PrismaService,
  personId: string,
): Promise<{ id: string } | null> {
  return db.reserveEntry.findFirst({
    where: { personId, status: { in: [...OPEN_RESERVE_STATUSES] } },
    select: { id: true },
  });
}

/** The person is in the pool or entering it already; the entry's id is for the edge to disclose or not. */
function reserveEntryAlreadyOpen(openEntryId?: string): RuleViolationError {
  return new RuleViolationError({
    ...violation('RESERVE_ENTRY_ALREADY_OPEN', 'DOMAIN §3', '该人员已在后备库中或正在入库'),
    ...(openEntryId ? { existingId: openEntryId } : {}),
  });
}

const RESERVE_ENTRIES: ChainedCaseKind<
  'entryId',
  ReserveEntry,
  ReserveEntryView,
  ReservistEventKind,
  ReservistEventV1
> = {
  cases: (db) => db.reserveEntry,
  records: (db) => db.reserveRecord,
  recordKey: 'entryId',
  toView: toEntryView,
  workflowKind: 'RESERVE_POOL',
  events: {
    source: EVENT_SOURCES.reservePool,
    type: reservePoolEventType,
    validate: validateReservistEventV1,
    topic: TOPICS.reservePool,
    aggregate: 'reserve-entry',
  },
  // One action of an entry at a time: a retry racing its first attempt waits, then sees the record.
  lock: (tx, id) => tx.$executeRaw`SELECT 1 FROM reserve_entry WHERE id = ${id}::uuid FOR UPDATE`,
  alreadyOpen: reserveEntryAlreadyOpen,
};

const entryEventData: EventData<ReserveEntry, ReservistEventKind, ReservistEventV1> = (
  entry,
  village,
  event,
) => ({
  entryId: entry.id,
  personId: entry.personId,
  village,
  category: entry.category,
  status: entry.status,
  occurredOn: event.occurredOn,
  details: event.details,
});

/** Which political status a reservist enters with: the person's party membership, if any. */
function politicalStatusOf(membership: { readonly status: string } | null): string | null {
  if (!membership) return null;
  return membership.status === 'FULL_MEMBER' ? 'FULL_MEMBER' : 'PROBATIONARY_MEMBER';
}

/** `review-opened` with its counts, and one `capacity-shortfall` per village short of reservists. */
function reviewOpenedEvents(
  dueOn: LocalDate,
  tasks: number,
  villages: readonly OrgUnitRow[],
  shortfalls: ReturnType<typeof capacityShortfalls>,
): { kind: ReserveReviewEventKind; details: Record<string, unknown> }[] {
  const villagePaths = new Map(villages.map((village) => [village.id, village.path]));
  return [
    {
      kind: 'review-opened',
      details: { dueOn, tasks, villages: villages.length, shortfalls: shortfalls.length },
    },
    ...shortfalls.map((shortfall) => ({
      kind: 'capacity-shortfall' as const,
      details: {
        village: { id: shortfall.villageId, path: decodeOrgPath(villagePaths.get(shortfall.villageId)!) },
        required: shortfall.required,
        active: shortfall.active,
        shortfall: shortfall.shortfall,
      },
    })),
  ];
}

/**
 * The reserve pool: entries with their 一人一档 chain and events, the townships' half-year reviews with their
 * tasks and capacity shortfalls, and the local policies. Every change is one transaction with its events.
 */
@Injectable()
export class ReservePoolRepository {
  private readonly entries: ChainedCaseStore<
    'entryId',
    ReserveEntry,
    ReserveEntryView,
    ReservistEventKind,
    ReservistEventV1
  >;

  constructor(private readonly prisma: PrismaService) {
    this.entries = new ChainedCaseStore(prisma, RESERVE_ENTRIES);
  }

  findEntry(id: string): Promise<ReserveEntryView | undefined> {
    return this.entries.find(id);
  }

  /** The entry's records in order, with the hash chain verified: each record marked, every break named. */
  records(entryId: string): Promise<VerifiedRecords<RecordEntry>> {
    return this.entries.records(entryId);
  }

  /**
   * What recording a recommendation of the person would find (read only): why it cannot be (an entry already in
   * the pool), or the political status the entry would carry.
   */
  async recommendationCheck(
    personId: string,
  ): Promise<{ refusal: RuleViolation } | { politicalStatus: string | null }> {
    const open = await openReserveEntry(this.prisma, personId);
    if (open) return { refusal: reserveEntryAlreadyOpen(open.id).violation };
    const membership = await this.prisma.partyMembership.findUnique({ where: { personId } });
    return { politicalStatus: politicalStatusOf(membership) };
  }

  /** 推: person, entry, first record and the `recommended` event; a retry returns the entry already recorded. */
  recordRecommendation(
    command: WithPersonReference<RecordReserveRecommendationCommand>,
  ): Promise<ReserveEntryView> {
    return this.entries.recordFirst({
      id: command.entryId,
      personId: command.person.personId,
      tasks: command.tasks,
      openCase: (tx, personId) => openReserveEntry(tx, personId),
      create: async (tx, person) => {
        const membership = await tx.partyMembership.findUnique({ where: { personId: person.id } });
        return tx.reserveEntry.create({
          data: {
            id: command.entryId,
            personId: person.id,
            workflowId: command.workflowId,
            villageId: command.villageId,
            townshipId: command.townshipId,
            category: command.category,
            status: 'ENTERING',
            entryStep: 'RECOMMENDED',
            politicalStatus: politicalStatusOf(membership),
            recommendedOn: asDate(command.recommendedOn),
          },
          include: { person: true },
        });
      },
      entry: (person) => ({
        action: 'RECOMMEND',
        occurredOn: command.recommendedOn,
        actingBodyId: command.villageId,
        recordedBy: command.recordedBy,
        data: {
          category: command.category,
          channel: command.channel,
          by: command.by,
          personId: person.id,
          policy: { ...command.policy },
        },
      }),
      events: [
        {
          eventId: command.eventId,
          kind: 'recommended',
          occurredOn: command.recommendedOn,
          details: { channel: command.channel },
        },
      ],
      eventData: entryEventData,
    });
  }

  /**
   * One validated action: record, read model, the review task it decides (which must still be open), lapsed
   * tasks when the entry leaves the pool, and the events. A retry with the same record id changes nothing.
   */
  recordAction(command: RecordReserveActionCommand): Promise<ReserveEntryView> {
    return this.entries.recordAction(
      command.entryId,
      command,
      (tx) => this.changeEntry(tx, command),
      entryEventData,
    );
  }

  /** The read model after an action, the review task it decides and the tasks it lapses. */
  private async changeEntry(
    tx: Prisma.TransactionClient,
    command: RecordReserveActionCommand,
  ): Promise<ReserveEntry & { person: Person }> {
    const { after } = command;
    if (command.review) {
      const decided = await tx.reserveReviewTask.updateMany({
        where: { reviewId: command.review.id, entryId: command.entryId, status: 'OPEN' },
        data: {
          status: 'DECIDED',
          outcome: command.review.outcome,
          decidedOn: asDate(command.action.date),
        },
      });
      if (decided.count === 0) {
        throw new RuleViolationError(
          violation(
            'REVIEW_TASK_NOT_OPEN',
            'DOMAIN §3',
            '本次分析研判没有待研判的该人员（已研判、已结束或不在本次研判中）',
          ),
        );
      }
      await closeReviewTasks(tx, { entryId: command.entryId, reviewId: command.review.id });
    }
    const updated = await tx.reserveEntry.update({
      where: { id: command.entryId },
      data: {
        status: after.status,
        entryStep: after.entryStep,
        education: after.education,
        politicalStatus: after.politicalStatus,
        enteredOn: after.enteredOn ? asDate(after.enteredOn) : null,
        leftOn: after.left ? asDate(after.left.on) : null,
        leftCode: after.left?.code ?? null,
        inspectionPost: after.inspectionPost,
        cadreCaseId: after.cadreCaseId,
        memberCaseId: after.memberCaseId,
      },
      include: { person: true },
    });
    if (!OPEN_STATUSES.includes(after.status)) {
      await tx.reserveReviewTask.updateMany({
        where: { entryId: command.entryId, status: 'OPEN' },
        data: { status: 'LAPSED' },
      });
      await closeReviewTasks(tx, { entryId: command.entryId });
    }
    return updated;
  }

  /**
   * Opens the township's review for the half year of `openedOn`: a task for every entry in the pool, the
   * villages short of reservists under the township's policy, `review-opened` and one `capacity-shortfall`
   * per such village. A second call for the same half year returns the review already opened.
   */
  async openReview(
    command: OpenReserveReviewCommand,
  ): Promise<{ review: ReserveReviewView; opened: boolean }> {
    const period = reviewPeriodOf(command.openedOn as LocalDate);
    return recordOnce(
      this.prisma,
      async (tx) => {
        const existing = await tx.reserveReview.findUnique({
          where: { townshipId_period: { townshipId: command.townshipId, period: period.id } },
        });
        if (existing) return { review: await this.reviewView(tx, existing), opened: false };
        const township = await tx.orgUnit.findUniqueOrThrow({ where: { id: command.townshipId } });
        const policy = await this.policyFor(tx, township);
        const villages = await tx.orgUnit.findMany({
          where: { parentId: township.id, kind: { in: [...VILLAGE_KINDS] } },
          orderBy: { code: 'asc' },
        });
        const entries = await tx.reserveEntry.findMany({
          where: { townshipId: township.id, status: { in: IN_POOL_STATUSES } },
          select: { id: true, villageId: true },
          orderBy: { id: 'asc' },
        });
        const shortfalls = capacityShortfalls(
          villages.map((village) => ({
            id: village.id,
            posts: policy.postsPerVillage,
            activeReservists: entries.filter((entry) => entry.villageId === village.id).length,
          })),
          policy,
        );
        const dueOn = reviewDueDate(command.openedOn as LocalDate, policy);
        const review = await tx.reserveReview.create({
          data: {
            id: command.reviewId,
            townshipId: township.id,
            period: period.id,
            workflowId: command.workflowId,
            openedOn: asDate(command.openedOn),
            dueOn: asDate(dueOn),
            shortfalls: shortfalls.map((shortfall) => ({ ...shortfall })),
          },
        });
        await tx.reserveReviewTask.createMany({
          data: entries.map((entry) => ({ reviewId: review.id, entryId: entry.id, status: 'OPEN' })),
        });
        await openReviewTasks(
          tx,
          review,
          township,
          entries.map((entry) => entry.id),
        );
        await this.publishReviewEvents(
          tx,
          review,
          township,
          reviewOpenedEvents(dueOn, entries.length, villages, shortfalls),
        );
        return { review: await this.reviewView(tx, review), opened: true };
      },
      // Two runs raced to open the same half year: the loser returns the winner's review.
      async () => {
        const review = await this.prisma.reserveReview.findUniqueOrThrow({
          where: { townshipId_period: { townshipId: command.townshipId, period: period.id } },
        });
        return { review: await this.reviewView(this.prisma, review), opened: false };
      },
    );
  }

  /** Closes a review on its due day: undecided tasks become OVERDUE; `review-closed` with the counts. */
  async closeReview(reviewId: string, closedOn: string): Promise<ReserveReviewView> {
    return this.prisma.$transaction(async (tx) => {
      const review = await tx.reserveReview.findUniqueOrThrow({ where: { id: reviewId } });
      if (review.status === 'CLOSED') return this.reviewView(tx, review);
      await tx.reserveReviewTask.updateMany({
        where: { reviewId, status: 'OPEN' },
        data: { status: 'OVERDUE' },
      });
      // Undecided ones can no longer be decided in this review: out of the backlog.
      await closeReviewTasks(tx, { reviewId });
      const closed = await tx.reserveReview.update({
        where: { id: reviewId },
        data: { status: 'CLOSED', closedOn: asDate(closedOn) },
      });
      const view = await this.reviewView(tx, closed);
      const township = await tx.orgUnit.findUniqueOrThrow({ where: { id: review.townshipId } });
      await this.publishReviewEvents(
        tx,
        closed,
        township,
        [{ kind: 'review-closed', details: { ...view.tasks } }],
        closedOn,
      );
      return view;
    });
  }

  async findReview(id: string): Promise<ReserveReviewView | undefined> {
    const review = await this.prisma.reserveReview.findUnique({ where: { id } });
    return review ? this.reviewView(this.prisma, review) : undefined;
  }

  async listReviews(townshipId: string): Promise<ReserveReviewView[]> {
    const reviews = await this.prisma.reserveReview.findMany({
      where: { townshipId },
      orderBy: { openedOn: 'desc' },
      take: 20,
    });
    return Promise.all(reviews.map((review) => this.reviewView(this.prisma, review)));
  }

  async reviewTasks(reviewId: string): Promise<ReviewTaskView[]> {
    const tasks = await this.prisma.reserveReviewTask.findMany({
      where: { reviewId },
      include: { entry: { include: { person: true } } },
      orderBy: { entryId: 'asc' },
    });
    return tasks.map((task) => ({
      entryId: task.entryId,
      status: task.status,
      outcome: task.outcome,
      decidedOn: optionalDate(task.decidedOn),
      entry: toEntryView(task.entry),
    }));
  }

  /**
   * Where a person from a unit at or under a village joins the reserve: the village party organisation directly
   * under a township, that township, and the policy in force there; null when the unit is under no township.
   */
  async referralTarget(
    unitId: string,
    personId: string,
  ): Promise<{
    village: OrgUnit;
    townshipId: string;
    policy: ReservePolicy;
    openEntryId: string | null;
  } | null> {
    const unit = await this.prisma.orgUnit.findUniqueOrThrow({ where: { id: unitId } });
    const ids = decodeOrgPath(unit.path);
    const rows = await this.prisma.orgUnit.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const village = ids
      .map((id) => byId.get(id)!)
      .find(
        (row) =>
          VILLAGE_ORG_KINDS.has(row.kind) &&
          !!row.parentId &&
          byId.get(row.parentId)?.kind === 'TOWNSHIP_COMMITTEE',
      );
    if (!village) return null;
    const { setAt: _source, ...policy } = await this.policyFor(this.prisma, village);
    const open = await this.prisma.reserveEntry.findFirst({
      where: { personId, status: { in: [...OPEN_STATUSES] } },
      select: { id: true },
    });
    return {
      village: toOrgUnit(village),
      townshipId: village.parentId!,
      policy,
      openEntryId: open?.id ?? null,
    };
  }

  /** The policy that applies at an org unit: the nearest one set on it or above it, else the default. */
  effectivePolicy(unit: OrgUnit): Promise<ReservePolicy & { readonly setAt: string | null }> {
    return this.policyFor(this.prisma, { path: encodeOrgPath(unit.path) });
  }

  /**
   * Sets some fields of a unit's policy; the rest keep applying from above (or the default). A field given as
   * null is no longer the unit's own: it applies from above again.
   */
  async setPolicy(
    orgUnitId: string,
    fields: { readonly [Field in keyof ReservePolicy]?: ReservePolicy[Field] | null },
    updatedBy: string | null,
  ): Promise<void> {
    const existing = await this.prisma.reservePolicy.findUnique({ where: { orgUnitId } });
    const value = ownPolicyFields({
      ...(existing?.policy as Partial<ReservePolicy> | undefined),
      ...fields,
    }) as Prisma.InputJsonObject;
    await this.prisma.reservePolicy.upsert({
      where: { orgUnitId },
      create: { orgUnitId, policy: value, updatedBy },
      update: { policy: value, updatedBy },
    });
  }

  private async policyFor(
    tx: Prisma.TransactionClient,
    unit: Pick<OrgUnitRow, 'path'>,
  ): Promise<ReservePolicy & { readonly setAt: string | null }> {
    const ids = decodeOrgPath(unit.path);
    const rows = await tx.reservePolicy.findMany({ where: { orgUnitId: { in: ids } } });
    // Root first, so a field set lower down (the township) wins over the same field set higher up (the county).
    rows.sort((a, b) => ids.indexOf(a.orgUnitId) - ids.indexOf(b.orgUnitId));
    return rows.reduce<ReservePolicy & { readonly setAt: string | null }>(
      (policy, row) => ({ ...policy, ...ownPolicyFields(row.policy as object), setAt: row.orgUnitId }),
      { ...DEFAULT_RESERVE_POLICY, setAt: null },
    );
  }

  private async reviewView(tx: Prisma.TransactionClient, review: ReserveReview): Promise<ReserveReviewView> {
    const counts = await tx.reserveReviewTask.groupBy({
      by: ['status'],
      where: { reviewId: review.id },
      _count: { _all: true },
    });
    const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
    return {
      id: review.id,
      townshipId: review.townshipId,
      period: review.period,
      openedOn: dateOnly(review.openedOn),
      dueOn: dateOnly(review.dueOn),
      status: review.status,
      closedOn: optionalDate(review.closedOn),
      shortfalls: review.shortfalls as unknown as ReserveReviewView['shortfalls'],
      tasks: {
        open: count('OPEN'),
        decided: count('DECIDED'),
        lapsed: count('LAPSED'),
        overdue: count('OVERDUE'),
      },
    };
  }

  private async publishReviewEvents(
    tx: Prisma.TransactionClient,
    review: ReserveReview,
    township: OrgUnitRow,
    events: readonly { kind: ReserveReviewEventKind; details: Readonly<Record<string, unknown>> }[],
    occurredOn: string = dateOnly(review.openedOn),
  ): Promise<void> {
    for (const event of events) {
      await tx.outboxEvent.create({
        data: outboxRow({
          id: randomUUID(),
          source: EVENT_SOURCES.reservePool,
          type: reservePoolEventType(event.kind),
          subject: review.id,
          data: {
            reviewId: review.id,
            township: { id: township.id, path: decodeOrgPath(township.path) },
            period: review.period,
            occurredOn,
            details: event.details,
          },
          validate: validateReserveReviewEventV1,
          topic: TOPICS.reservePool,
          aggregate: { type: 'reserve-review', id: review.id },
        }),
      });
    }
  }
}
