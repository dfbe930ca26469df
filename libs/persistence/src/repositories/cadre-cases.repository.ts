import { Injectable } from '@nestjs/common';

import {
  type CadreCaseView,
  type CadreEventKind,
  type CadreEventV1,
  EVENT_SOURCES,
  type RecordCadreActionCommand,
  type RecordCadreDeadlineCommand,
  type RecordCadreNominationCommand,
  TOPICS,
  type VerifiedRecords,
  cadreEventType,
  validateCadreEventV1,
} from '@app/contracts';
import { type RuleViolation, RuleViolationError, violation } from '@app/domain';

import { type CadreCase, type Person, type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { type ChainedCaseKind, ChainedCaseStore, type EventData } from './case-store';
import { asDate, dateOnly } from './dates';
import { type WithPersonReference, personSummary } from './persons';
import { type RecordEntry } from './record-chain';

function toView(row: CadreCase & { person: Person }): CadreCaseView {
  return {
    id: row.id,
    workflowId: row.workflowId,
    programmeId: row.programmeId,
    post: row.post,
    villageId: row.villageId,
    stage: row.stage,
    status: row.status,
    outcome: row.outcome,
    nominatedOn: dateOnly(row.nominatedOn),
    person: personSummary(row.person),
  };
}

/** The person's open case in the programme, if any (one at a time). */
function openCadreCase(
  db: Prisma.TransactionClient | PrismaService,
  personId: string,
  programmeId: string,
): Promise<{ id: string } | null> {
  return db.cadreCase.findFirst({ where: { personId, programmeId, status: 'OPEN' }, select: { id: true } });
}

/** The person already has an open case in the programme; its id is for the edge to disclose or not. */
function cadreCaseAlreadyOpen(openCaseId?: string): RuleViolationError {
  return new RuleViolationError({
    ...violation('CADRE_CASE_ALREADY_OPEN', null, '该人员在此计划中已有进行中的申请'),
    ...(openCaseId ? { existingId: openCaseId } : {}),
  });
}

const CADRE_CASES: ChainedCaseKind<'caseId', CadreCase, CadreCaseView, CadreEventKind, CadreEventV1> = {
  cases: (db) => db.cadreCase,
  records: (db) => db.cadreRecord,
  recordKey: 'caseId',
  toView,
  workflowKind: 'CADRE_RECRUITMENT',
  events: {
    source: EVENT_SOURCES.cadre,
    type: cadreEventType,
    validate: validateCadreEventV1,
    topic: TOPICS.cadre,
    aggregate: 'cadre-case',
  },
  alreadyOpen: cadreCaseAlreadyOpen,
};

/** HR events name the programme pinned on the case. */
const cadreEventData =
  (programme: {
    readonly id: string;
    readonly name: string;
  }): EventData<CadreCase, CadreEventKind, CadreEventV1> =>
  (cadreCase, village, event) => ({
    caseId: cadreCase.id,
    personId: cadreCase.personId,
    programme: { id: programme.id, name: programme.name },
    post: cadreCase.post,
    village,
    stage: cadreCase.stage,
    occurredOn: event.occurredOn,
    details: event.details,
  });

/** Cadre cases: the read model, the 一人一档 record chain and the HR events, each change one transaction. */
@Injectable()
export class CadreCasesRepository {
  private readonly store: ChainedCaseStore<'caseId', CadreCase, CadreCaseView, CadreEventKind, CadreEventV1>;

  constructor(private readonly prisma: PrismaService) {
    this.store = new ChainedCaseStore(prisma, CADRE_CASES);
  }

  findById(id: string): Promise<CadreCaseView | undefined> {
    return this.store.find(id);
  }

  /** The case's records in order, with the hash chain verified: each record marked, every break named. */
  records(caseId: string): Promise<VerifiedRecords<RecordEntry>> {
    return this.store.records(caseId);
  }

  /** P1: person, case, first record and the `nominated` event; a retry returns the case already recorded. */
  /** Why the person cannot be nominated in the programme now (the check recording makes), read only. */
  async nominationRefusal(personId: string, programmeId: string): Promise<RuleViolation | undefined> {
    const open = await openCadreCase(this.prisma, personId, programmeId);
    return open ? cadreCaseAlreadyOpen(open.id).violation : undefined;
  }

  recordNomination(command: WithPersonReference<RecordCadreNominationCommand>): Promise<CadreCaseView> {
    return this.store.recordFirst({
      id: command.caseId,
      personId: command.person.personId,
      tasks: command.tasks,
      openCase: (tx, personId) => openCadreCase(tx, personId, command.programme.id),
      create: (tx, person) =>
        tx.cadreCase.create({
          data: {
            id: command.caseId,
            personId: person.id,
            workflowId: command.workflowId,
            programmeId: command.programme.id,
            post: command.post,
            villageId: command.villageId,
            channel: command.channel,
            stage: 'NOMINATED',
            nominatedOn: asDate(command.nominatedOn),
          },
          include: { person: true },
        }),
      entry: (person) => ({
        action: 'NOMINATED',
        occurredOn: command.nominatedOn,
        actingBodyId: command.villageId,
        recordedBy: command.recordedBy,
        data: {
          programme: command.programme,
          post: command.post,
          channel: command.channel,
          personId: person.id,
        },
      }),
      events: [
        {
          eventId: command.eventId,
          kind: 'nominated',
          occurredOn: command.nominatedOn,
          details: { channel: command.channel },
        },
      ],
      eventData: cadreEventData(command.programme),
    });
  }

  /** One validated action: record, read model and events; a retry with the same record id changes nothing. */
  recordAction(command: RecordCadreActionCommand): Promise<CadreCaseView> {
    return this.store.recordAction(
      command.caseId,
      command,
      (tx) =>
        tx.cadreCase.update({
          where: { id: command.caseId },
          data: { stage: command.after.stage, status: command.after.status, outcome: command.after.outcome },
          include: { person: true },
        }),
      cadreEventData(command.programme),
    );
  }

  /** A deadline of the case has passed: one `deadline-overdue` event (a retry with the same id adds none). */
  async recordDeadline(command: RecordCadreDeadlineCommand): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (await tx.outboxEvent.findUnique({ where: { id: command.eventId } })) return;
      const cadreCase = await tx.cadreCase.findUniqueOrThrow({ where: { id: command.caseId } });
      await this.store.publish(
        tx,
        cadreCase,
        [
          {
            eventId: command.eventId,
            kind: 'deadline-overdue',
            occurredOn: command.occurredOn,
            details: { deadline: command.kind, due: command.due },
          },
        ],
        cadreEventData(command.programme),
      );
    });
  }
}
