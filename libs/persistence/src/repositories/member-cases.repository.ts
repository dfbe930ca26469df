import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import {
  APPLICATION_RECEIVED_V1,
  type ApplicantFacts,
  EVENT_SOURCES,
  type MemberCaseEventKind,
  type MemberCaseView,
  type RecordApplicationFields,
  type RecordDeadlineSignalCommand,
  type RecordMemberActionCommand,
  TOPICS,
  type VerifiedRecords,
  memberCaseEventType,
  validateApplicationReceivedV1,
  validateMemberCaseEventV1,
} from '@app/contracts';
import {
  MEMBER_STEP,
  type RuleViolation,
  RuleViolationError,
  decodeOrgPath,
  importedMark,
  violation,
} from '@app/domain';

import { type ChainRecord } from '../chain-verification';
import { dossierRecordHash } from '../dossier-hash';
import { replaceOpenTasks } from './approval-tasks';
import { recordOnce } from './case-store';
import { verifiedRecords } from './record-chain';

const memberTaskSubject = (memberCase: { id: string; branchId: string; ruleSet: string }) =>
  ({
    kind: 'MEMBER_DEVELOPMENT',
    id: memberCase.id,
    unitId: memberCase.branchId,
    ruleSet: memberCase.ruleSet,
  }) as const;
import {
  type DossierRecord,
  type MemberCase,
  type OrgUnit as OrgUnitRow,
  type Person,
  type Prisma,
} from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { asDate, dateOnly } from './dates';
import { outboxRow } from './outbox-row';
import { maskNationalId, referencedPerson } from './persons';

/** Step 1 as the repository records it: the applicant resolved to their person row (see PersonsRepository). */
export type ResolvedApplication = RecordApplicationFields & { readonly personId: string };

/** One record of the 全程纪实 as stored: a record of the chain with its step, data and evidence. */
export interface DossierEntry extends ChainRecord {
  readonly data: Readonly<Record<string, unknown>>;
  readonly evidence: readonly string[];
}

