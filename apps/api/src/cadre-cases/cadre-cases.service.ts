import { Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';

import { AccessService } from '@app/auth';
import { Clock, ProblemError, TemporalConfig } from '@app/config';
import { type CadreCaseView, type VerifiedRecords } from '@app/contracts';
import {
  CADRE_ACTION_ACTORS,
  CADRE_PROGRAMMES,
  type CadreAction,
  type CadreActionType,
  type CadreProgramme,
  type LocalDate,
  type OrgUnit,
  type Principal,
  cadreActionViolation,
  cadreProgramme,
  checkNomination,
  chinaLocalDate,
  parseNationalId,
  recordedBy,
  subtreeReadViolation,
  violation,
} from '@app/domain';
import {
  CadreCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  type RecordEntry,
} from '@app/persistence';
import { cadreCaseWorkflowId } from '@app/temporal';
import {
  type CadreActionInput,
  type CadreSnapshot,
  cadreNominationRecordedUpdate,
  cadreRecruitmentWorkflow,
  cadreStateQuery,
  recordCadreActionUpdate,
} from '@app/workflows';
import { ruleViolationsFrom } from '@app/workflows/shared/rule-violation-failure';

import { routedAction } from '../action-route';
import { alreadyOpenProblem } from '../already-open';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requireOrgUnit } from '../org-unit-reference';
import { recordingProblem } from '../recording-problem';
import * as Dto from './cadre-case.dto';

const notFound = (id: string) =>
  new ProblemError(404, 'CADRE_CASE_NOT_FOUND', '案件不存在', `no cadre case ${id}`);

@Injectable()
export class CadreCasesService {
  constructor(
    private readonly temporal: Client,
    private readonly temporalConfig: TemporalConfig,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly cadreCases: CadreCasesRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly persons: PersonsRepository,
  ) {}

  programmes(): readonly CadreProgramme[] {
    return CADRE_PROGRAMMES;
  }

