import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import {
  type AcceptedApplication,
  CaseAlreadyOpen,
  CaseNotFound,
  CaseRulesBroken,
  MEMBER_STEP,
  type EffectiveMemberRules,
  type LocalOverlay,
  type MemberAction,
  type MemberRuleSet,
  type OrgUnit,
  type Principal,
  applyOverlays,
  assessApplication,
  chinaLocalDate,
  overlaysFor,
  recordedBy,
} from '@app/domain';
import {
  MemberCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  canonicalJson,
} from '@app/persistence';
import { MemberCaseGateway } from '@app/temporal';
import { type ApplicationRecorded, type MemberDevelopmentInput } from '@app/workflows';

import { disclosedToCaller } from '../already-open';
import { previewPerson } from '../creation-preview';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { type CreateMemberCaseDto } from './dto/create-member-case.dto';

/** A case as recording its application would open it: not recorded, so without id, workflow or time. */
export type MemberCasePreview = Omit<MemberCaseView, 'id' | 'workflowId' | 'createdAt' | 'applicant'> & {
  readonly id: null;
  readonly workflowId: null;
  readonly createdAt: null;
  /** `personId` is null for a person not registered yet (recording registers them). */
  readonly applicant: Omit<MemberCaseView['applicant'], 'personId'> & { readonly personId: string | null };
};

/**
 * What makes two requests "the same application" for Idempotency-Key purposes. The person stands in for the
 * ID number (one person per number): a hash of the number itself could be reversed by trying the few
 * thousand numbers that fit the birth date.
 */
export function applicationFingerprint(application: AcceptedApplication, personId: string): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        name: application.name,
        personId,
        applicationDate: application.applicationDate,
        branchId: application.branch.id,
      }),
    )
    .digest('hex');
}

@Injectable()
export class MemberCasesService {
  constructor(
    private readonly cases: MemberCaseGateway,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly idempotency: IdempotencyService,
    private readonly actions: MemberCaseActionsService,
    private readonly persons: PersonsRepository,
  ) {}