/** A stored dossier record, its fields as they were hashed. */
export function dossierEntry(row: DossierRecord): DossierEntry {
  return {
    id: row.id,
    seq: row.seq,
    step: row.step,
    action: row.action,
    occurredOn: dateOnly(row.occurredOn),
    recordedAt: row.recordedAt.toISOString(),
    actorId: row.actorId,
    actingBodyId: row.actingBodyId,
    data: row.data as Record<string, unknown>,
    evidence: row.evidence as string[],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

function toView(row: MemberCase & { person: Person }): MemberCaseView {
  return {
    id: row.id,
    workflowId: row.workflowId,
    ruleSet: row.ruleSet as MemberCaseView['ruleSet'],
    stage: row.stage,
    currentStep: row.currentStep,
    status: row.status,
    applicationDate: dateOnly(row.applicationDate),
    branchId: row.branchId,
    applicant: {
      personId: row.person.id,
      name: row.person.name,
      nationalIdMasked: maskNationalId(row.person.nationalIdMask),
      gender: row.person.gender,
      birthDate: dateOnly(row.person.birthDate),
    },
    createdAt: row.createdAt.toISOString(),
  };
}

/** Step 1's first dossier record (the chain's head) and its `application-received` event. */
async function recordSubmission(
  tx: Prisma.TransactionClient,
  {
    command,
    memberCase,
    person,
    branch,
    recordedAt,
  }: {
    command: ResolvedApplication;
    memberCase: MemberCase;
    person: Person;
    branch: OrgUnitRow;
    recordedAt: Date;
  },
): Promise<void> {
  const record = {
    caseId: memberCase.id,
    seq: 1,
    step: MEMBER_STEP.APPLICATION_SUBMITTED,
    action: 'application-submitted',
    occurredOn: command.applicationDate,
    recordedAt: recordedAt.toISOString(),
    actorId: command.recordedBy?.subject ?? null,
    actingBodyId: branch.id,
    data: {
      applicantName: person.name,
      ruleSet: command.ruleSet,
      personId: person.id,
      ...(command.recordedBy ? { recordedBy: { ...command.recordedBy } } : {}),
      ...(command.imported ? { imported: importedMark(command.imported) } : {}),
    },
    evidence: [] as string[],
    prevHash: null,
  };
  await tx.dossierRecord.create({
    data: {
      ...record,
      id: randomUUID(),
      occurredOn: asDate(record.occurredOn),
      recordedAt,
      hash: dossierRecordHash(record),
    },
  });

  const received = outboxRow({
    id: command.eventId,
    source: EVENT_SOURCES.memberDevelopment,
    type: APPLICATION_RECEIVED_V1,
    subject: memberCase.id,
    time: recordedAt,
    data: {
      caseId: memberCase.id,
      personId: person.id,
      stage: 'APPLICANT',
      step: 1,
      ruleSet: command.ruleSet,
      applicationDate: command.applicationDate,
      branch: { id: branch.id, path: decodeOrgPath(branch.path) },
      applicant: applicantFacts(person),
    },
    validate: validateApplicationReceivedV1,
    topic: TOPICS.memberDevelopment,
    aggregate: { type: 'member-case', id: memberCase.id },
  });
  await tx.outboxEvent.create({ data: received });
}

@Injectable()
export class MemberCasesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string): Promise<MemberCaseView | undefined> {
    const row = await this.prisma.memberCase.findUnique({ where: { id }, include: { person: true } });
    return row ? toView(row) : undefined;
  }

  /**
   * The case's 全程纪实 in order, each record marked verified or not, with every break of the hash chain:
   * which record and how (content changed, hash rewritten, link broken, record missing).
   */
  /** Why the person cannot open a member case now (the check recording step 1 makes), read only. */
  applicationRefusal(personId: string, admitsProbationary = false): Promise<RuleViolation | undefined> {
    return applicationRefusal(this.prisma, personId, admitsProbationary);
  }

  async dossier(caseId: string): Promise<VerifiedRecords<DossierEntry>> {
    const rows = await this.prisma.dossierRecord.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    const caseExists = async () => (await this.prisma.memberCase.count({ where: { id: caseId } })) > 0;
    return verifiedRecords(caseId, rows.map(dossierEntry), caseExists, (entry) => entry);
  }

  /**
   * Step 1 in one transaction: person, case row, first dossier record and the outbox event.
   * Idempotent: a retry with the same case id returns the case already recorded and writes nothing.
   */
  recordApplication(command: ResolvedApplication): Promise<MemberCaseView> {
    return recordOnce(
      this.prisma,
      (tx) => recordApplicationIn(tx, command),
      (error) => this.afterConflict(command, error),
    );
  }

  /**
   * A case brought in from paper, whole, in one transaction: its application and every step of its history (a
   * crash leaves nothing half-imported). Idempotent: a retry finds the case and writes nothing.
   */
  recordImportedCase(
    application: ResolvedApplication,
    history: readonly RecordMemberActionCommand[],
  ): Promise<MemberCaseView> {
    return recordOnce(
      this.prisma,
      async (tx) => {
        const existing = await tx.memberCase.findUnique({
          where: { id: application.caseId },
          include: { person: true },
        });
        if (existing) return toView(existing);
        let view = await recordApplicationIn(tx, application);
        for (const command of history) view = await recordActionIn(tx, command);
        return view;
      },
      (error) => this.afterConflict(application, error),
      // Up to a few dozen records in one transaction: more than the default five seconds under load.
      { timeout: 60_000 },
    );
  }

  /**
   * A later step in one transaction: the next hash-chained dossier record, the case read model and one
   * outbox event per stage change. Idempotent: a retry with the same record id writes nothing more.
   * The case row is locked first, so concurrent records of one case get consecutive sequence numbers.
   */
  recordAction(command: RecordMemberActionCommand): Promise<MemberCaseView> {
    return this.prisma.$transaction((tx) => recordActionIn(tx, command));
  }

  /** A deadline warning or overdue signal for the case, as an outbox event; idempotent by event id. */
  async recordDeadlineSignal(command: RecordDeadlineSignalCommand): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (await tx.outboxEvent.findUnique({ where: { id: command.eventId }, select: { id: true } })) return;
      const memberCase = await tx.memberCase.findUniqueOrThrow({
        where: { id: command.caseId },
        include: { person: true, branch: true },
      });
      const kind: MemberCaseEventKind = command.level === 'WARNING' ? 'deadline-warning' : 'deadline-overdue';
      await tx.outboxEvent.create({
        data: memberCaseOutboxRow(
          memberCase,
          decodeOrgPath(memberCase.branch.path),
          command.eventId,
          kind,
          command.occurredOn,
          command.deadline,
          new Date(),
        ),
      });
    });
  }

  /**
   * A unique key was taken by a transaction that committed meanwhile. If it was another attempt at this
   * very case (an activity retried while the first attempt was still running), that attempt's case is the
   * answer. If it was another case of the same person, the person already has an open case. Anything
   * else is a genuine error.
   */
  private async afterConflict(command: ResolvedApplication, error: unknown): Promise<MemberCaseView> {
    const same = await this.findById(command.caseId);
    if (same) return same;
    const open = await this.prisma.memberCase.findFirst({
      where: { status: 'OPEN', personId: command.personId },
      select: { id: true },
    });
    if (open) throw alreadyOpen(open.id);
    throw error;
  }
}

