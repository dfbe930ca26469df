import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { type CadreCaseView, type VerifiedRecords } from '@app/contracts';
import {
  CADRE_ACTION_ACTORS,
  CADRE_PROGRAMMES,
  type CadreAction,
  type CadreActionType,
  type CadreProgramme,
  CaseClosed,
  CaseNotFound,
  type LocalDate,
  type OrgUnit,
  type Principal,
  cadreActionViolation,
  cadreProgramme,
  checkNomination,
  chinaLocalDate,
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
import { CadreCaseGateway } from '@app/temporal';
import { type CadreActionInput, type CadreSnapshot } from '@app/workflows';

import { bodyDate, buildAction, routedAction } from '../action-route';
import { disclosedToCaller } from '../already-open';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requireOrgUnit } from '../org-unit-reference';
import * as Dto from './cadre-case.dto';

const notFound = (id: string) => new CaseNotFound('CADRE_CASE', id);

@Injectable()
export class CadreCasesService {
  constructor(
    private readonly cases: CadreCaseGateway,
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
    const { call: idempotent, id: caseId } = await this.idempotency.claimCreation(principal, key, {
      endpoint: 'POST /v1/cadre-cases',
      request: dto,
      namespace: 'cadre-case',
    });
    // The person is registered first: the workflow carries their id, never the name or the ID number.
    const person = await this.persons.ensureNamed(dto.person);
    try {
      return await this.cases.start({
        caseId,
        programme,
        post: dto.post,
        village,
        channel: dto.channel,
        nominatedOn,
        person,
        recordedBy: recordedBy(principal),
      });
    } catch (error) {
      await idempotent?.failed(error);
      throw await disclosedToCaller(error, (id) => this.mayRead(principal, id));
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
    if (snapshot.status !== 'OPEN') throw new CaseClosed('CADRE_CASE', caseId, 'ACT', snapshot.status);
    const action = await this.build(type, dto, snapshot);
    return { ...action, actingBody: principal.orgUnit, recordedBy: recordedBy(principal) };
  }

  private async submit(
    caseId: string,
    action: CadreActionInput,
    updateId: string | undefined,
  ): Promise<CadreCaseView> {
    return this.cases.act(caseId, action, updateId);
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
    const snapshot = await this.cases.snapshot(caseId);
    if (!snapshot.state) throw notFound(caseId);
    const village = await this.orgUnits.find(snapshot.state.villageId);
    if (!village) throw notFound(caseId);
    if (enforceRead) {
      const refusal = subtreeReadViolation(principal, village);
      if (refusal) this.access.refuse(principal, refusal, `${village.code}:${caseId}`);
    }
    return { snapshot, village };
  }

  private build(
    type: CadreActionType,
    dto: Dto.DatedActionDto,
    snapshot: CadreSnapshot,
  ): Promise<CadreAction> {
    return buildAction(Dto.CADRE_ACTION_ROUTES, type, dto, {
      base: { date: bodyDate(dto.date, 'date') },
      snapshot,
      orgUnit: (reference, field) => requireOrgUnit(this.orgUnits, reference, field),
    });
  }
}
