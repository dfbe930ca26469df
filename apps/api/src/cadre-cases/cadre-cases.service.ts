import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { type CadreCaseView, type VerifiedRecords } from '@app/contracts';
import {
  CADRE_ACTION_ACTORS,
  CaseAlreadyOpen,
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
  recordedBy,
  violation,
} from '@app/domain';
import {
  CadreCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  type RecordEntry,
} from '@app/persistence';
import { CadreCaseGateway } from '@app/temporal';
import { type CadreSnapshot } from '@app/workflows';

import { bodyDate, buildAction } from '../action-route';
import { CASE_COLLECTIONS } from '../backlog/task-kinds';
import { disclosedToCaller } from '../already-open';
import { type CreationPreview, previewPerson } from '../creation-preview';
import { type Submission } from '../dry-run';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requireOrgUnit } from '../org-unit-reference';
import { VillageCaseActions } from '../village-cases/village-case-actions';
import * as Dto from './cadre-case.dto';

@Injectable()
export class CadreCasesService {
  private readonly actions: VillageCaseActions<
    CadreSnapshot,
    typeof Dto.CADRE_ACTION_ROUTES,
    CadreAction,
    CadreCaseView
  >;

  constructor(
    private readonly cases: CadreCaseGateway,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly cadreCases: CadreCasesRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly persons: PersonsRepository,
  ) {
    this.actions = new VillageCaseActions(
      {
        kind: 'CADRE_CASE',
        collection: CASE_COLLECTIONS.CADRE_RECRUITMENT,
        idField: 'caseId',
        routes: Dto.CADRE_ACTION_ROUTES,
        actors: CADRE_ACTION_ACTORS,
        gateway: cases,
        build: (type, dto, snapshot) => this.build(type, dto, snapshot),
      },
      orgUnits,
      access,
      idempotency,
    );
  }

  programmes(): readonly CadreProgramme[] {
    return CADRE_PROGRAMMES;
  }

  /** P1: checks everything the nomination itself shows, then starts the case's workflow. */
  async nominate(principal: Principal, dto: Dto.NominateCadreDto, key?: string): Promise<CadreCaseView> {
    const { programme, village, nominatedOn } = await this.acceptedNomination(principal, dto);
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

  /**
   * What recording the nomination would answer, recording nothing (not even the person): the programme's rules,
   * the caller's authority, the open-case check of the store, or the case it would open.
   */
  async previewNomination(
    principal: Principal,
    dto: Dto.NominateCadreDto,
  ): Promise<CreationPreview<CadreCaseView>> {
    const { programme, village, nominatedOn } = await this.acceptedNomination(principal, dto);
    const person = await previewPerson(this.persons, dto.person);
    const refused = person.id ? await this.cadreCases.nominationRefusal(person.id, programme.id) : undefined;
    if (refused) {
      throw await disclosedToCaller(new CaseAlreadyOpen('CADRE_RECRUITMENT', refused), (id) =>
        this.mayRead(principal, id),
      );
    }
    return {
      id: null,
      workflowId: null,
      programmeId: programme.id,
      post: dto.post,
      villageId: village.id,
      stage: 'NOMINATED',
      status: 'OPEN',
      outcome: null,
      nominatedOn,
      person,
    };
  }

  /** The nomination as the programme's rules and the caller's authority over the village accept it. */
  private async acceptedNomination(
    principal: Principal,
    dto: Dto.NominateCadreDto,
  ): Promise<{ programme: CadreProgramme; village: OrgUnit; nominatedOn: LocalDate }> {
    const programme = cadreProgramme(dto.programme);
    if (!programme) {
      throw ProblemError.fromViolations('CADRE_RECRUITMENT', [
        violation('PROGRAMME_UNKNOWN', null, `没有名为${dto.programme}的计划`, 'programme'),
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
    return { programme, village, nominatedOn };
  }

  /** A later step: the body checked like its own DTO, the caller's authority over the village, then the rules. */
  act(
    principal: Principal,
    caseId: string,
    path: string,
    body: unknown,
    key?: string,
    dryRun = false,
  ): Promise<CadreCaseView> {
    return this.actions.act(principal, caseId, path, body, key, dryRun);
  }

  /** One item of a bulk decision, its body already checked against its DTO; `updateId` from the batch's key. */
  recordInBatch(
    principal: Principal,
    caseId: string,
    type: CadreActionType,
    dto: Dto.DatedActionDto,
    submission: Submission,
  ): Promise<CadreCaseView> {
    return this.actions.recordInBatch(principal, caseId, type, dto, submission);
  }

  get(principal: Principal, caseId: string): Promise<CadreSnapshot> {
    return this.actions.get(principal, caseId);
  }

  /** The case with its village, the caller allowed to read it. */
  readable(principal: Principal, caseId: string): Promise<{ snapshot: CadreSnapshot; village: OrgUnit }> {
    return this.actions.readable(principal, caseId, true);
  }

  async records(principal: Principal, caseId: string): Promise<VerifiedRecords<RecordEntry>> {
    await this.actions.get(principal, caseId);
    return this.cadreCases.records(caseId);
  }

  /** Whether the caller may read the case (no refusal logged: for deciding what a conflict may name). */
  private mayRead(principal: Principal, caseId: string): Promise<boolean> {
    return this.actions.mayRead(principal, caseId);
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
