import { type ValidateFunction } from 'ajv';

import {
  type CaseActionCommand,
  type CaseEventCommand,
  type CaseTasksCommand,
  type CloudEvent,
  type TopicName,
  type VerifiedRecords,
} from '@app/contracts';
import { type RuleViolationError, decodeOrgPath } from '@app/domain';

import { type Person, type Prisma } from '../generated/prisma/client';
import { type PrismaService, isUniqueViolation } from '../prisma.service';
import { replaceOpenTasks } from './approval-tasks';
import { outboxRow } from './outbox-row';
import { referencedPerson } from './persons';
import {
  type ChainEntry,
  type ChainedRow,
  type RecordEntry,
  nextChainedRecord,
  verifiedChain,
} from './record-chain';

type Db = Prisma.TransactionClient;

/**
 * One transaction writing what is recorded the first time; a unique violation means a transaction that committed
 * meanwhile took a key (a retry racing its first attempt, or another case of the same person), which
 * `afterConflict` settles. Any other error is thrown as it is.
 */
export async function recordOnce<T>(
  prisma: PrismaService,
  record: (tx: Db) => Promise<T>,
  afterConflict: (error: unknown) => Promise<T>,
  options?: { readonly timeout: number },
): Promise<T> {
  try {
    return await prisma.$transaction(record, options);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return afterConflict(error);
  }
}

/** A case held for a village (cadre case, reserve entry): its row as the store reads it. */
export interface VillageCase {
  readonly id: string;
  readonly personId: string;
  readonly villageId: string;
}

type WithPerson<Row> = Row & { readonly person: Person };
type ById = { readonly where: { readonly id: string } };

/** The calls the store makes on a kind's case table (cadre_case, reserve_entry). */
interface CaseTable<Row> {
  findUnique(args: ById & { include: { person: true } }): PromiseLike<WithPerson<Row> | null>;
  findUniqueOrThrow(args: ById & { include: { person: true } }): PromiseLike<WithPerson<Row>>;
  count(args: ById): PromiseLike<number>;
}

/** The calls the store makes on a kind's record table (cadre_record, reserve_record), column K naming the case. */
interface RecordTable<K extends string> {
  findMany(args: { where: Record<K, string>; orderBy: { seq: 'asc' } }): PromiseLike<ChainedRow[]>;
  findFirst(args: { where: Record<K, string>; orderBy: { seq: 'desc' } }): PromiseLike<ChainedRow | null>;
  findUnique(args: ById & { select: { id: true } }): PromiseLike<{ id: string } | null>;
  create(args: {
    data: Omit<ChainedRow, 'data'> & Record<K, string> & { data: Prisma.InputJsonObject };
  }): PromiseLike<unknown>;
}

/** How a kind's events go out: their CloudEvent source and type, schema, topic and aggregate type. */
export interface CaseEvents<E extends string, Data> {
  readonly source: string;
  readonly type: (kind: E) => string;
  readonly validate: ValidateFunction<CloudEvent<Data>>;
  readonly topic: TopicName;
  readonly aggregate: string;
}

/**
 * A kind of case kept with a 一人一档 hash chain (cadre cases, reserve entries): its tables, the record column
 * naming the case, its read model, where its tasks are kept and how its events go out.
 */
export interface ChainedCaseKind<K extends string, Row extends VillageCase, View, E extends string, Data> {
  readonly cases: (db: Db) => CaseTable<Row>;
  readonly records: (db: Db) => RecordTable<K>;
  readonly recordKey: K;
  readonly toView: (row: WithPerson<Row>) => View;
  readonly workflowKind: 'CADRE_RECRUITMENT' | 'RESERVE_POOL';
  readonly events: CaseEvents<E, Data>;
  /** Locks the case row before a later action, for kinds whose actions of one case must not interleave. */
  readonly lock?: (tx: Db, id: string) => PromiseLike<unknown>;
  /** The rule the first recording breaks when the person has an open case already (named when known). */
  readonly alreadyOpen: (openId?: string) => RuleViolationError;
}

/** A case's first recording: its row, its first record and its first events, each built by the kind. */
export interface FirstRecording<Row, E extends string, Data> extends CaseTasksCommand {
  readonly id: string;
  readonly personId: string;
  /** The person's case of this kind that is open already, if any. */
  readonly openCase: (tx: Db, personId: string) => PromiseLike<{ id: string } | null>;
  readonly create: (tx: Db, person: Person) => Promise<WithPerson<Row>>;
  readonly entry: (person: Person) => ChainEntry;
  readonly events: readonly CaseEventCommand<E>[];
  readonly eventData: EventData<Row, E, Data>;
}

/** The data of an event of a case, built from the case row, its village (id and path) and the event. */
export type EventData<Row, E extends string, Data> = (
  row: Row,
  village: { readonly id: string; readonly path: string[] },
  event: CaseEventCommand<E>,
) => Data;

/**
 * The read model, the 一人一档 chain, the tasks and the outbox events of one kind of village case, each change
 * one transaction: the first recording (idempotent by case id, a race with another case of the person settled
 * as the kind's rule) and later actions (idempotent by record id).
 */