  /** P1: checks everything the nomination itself shows, then starts the case's workflow. */
  async nominate(principal: Principal, dto: Dto.NominateCadreDto, key?: string): Promise<CadreCaseView> {
    const programme = cadreProgramme(dto.programme);
    if (!programme) {
      throw ProblemError.fromViolations('CADRE_RECRUITMENT', [
        violation('PROGRAMME_UNKNOWN', null, `没有名为${dto.programme}的计划`),
      ]);
    }
    const village = await requireOrgUnit(this.orgUnits, dto.village, 'village');
    const today = chinaLocalDate(this.clock.now());
    const nominatedOn = (dto.nominatedOn ?? today) as LocalDate;
    const violations = checkNomination({
      programme,
      post: dto.post,
      village,
      nationalId: dto.person.nationalId,
      birthDate: dto.person.birthDate,
      nominatedOn,
      today,
    });
    if (violations.length > 0) throw ProblemError.fromViolations('CADRE_RECRUITMENT', violations);
    const refusal = cadreActionViolation(principal, 'NOMINATOR', village);
    if (refusal) this.access.refuse(principal, refusal, village.code);
    const parsed = parseNationalId(dto.person.nationalId);
    if (!parsed.ok) throw new Error('checked above');
    const idempotent = await this.idempotency.claim(principal, key, {
      endpoint: 'POST /v1/cadre-cases',
      request: dto,
      resourceId: (token) => token.id('cadre-case'),
    });
    const caseId = idempotent?.token.id('cadre-case') ?? randomUUID();
    // The person is registered first: the workflow carries their id, never the name or the ID number.
    const person = await this.persons.ensure({
      name: dto.person.name,
      nationalId: parsed.id.value,
      birthDate: parsed.id.birthDate,
      gender: parsed.id.gender,
    });
    try {
      return await this.temporal.workflow.executeUpdateWithStart(cadreNominationRecordedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(cadreRecruitmentWorkflow, {
          workflowId: cadreCaseWorkflowId(caseId),
          taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A closed case never starts again; one whose nomination could not be recorded (failed) does.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          args: [
            {
              caseId,
              programme,
              post: dto.post,
              village,
              channel: dto.channel,
              nominatedOn,
              person,
              recordedBy: recordedBy(principal),
            },
          ],
        }),
      });
    } catch (error) {
      await idempotent?.failed(error);
      const found = ruleViolationsFrom(error);
      if (found[0]?.code === 'CADRE_CASE_ALREADY_OPEN') {
        throw await alreadyOpenProblem('CADRE_RECRUITMENT', found[0], 'caseId', (id) =>
          this.mayRead(principal, id),
        );
      }
      if (found.length > 0) throw ProblemError.fromViolations('CADRE_RECRUITMENT', found);
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ProblemError(409, 'CADRE_CASE_CLOSED', '案件已结束', `case ${caseId} has ended`);
      }
      throw recordingProblem(error) ?? error;
    }
  }

  /** A later step: the body checked like its own DTO, the caller's authority over the village, then the rules. */
  async act(
    principal: Principal,
    caseId: string,
    path: string,
    body: unknown,
    key?: string,
  ): Promise<CadreCaseView> {
    const { type, dto } = await routedAction(Dto.CADRE_ACTION_ROUTES, path, body);
    const action = await this.checkedAction(principal, caseId, type, dto);
    return this.idempotency.run(
      principal,
      key,
      { endpoint: `POST /v1/cadre-cases/{id}/${path}`, request: { caseId, body }, resourceId: () => caseId },
      (token) => this.submit(caseId, action, token?.updateId(type)),
    );
  }

  /** One item of a bulk decision, its body already checked against its DTO; `updateId` from the batch's key. */
  async recordInBatch(
    principal: Principal,
    caseId: string,
    type: CadreActionType,
    dto: Dto.DatedActionDto,
    updateId: string,
  ): Promise<CadreCaseView> {
    return this.submit(caseId, await this.checkedAction(principal, caseId, type, dto), updateId);
  }

  private async checkedAction(
    principal: Principal,
    caseId: string,
    type: CadreActionType,
    dto: Dto.DatedActionDto,
  ): Promise<CadreActionInput> {
    const { snapshot, village } = await this.readable(principal, caseId, false);
    const refusal = cadreActionViolation(principal, CADRE_ACTION_ACTORS[type], village);
    if (refusal) this.access.refuse(principal, refusal, `${village.code}:${caseId}`);
    if (snapshot.status !== 'OPEN') {
      throw new ProblemError(409, 'CASE_CLOSED', '案件已办结', `case ${caseId} is ${snapshot.status}`);
    }
    const action = await this.build(type, dto, snapshot);
    return { ...action, actingBody: principal.orgUnit, recordedBy: recordedBy(principal) };
  }

  private async submit(
    caseId: string,
    action: CadreActionInput,
    updateId: string | undefined,
  ): Promise<CadreCaseView> {
    try {
      return await this.temporal.workflow
        .getHandle(cadreCaseWorkflowId(caseId))
        .executeUpdate(recordCadreActionUpdate, { args: [action], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      const found = ruleViolationsFrom(error);
      if (found.length > 0)
        throw ProblemError.fromViolations(
          'CADRE_RECRUITMENT',
          found,
          found[0]!.code === 'CASE_CLOSED' ? 409 : 422,
        );
      throw recordingProblem(error) ?? error;
    }
  }

  async get(principal: Principal, caseId: string): Promise<CadreSnapshot> {
    return (await this.readable(principal, caseId, true)).snapshot;
  }

  async records(principal: Principal, caseId: string): Promise<VerifiedRecords<RecordEntry>> {
    await this.readable(principal, caseId, true);
    return this.cadreCases.records(caseId);
  }

  /** Whether the caller may read the case (no refusal logged: for deciding what a conflict may name). */
  private async mayRead(principal: Principal, caseId: string): Promise<boolean> {
    const { village } = await this.readable(principal, caseId, false);
    return !subtreeReadViolation(principal, village);
  }

  private async readable(
    principal: Principal,
    caseId: string,
    enforceRead: boolean,
  ): Promise<{ snapshot: CadreSnapshot; village: OrgUnit }> {
    let snapshot: CadreSnapshot;
    try {
      snapshot = await this.temporal.workflow.getHandle(cadreCaseWorkflowId(caseId)).query(cadreStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound(caseId);
      throw error;
    }
    if (!snapshot.state) throw notFound(caseId);
    const village = await this.orgUnits.find(snapshot.state.villageId);
    if (!village) throw notFound(caseId);
    if (enforceRead) {
      const refusal = subtreeReadViolation(principal, village);
      if (refusal) this.access.refuse(principal, refusal, `${village.code}:${caseId}`);
    }
    return { snapshot, village };
  }

  private async build(
    type: CadreActionType,
    dto: Dto.DatedActionDto,
    snapshot: CadreSnapshot,
  ): Promise<CadreAction> {
    const date = dto.date as LocalDate;
    switch (type) {
      case 'REVIEW_QUALIFICATION': {
        const facts = dto as Dto.ReviewQualificationDto;
        const villageId = async (reference?: string) =>
          reference ? (await requireOrgUnit(this.orgUnits, reference, 'village')).id : null;
        return {
          type,
          date,
          applicant: {
            birthDate: snapshot.view!.person.birthDate,
            education: facts.education,
            politicalStatus: facts.politicalStatus,
            source: facts.source,
            householdVillageId: await villageId(facts.householdVillage),
            residenceVillageId: await villageId(facts.residenceVillage),
            negativeRecords: facts.negativeRecords.map((record) => ({
              ...record,
              date: record.date as LocalDate,
            })),
            relatives: facts.relatives.map((relative) => ({ ...relative })),
          },
          committeeMemberIds: facts.committeeMemberIds,
        };
      }
      case 'OPEN_JOINT_REVIEW':
        return { type, date };
      case 'RECORD_DEPARTMENT_OPINION': {
        const { department, result, note } = dto as Dto.DepartmentOpinionDto;
        return { type, date, department, result, note };
      }
      case 'RESOLVE_CONCERNS': {
        const { finding, affectsEligibility } = dto as Dto.ResolveConcernsDto;
        return { type, date, finding, affectsEligibility };
      }
      case 'RECORD_ASSESSMENT': {
        const { evaluation, interviewScore } = dto as Dto.AssessmentDto;
        return { type, date, evaluation: { ...evaluation }, interviewScore: interviewScore ?? null };
      }
      case 'DECIDE': {
        const { approved, committeeVote, minutesRef, countyConsultationRef } = dto as Dto.DecisionDto;
        return {
          type,
          date,
          approved,
          committeeVote: { ...committeeVote },
          minutesRef,
          ...(countyConsultationRef ? { countyConsultationRef } : {}),
        };
      }
      case 'START_NOTICE': {
        const { end, scope } = dto as Dto.StartNoticeDto;
        return { type, date, end: end as LocalDate, scope };
      }
      case 'RECORD_OBJECTION':
        return { type, date, text: (dto as Dto.ObjectionDto).text };
      case 'CLOSE_NOTICE':
        return {
          type,
          date,
          findings: (dto as Dto.CloseNoticeDto).findings.map((finding) => ({ ...finding })),
        };
      case 'APPOINT': {
        const { termEnd, documentRef } = dto as Dto.AppointDto;
        return { type, date, termEnd: termEnd as LocalDate, documentRef };
      }
      case 'RECORD_ELECTION': {
        const { mode, termEnd, votes, meetingRef } = dto as Dto.ElectionDto;
        return { type, date, mode, termEnd: termEnd as LocalDate, votes: { ...votes }, meetingRef };
      }
      case 'REVIEW_TRIAL': {
        const { outcome, extensionMonths, exitTo, reserveCategory, opinion } = dto as Dto.TrialReviewDto;
        // Asked here, not by the workflow's rules: cases exited before the rule existed must still replay.
        if (exitTo === 'RESERVE_POOL' && !reserveCategory) {
          throw ProblemError.fromViolations('CADRE_RECRUITMENT', [
            violation('RESERVE_CATEGORY_REQUIRED', 'DOMAIN §3', '转入后备库须说明后备力量类别'),
          ]);
        }
        return {
          type,
          date,
          outcome,
          opinion,
          ...(extensionMonths !== undefined ? { extensionMonths } : {}),
          ...(exitTo ? { exitTo } : {}),
          ...(reserveCategory ? { reserveCategory } : {}),
        };
      }
      case 'WITHDRAW':
        return { type, date, reason: (dto as Dto.ReasonDto).reason };
      case 'FILE_WITH_COUNTY':
        return { type, date, ref: (dto as Dto.FilingDto).ref };
    }
  }
}