/** Step 1 within `tx`: the case row, its first dossier record, its tasks and the outbox event. */
async function recordApplicationIn(
  tx: Prisma.TransactionClient,
  command: ResolvedApplication,
): Promise<MemberCaseView> {
  const existing = await tx.memberCase.findUnique({
    where: { id: command.caseId },
    include: { person: true },
  });
  if (existing) return toView(existing);

  const branch = await tx.orgUnit.findUnique({ where: { id: command.branchId } });
  if (!branch) {
    throw new RuleViolationError(violation('BRANCH_UNKNOWN', null, '受理申请的党支部不存在', 'branch'));
  }

  // Facts recorded with a new application are the newest known.
  let person = await referencedPerson(tx, command.personId);
  if (command.profile && Object.keys(command.profile).length > 0)
    person = await tx.person.update({ where: { id: person.id }, data: { ...command.profile } });
  const open = await tx.memberCase.findFirst({
    where: { personId: person.id, status: 'OPEN' },
    include: { person: true },
  });
  // Another attempt at this very case committed since the first lookup: that is the answer.
  if (open?.id === command.caseId) return toView(open);
  const refused = await applicationRefusal(tx, person.id, command.imported?.admitsProbationary ?? false);
  if (refused) throw new RuleViolationError(refused);

  const memberCase = await tx.memberCase.create({
    data: {
      id: command.caseId,
      personId: person.id,
      branchId: branch.id,
      workflowId: command.workflowId,
      ruleSet: command.ruleSet,
      stage: 'APPLICANT',
      currentStep: MEMBER_STEP.APPLICATION_SUBMITTED,
      applicationDate: asDate(command.applicationDate),
      standAsidePersonIds: [person.id],
    },
    include: { person: true },
  });

  const recordedAt = new Date();
  await recordSubmission(tx, { command, memberCase, person, branch, recordedAt });
  await replaceOpenTasks(tx, memberTaskSubject(memberCase), command.tasks, recordedAt);
  return toView(memberCase);
}

/** A later step within `tx`: the next chained dossier record, the read model, tasks, membership and events. */
async function recordActionIn(
  tx: Prisma.TransactionClient,
  command: RecordMemberActionCommand,
): Promise<MemberCaseView> {
  await tx.$queryRaw`SELECT id FROM member_case WHERE id = ${command.caseId}::uuid FOR UPDATE`;
  const existing = await tx.dossierRecord.findUnique({
    where: { id: command.recordId },
    select: { id: true },
  });
  const memberCase = await tx.memberCase.findUniqueOrThrow({
    where: { id: command.caseId },
    include: { person: true },
  });
  if (existing) return toView(memberCase);

  const previous = await tx.dossierRecord.findFirstOrThrow({
    where: { caseId: command.caseId },
    orderBy: { seq: 'desc' },
  });
  const recordedAt = new Date();
  const record = {
    caseId: command.caseId,
    seq: previous.seq + 1,
    step: command.step,
    action: command.action.type,
    occurredOn: command.action.date,
    recordedAt: recordedAt.toISOString(),
    actorId: command.action.recordedBy?.subject ?? null,
    actingBodyId: command.action.actingBodyId,
    data: {
      ...command.action.data,
      ...(command.action.recordedBy ? { recordedBy: command.action.recordedBy } : {}),
    },
    evidence: command.action.evidence,
    prevHash: previous.hash,
  };
  await tx.dossierRecord.create({
    data: {
      ...record,
      id: command.recordId,
      occurredOn: asDate(record.occurredOn),
      recordedAt,
      data: record.data as Prisma.InputJsonObject,
      evidence: [...record.evidence],
      hash: dossierRecordHash(record),
    },
  });
  const updated = await tx.memberCase.update({
    where: { id: command.caseId },
    data: {
      stage: command.after.stage,
      currentStep: Math.max(memberCase.currentStep, command.after.lastStep),
      status: command.after.status,
      branchId: command.after.branchId,
      ...(command.after.standAsidePersonIds
        ? { standAsidePersonIds: [...command.after.standAsidePersonIds] }
        : {}),
    },
    include: { person: true },
  });
  const branch = await tx.orgUnit.findUniqueOrThrow({ where: { id: command.after.branchId } });
  await updateMembership(tx, updated, command.events);
  await replaceOpenTasks(tx, memberTaskSubject(updated), command.tasks, recordedAt);
  for (const event of command.events) {
    await tx.outboxEvent.create({
      data: memberCaseOutboxRow(
        updated,
        decodeOrgPath(branch.path),
        event.eventId,
        event.kind as MemberCaseEventKind,
        event.occurredOn,
        event.details,
        recordedAt,
      ),
    });
  }
  return toView(updated);
}