  /**
   * Checks step 1's rules, then starts the case's workflow and waits until the case is recorded.
   * Nothing is started or written when a rule is broken.
   */
  async submitApplication(
    principal: Principal,
    dto: CreateMemberCaseDto,
    idempotencyKey: string | undefined,
  ): Promise<MemberCaseView> {
    const application = await this.accepted(principal, dto);
    const { call: idempotent, id: caseId } = await this.idempotency.claimCreation(principal, idempotencyKey, {
      endpoint: 'POST /v1/member-cases',
      request: dto,
      namespace: 'member-case',
    });
    let recorded;
    try {
      recorded = await this.start(caseId, application, {
        ...(dto.profile ? { profile: { ...dto.profile } } : {}),
        recordedBy: recordedBy(principal),
      });
    } catch (error) {
      await idempotent?.failed(error);
      throw await disclosedToCaller(error, (id) => this.actions.mayRead(principal, id));
    }
    if (recorded.requestFingerprint !== recorded.sentFingerprint) {
      throw new ProblemError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        '幂等键已用于另一申请',
        `Idempotency-Key ${idempotencyKey ?? ''} was used for a different application`,
      );
    }
    return recorded.memberCase;
  }

  /**
   * What recording the application would answer, recording nothing (not even the person): step 1's rules, the
   * caller's authority and the checks the store makes (an open case, a membership), or the case it would open.
   * A case not recorded has no id, workflow or creation time yet: those are null.
   */
  async previewApplication(principal: Principal, dto: CreateMemberCaseDto): Promise<MemberCasePreview> {
    const application = await this.accepted(principal, dto);
    const { nationalId } = application;
    const person = await previewPerson(this.persons, {
      name: application.name,
      nationalId: nationalId.value,
    });
    const refused = person.id ? await this.memberCases.applicationRefusal(person.id) : undefined;
    if (refused) {
      // The same domain errors the gateway makes of the workflow's refusal (case-errors.ts).
      const error =
        refused.code === 'MEMBER_CASE_ALREADY_OPEN'
          ? new CaseAlreadyOpen('MEMBER_DEVELOPMENT', refused)
          : new CaseRulesBroken('MEMBER_DEVELOPMENT', [refused]);
      throw await disclosedToCaller(error, (id) => this.actions.mayRead(principal, id));
    }
    return {
      id: null,
      workflowId: null,
      ruleSet: application.ruleSet.id,
      stage: 'APPLICANT',
      currentStep: MEMBER_STEP.APPLICATION_SUBMITTED,
      status: 'OPEN',
      applicationDate: application.applicationDate,
      branchId: application.branch.id,
      applicant: {
        personId: person.id,
        name: person.name,
        nationalIdMasked: person.nationalIdMasked,
        gender: nationalId.gender,
        birthDate: person.birthDate,
      },
      createdAt: null,
    };
  }

  /** Step 1 as the rules and the caller's authority accept it (422 / 403 otherwise). */
  private async accepted(principal: Principal, dto: CreateMemberCaseDto): Promise<AcceptedApplication> {
    const today = chinaLocalDate(this.clock.now());
    const branch = await this.orgUnits.find(dto.branch);
    const assessment = assessApplication(
      {
        name: dto.name,
        nationalId: dto.nationalId,
        birthDate: dto.birthDate,
        applicationDate: dto.applicationDate ?? today,
      },
      branch,
      today,
    );
    if (!assessment.accepted) throw ProblemError.fromViolations('MEMBER_DEVELOPMENT', assessment.violations);
    const { application } = assessment;
    // The branch enters the application it received (党支部 enters the data), never for another branch.
    this.access.assertCanAct(principal, ['INDIVIDUAL'], principal.orgUnit, application.branch, null);
    return application;
  }

  /**
   * The rules a case of `branch` runs under: the national rule set and the local overlays in force for the
   * branch now, pinned on the case (checked to only tighten the rules).
   */
  async pinnedRules(
    branch: OrgUnit,
    ruleSet: MemberRuleSet,
  ): Promise<{ overlays: LocalOverlay[]; rules: EffectiveMemberRules }> {
    const overlays = overlaysFor((await this.orgUnits.ancestry(branch.id)).map((unit) => unit.code));
    return { overlays, rules: applyOverlays(ruleSet, overlays) };
  }

  /**
   * Starts the case's workflow with an application the rules accepted and waits until it is recorded (for an
   * imported case: with its whole history). The person is registered first: the workflow carries their id,
   * never the name or the ID number. Within the client's call deadline (TEMPORAL_CALL_TIMEOUT_MS); the
   * workflow carries on past it.
   */
  async start(
    caseId: string,
    application: AcceptedApplication,
    fields: Pick<MemberDevelopmentInput['application'], 'profile' | 'recordedBy' | 'imported'>,
    importedHistory?: readonly MemberAction[],
  ): Promise<ApplicationRecorded & { sentFingerprint: string }> {
    const { overlays } = await this.pinnedRules(application.branch, application.ruleSet);
    const { personId } = await this.persons.ensure({
      name: application.name,
      nationalId: application.nationalId.value,
      birthDate: application.nationalId.birthDate,
      gender: application.nationalId.gender,
    });
    const sentFingerprint = applicationFingerprint(application, personId);
    const recorded = await this.cases.start({
      caseId,
      requestFingerprint: sentFingerprint,
      branch: application.branch,
      ruleSet: application.ruleSet,
      overlays,
      application: {
        personId,
        applicationDate: application.applicationDate,
        ruleSet: application.ruleSet.id,
        branchId: application.branch.id,
        ...fields,
      },
      ...(importedHistory && importedHistory.length > 0 ? { importedHistory } : {}),
    });
    return { ...recorded, sentFingerprint };
  }

  /** The read model, for callers who may read the case (see MemberCaseActionsService.readableCase). */
  async get(id: string): Promise<MemberCaseView> {
    const found = await this.memberCases.findById(id);
    if (!found) throw new CaseNotFound('MEMBER_CASE', id);
    return found;
  }
}