export class ChainedCaseStore<K extends string, Row extends VillageCase, View, E extends string, Data> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly kind: ChainedCaseKind<K, Row, View, E, Data>,
  ) {}

  async find(id: string): Promise<View | undefined> {
    const row = await this.kind.cases(this.prisma).findUnique({ where: { id }, include: { person: true } });
    return row ? this.kind.toView(row) : undefined;
  }

  /** The case's records in order, with the hash chain verified: each record marked, every break named. */
  async records(id: string): Promise<VerifiedRecords<RecordEntry>> {
    const rows = await this.kind
      .records(this.prisma)
      .findMany({ where: this.bySubject(id), orderBy: { seq: 'asc' } });
    return verifiedChain(
      id,
      rows,
      async () => (await this.kind.cases(this.prisma).count({ where: { id } })) > 0,
    );
  }

  /** Person, case row, first record, tasks and events; a retry returns the case already recorded. */
  async recordFirst(first: FirstRecording<Row, E, Data>): Promise<View> {
    return recordOnce(
      this.prisma,
      async (tx) => {
        const existing = await this.kind
          .cases(tx)
          .findUnique({ where: { id: first.id }, include: { person: true } });
        if (existing) return this.kind.toView(existing);
        const person = await referencedPerson(tx, first.personId);
        const open = await first.openCase(tx, person.id);
        if (open) throw this.kind.alreadyOpen(open.id);
        const created = await first.create(tx, person);
        await this.append(tx, created.id, first.entry(person));
        await this.replaceTasks(tx, created, first);
        await this.publish(tx, created, first.events, first.eventData);
        return this.kind.toView(created);
      },
      // A retry racing the first attempt: the case it wrote is the answer. Otherwise another case of the person
      // committed meanwhile (not named: which one is not known here).
      async () => {
        const written = await this.find(first.id);
        if (written) return written;
        throw this.kind.alreadyOpen();
      },
    );
  }

  /**
   * One validated action: `change` updates the read model (and what else the kind keeps), then the record, the
   * tasks and the events. A retry with the same record id changes nothing.
   */
  async recordAction(
    id: string,
    command: CaseActionCommand<E, unknown, string | null>,
    change: (tx: Db) => Promise<WithPerson<Row>>,
    eventData: EventData<Row, E, Data>,
  ): Promise<View> {
    return this.prisma.$transaction(async (tx) => {
      // One action of a case at a time: a retry racing its first attempt waits here, then sees the record.
      await this.kind.lock?.(tx, id);
      if (await this.kind.records(tx).findUnique({ where: { id: command.recordId }, select: { id: true } })) {
        return this.kind.toView(
          await this.kind.cases(tx).findUniqueOrThrow({ where: { id }, include: { person: true } }),
        );
      }
      const updated = await change(tx);
      const { action } = command;
      await this.append(tx, id, {
        id: command.recordId,
        action: action.type,
        occurredOn: action.date,
        actingBodyId: action.actingBodyId,
        recordedBy: action.recordedBy,
        data: action.data,
      });
      await this.replaceTasks(tx, updated, command);
      await this.publish(tx, updated, command.events, eventData);
      return this.kind.toView(updated);
    });
  }

  /** The case's events as outbox rows, in the caller's transaction. */
  async publish(
    tx: Db,
    row: Row,
    events: readonly CaseEventCommand<E>[],
    eventData: EventData<Row, E, Data>,
  ): Promise<void> {
    if (events.length === 0) return;
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: row.villageId } });
    const village = { id: unit.id, path: decodeOrgPath(unit.path) };
    const { source, type, validate, topic, aggregate } = this.kind.events;
    for (const event of events) {
      await tx.outboxEvent.create({
        data: outboxRow({
          id: event.eventId,
          source,
          type: type(event.kind),
          subject: row.id,
          data: eventData(row, village, event),
          validate,
          topic,
          aggregate: { type: aggregate, id: row.id },
        }),
      });
    }
  }

  /** The case's open tasks after the step; histories from before the backlog carry none: left as they are. */
  private async replaceTasks(tx: Db, row: Row, command: CaseTasksCommand): Promise<void> {
    if (!command.tasks) return;
    const subject = { kind: this.kind.workflowKind, id: row.id, unitId: row.villageId };
    await replaceOpenTasks(tx, subject, command.tasks, new Date());
  }

  /** The next record of the case's chain. */
  private async append(tx: Db, id: string, entry: ChainEntry): Promise<void> {
    const table = this.kind.records(tx);
    const previous = await table.findFirst({ where: this.bySubject(id), orderBy: { seq: 'desc' } });
    const record = nextChainedRecord(id, previous, entry);
    await table.create({
      data: { ...record, ...this.bySubject(id), data: record.data as Prisma.InputJsonObject },
    });
  }

  private bySubject(id: string): Record<K, string> {
    return { [this.kind.recordKey]: id } as Record<K, string>;
  }
}