/** Keeps the membership registry in step with the case: admitted, converted, cancelled, transferred. */
async function updateMembership(
  tx: Prisma.TransactionClient,
  memberCase: MemberCase,
  events: RecordMemberActionCommand['events'],
): Promise<void> {
  for (const event of events) {
    const personId = memberCase.personId;
    if (event.kind === 'probationary-admitted') {
      const standing = { branchId: memberCase.branchId, status: 'PROBATIONARY' as const, partyAgeFrom: null };
      await tx.partyMembership.upsert({
        where: { personId },
        create: { personId, ...standing },
        update: standing,
      });
    } else if (event.kind === 'converted') {
      const partyAgeFrom = asDate(String(event.details.partyAgeFrom));
      await tx.partyMembership.update({ where: { personId }, data: { status: 'FULL_MEMBER', partyAgeFrom } });
    } else if (
      event.kind === 'probationary-status-cancelled' ||
      event.kind === 'not-recognised' ||
      event.kind === 'withdrawn'
    ) {
      await tx.partyMembership.deleteMany({ where: { personId } });
    } else if (event.kind === 'transferred') {
      await tx.partyMembership.updateMany({ where: { personId }, data: { branchId: memberCase.branchId } });
    }
  }
}

function applicantFacts(person: Person): ApplicantFacts {
  return {
    gender: person.gender,
    birthDate: dateOnly(person.birthDate),
    ...(person.education ? { education: person.education as ApplicantFacts['education'] } : {}),
    ...(person.occupation ? { occupation: person.occupation as ApplicantFacts['occupation'] } : {}),
    ...(person.frontLine !== null ? { frontLine: person.frontLine } : {}),
    ...(person.newSector !== null ? { newSector: person.newSector } : {}),
    ...(person.ethnicMinority !== null ? { ethnicMinority: person.ethnicMinority } : {}),
  };
}

function memberCaseOutboxRow(
  memberCase: MemberCase & { person: Person },
  branchPath: string[],
  eventId: string,
  kind: MemberCaseEventKind,
  occurredOn: string,
  details: Readonly<Record<string, unknown>>,
  time: Date,
): Prisma.OutboxEventCreateInput {
  return outboxRow({
    id: eventId,
    source: EVENT_SOURCES.memberDevelopment,
    type: memberCaseEventType(kind),
    subject: memberCase.id,
    time,
    data: {
      caseId: memberCase.id,
      personId: memberCase.personId,
      ruleSet: memberCase.ruleSet as MemberCaseView['ruleSet'],
      stage: memberCase.stage,
      step: memberCase.currentStep,
      occurredOn,
      branch: { id: memberCase.branchId, path: branchPath },
      applicant: applicantFacts(memberCase.person),
      details,
    },
    validate: validateMemberCaseEventV1,
    topic: TOPICS.memberDevelopment,
    aggregate: { type: 'member-case', id: memberCase.id },
  });
}

/** Standings that make a person a party member already. */
const MEMBER_STATUSES: readonly string[] = ['FULL_MEMBER', 'PROBATIONARY'];

/** The applicant has an open case; its id is for the edge to disclose only to who may read it, not in the text. */
/**
 * Why the person cannot open a member case now, as recording step 1 checks it: an open case of theirs (named), or
 * a membership (a full or probationary member cannot apply again; withdrawing such a case would touch the
 * membership). A paper case whose history admits them may find the roster listing them as 预备党员 already:
 * that membership is the case's own (`admitsProbationary`).
 */
async function applicationRefusal(
  db: Prisma.TransactionClient | PrismaService,
  personId: string,
  admitsProbationary: boolean,
): Promise<RuleViolation | undefined> {
  const open = await db.memberCase.findFirst({ where: { personId, status: 'OPEN' }, select: { id: true } });
  if (open) return alreadyOpen(open.id).violation;
  const membership = await db.partyMembership.findUnique({ where: { personId }, select: { status: true } });
  if (!membership || !MEMBER_STATUSES.includes(membership.status)) return undefined;
  if (admitsProbationary && membership.status === 'PROBATIONARY') return undefined;
  return violation('ALREADY_A_PARTY_MEMBER', '党章 第一条', '该人员已是中共党员（正式或预备），不能申请入党');
}

function alreadyOpen(openCaseId: string): RuleViolationError {
  return new RuleViolationError({
    ...violation('MEMBER_CASE_ALREADY_OPEN', null, '该申请人已有进行中的发展党员案件'),
    existingId: openCaseId,
  });
}
