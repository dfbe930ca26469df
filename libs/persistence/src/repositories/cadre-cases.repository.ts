import { Injectable } from '@nestjs/common';

import {
  type CadreCaseView,
  type CadreEventKind,
  EVENT_SOURCES,
  type RecordCadreActionCommand,
  type RecordCadreDeadlineCommand,
  type RecordCadreNominationCommand,
  TOPICS,
  type VerifiedRecords,
  cadreEventType,
  validateCadreEventV1,
} from '@app/contracts';
import { RuleViolationError, decodeOrgPath, violation } from '@app/domain';

import { type CadreCase, type Person, type Prisma } from '../generated/prisma/client';
import { PrismaService, isUniqueViolation } from '../prisma.service';
import { replaceOpenTasks } from './approval-tasks';
import { outboxRow } from './outbox-row';
import { asDate, dateOnly } from './dates';
import { type WithPersonReference, personSummary, referencedPerson } from './persons';
import { type ChainEntry, type RecordEntry, nextChainedRecord, verifiedChain } from './record-chain';

const cadreTaskSubject = (row: CadreCase) =>
  ({ kind: 'CADRE_RECRUITMENT', id: row.id, unitId: row.villageId }) as const;

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

/** The person already has an open case in the programme; its id is for the edge to disclose or not. */
function cadreCaseAlreadyOpen(openCaseId?: string): RuleViolationError {
  return new RuleViolationError({
    ...violation('CADRE_CASE_ALREADY_OPEN', null, '该人员在此计划中已有进行中的申请'),
    ...(openCaseId ? { existingId: openCaseId } : {}),
  });
}

/** Cadre cases: the read model, the 一人一档 record chain and the HR events, each change one transaction. */
@Injectable()
export class CadreCasesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string): Promise<CadreCaseView | undefined> {
    const row = await this.prisma.cadreCase.findUnique({ where: { id }, include: { person: true } });
    return row ? toView(row) : undefined;
  }

  /** The case's records in order, with the hash chain verified: each record marked, every break named. */
  async records(caseId: string): Promise<VerifiedRecords<RecordEntry>> {
    const rows = await this.prisma.cadreRecord.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    const exists = rows.length > 0 || (await this.prisma.cadreCase.count({ where: { id: caseId } })) > 0;
    return verifiedChain(caseId, rows, exists);
  }

  /** P1: person, case, first record and the `nominated` event; a retry returns the case already recorded. */
  async recordNomination(command: WithPersonReference<RecordCadreNominationCommand>): Promise<CadreCaseView> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const existing = await tx.cadreCase.findUnique({
          where: { id: command.caseId },
          include: { person: true },
        });
        if (existing) return toView(existing);
        const person = await referencedPerson(tx, command.person.personId);
        const open = await tx.cadreCase.findFirst({
          where: { personId: person.id, programmeId: command.programme.id, status: 'OPEN' },
          select: { id: true },
        });
        if (open) throw cadreCaseAlreadyOpen(open.id);
        const created = await tx.cadreCase.create({
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
        });
        await this.append(tx, created.id, {
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
        });
        if (command.tasks) {
          await replaceOpenTasks(tx, cadreTaskSubject(created), command.tasks, new Date());
        }
        await this.publish(tx, created, command.programme, [
          {
            eventId: command.eventId,
            kind: 'nominated',
            occurredOn: command.nominatedOn,
            details: { channel: command.channel },
          },
        ]);
        return toView(created);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A retry racing the first attempt: the case it wrote is the answer. Otherwise another case of the
      // person committed meanwhile (not named: which one is not known here).
      const written = await this.findById(command.caseId);
      if (written) return written;
      throw cadreCaseAlreadyOpen();
    }
  }

  /** One validated action: record, read model and events; a retry with the same record id changes nothing. */
  async recordAction(command: RecordCadreActionCommand): Promise<CadreCaseView> {
    return this.prisma.$transaction(async (tx) => {
      if (await tx.cadreRecord.findUnique({ where: { id: command.recordId } })) {
        return toView(
          await tx.cadreCase.findUniqueOrThrow({ where: { id: command.caseId }, include: { person: true } }),
        );
      }
      const updated = await tx.cadreCase.update({
        where: { id: command.caseId },
        data: { stage: command.after.stage, status: command.after.status, outcome: command.after.outcome },
        include: { person: true },
      });
      await this.append(tx, command.caseId, {
        id: command.recordId,
        action: command.action.type,
        occurredOn: command.action.date,
        actingBodyId: command.action.actingBodyId,
        recordedBy: command.action.recordedBy,
        data: command.action.data,
      });
      if (command.tasks) await replaceOpenTasks(tx, cadreTaskSubject(updated), command.tasks, new Date());
      await this.publish(tx, updated, command.programme, command.events);
      return toView(updated);
    });
  }

  /** A deadline of the case has passed: one `deadline-overdue` event (a retry with the same id adds none). */
  async recordDeadline(command: RecordCadreDeadlineCommand): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (await tx.outboxEvent.findUnique({ where: { id: command.eventId } })) return;
      const cadreCase = await tx.cadreCase.findUniqueOrThrow({ where: { id: command.caseId } });
      await this.publish(tx, cadreCase, command.programme, [
        {
          eventId: command.eventId,
          kind: 'deadline-overdue',
          occurredOn: command.occurredOn,
          details: { deadline: command.kind, due: command.due },
        },
      ]);
    });
  }

  private async append(tx: Prisma.TransactionClient, caseId: string, entry: ChainEntry): Promise<void> {
    const previous = await tx.cadreRecord.findFirst({ where: { caseId }, orderBy: { seq: 'desc' } });
    const record = nextChainedRecord(caseId, previous, entry);
    await tx.cadreRecord.create({ data: { ...record, caseId, data: record.data as Prisma.InputJsonObject } });
  }

  private async publish(
    tx: Prisma.TransactionClient,
    cadreCase: CadreCase,
    programme: { readonly id: string; readonly name: string },
    events: readonly {
      eventId: string;
      kind: CadreEventKind;
      occurredOn: string;
      details: Readonly<Record<string, unknown>>;
    }[],
  ): Promise<void> {
    if (events.length === 0) return;
    const village = await tx.orgUnit.findUniqueOrThrow({ where: { id: cadreCase.villageId } });
    for (const event of events) {
      await tx.outboxEvent.create({
        data: outboxRow({
          id: event.eventId,
          source: EVENT_SOURCES.cadre,
          type: cadreEventType(event.kind),
          subject: cadreCase.id,
          data: {
            caseId: cadreCase.id,
            personId: cadreCase.personId,
            programme: { id: programme.id, name: programme.name },
            post: cadreCase.post,
            village: { id: village.id, path: decodeOrgPath(village.path) },
            stage: cadreCase.stage,
            occurredOn: event.occurredOn,
            details: event.details,
          },
          validate: validateCadreEventV1,
          topic: TOPICS.cadre,
          aggregate: { type: 'cadre-case', id: cadreCase.id },
        }),
      });
    }
  }
}
