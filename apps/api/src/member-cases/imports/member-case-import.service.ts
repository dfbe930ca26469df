import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { AccessService } from '@app/auth';
import { Clock, ProblemError, RequestValidationError, flattenValidationErrors, problemOf } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import {
  type AcceptedApplication,
  CHINA_WORKING_DAYS,
  type ImportProvenance,
  type LocalDate,
  type MemberAction,
  type MemberCaseState,
  type Principal,
  RecordingDelayed,
  type RuleViolation,
  actorsOfAction,
  assessApplication,
  caseImportViolation,
  chinaLocalDate,
  importedActingBodyViolation,
  memberCaseMachine,
  recordedBy,
  replayMemberHistory,
  violation,
} from '@app/domain';
import {
  MemberCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  nameBasedUuid,
} from '@app/persistence';

import { routedAction } from '../../action-route';
import { requireOrgUnit } from '../../org-unit-reference';
import { MEMBER_ACTION_ROUTES } from '../actions/member-action-routes';
import { MemberCaseActionsService } from '../actions/member-case-actions.service';
import { CreateMemberCaseDto } from '../dto/create-member-case.dto';
import { MemberCasesService } from '../member-cases.service';
import { type ImportedMemberCaseDto, type MemberCaseImportDto } from './member-case-import.dto';

/** Why a case cannot be brought in: the step it concerns (null: the application), the rule and the field. */
export interface ImportProblem {
  /** Index into the case's `steps` (null for the application). */
  readonly step: number | null;
  readonly action: string | null;
  readonly field?: string;
  readonly code: string;
  readonly article: string | null;
  readonly message: string;
}

/**
 * VALID: a dry run found nothing wrong; IMPORTED: recorded now; RECORDING: accepted, its history still being
 * recorded when the call's time ran out (it will be; importing again answers UNCHANGED); UNCHANGED: the same
 * case was imported before (re-import is idempotent); REFUSED: it breaks the listed rules; FAILED: it passed
 * the checks but recording refused it (e.g. a case for the person opened meanwhile).
 */
export type ImportOutcome = 'VALID' | 'IMPORTED' | 'RECORDING' | 'UNCHANGED' | 'REFUSED' | 'FAILED';

export interface ImportedCaseResult {
  readonly index: number;
  readonly reference: string | null;
  readonly outcome: ImportOutcome;
  readonly caseId: string | null;
  /** Where the case stands after its history (recorded, or as it would be). */
  readonly stage: MemberCaseState['stage'] | null;
  readonly lastStep: number | null;
  readonly status: 'OPEN' | 'CLOSED' | null;
  readonly problems: readonly ImportProblem[];
}

export interface MemberCaseImportResult {
  readonly dryRun: boolean;
  readonly source: string;
  readonly counts: Readonly<Record<ImportOutcome, number>>;
  readonly cases: readonly ImportedCaseResult[];
}

/** A case that passed every check, ready to start. */
interface CheckedCase {
  readonly application: AcceptedApplication;
  readonly profile?: CreateMemberCaseDto['profile'];
  readonly history: readonly MemberAction[];
  readonly admitsProbationary: boolean;
}

/** How many cases are checked or started at once: bounded, so one import cannot take every connection. */
const CONCURRENCY = 8;

/** The id of an imported case: the same person and application date always give the same case. */
function importedCaseId(personId: string, applicationDate: LocalDate): string {
  return nameBasedUuid(`imported-member-case:${personId}:${applicationDate}`);
}

/** A broken rule as a problem of one step; the body field it concerns, if any, as the problem's field. */
function problemFrom(step: number | null, action: string | null, found: RuleViolation): ImportProblem {
  return {
    step,
    action,
    ...(found.field === undefined ? {} : { field: found.field }),
    code: found.code,
    article: found.article,
    message: found.message,
  };
}

/** A thrown refusal (404 action, 400 body, 422 reference) as problems of one step. */
function problemsOfError(step: number | null, action: string | null, error: unknown): ImportProblem[] {
  if (error instanceof RequestValidationError) {
    return flattenValidationErrors(error.errors).map(({ field, message }) => ({
      step,
      action,
      field,
      code: 'REQUEST_VALIDATION_FAILED',
      article: null,
      message,
    }));
  }
  const problem = problemOf(error);
  if (!problem) throw error;
  const violations = (problem.extra.violations as RuleViolation[] | undefined) ?? [
    {
      code: problem.code === 'NOT_FOUND' ? 'ACTION_UNKNOWN' : problem.code,
      article: null,
      message: problem.detail,
    },
  ];
  return violations.map((found) => problemFrom(step, action, found));
}

async function mapBounded<T, R>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * Brings in member cases that started on paper (入党申请人 to 预备党员 in flight) with their history. Every case
 * is replayed through the same machine the workflow runs, from its application, with the same rules; every
 * problem is listed with the step it concerns, and unless every case is clean nothing is started. A clean case
 * starts a workflow that checks the history again as a whole and records it, each record marked imported (by
 * whom, from which source). Re-importing the same cases changes nothing.
 */
@Injectable()
export class MemberCaseImportService {
  constructor(
    private readonly memberCaseStarts: MemberCasesService,
    private readonly actions: MemberCaseActionsService,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly persons: PersonsRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async import(
    principal: Principal,
    dto: MemberCaseImportDto,
    dryRun: boolean,
  ): Promise<MemberCaseImportResult> {
    // Only the county org department brings cases in (each case's branch is checked against its county below).
    const notPermitted = caseImportViolation(principal, principal.orgUnit);
    if (notPermitted) this.access.refuse(principal, notPermitted, principal.orgUnit.code);
    const today = chinaLocalDate(this.clock.now());
    const checked = await mapBounded(dto.cases, (item, index) => this.check(principal, item, index, today));
    const results = checked.map(({ result }) => result);
    const refused = results.filter((result) => result.outcome === 'REFUSED').length;
    if (dryRun) return this.answer(true, dto.source, results);
    if (refused > 0) {
      throw new ProblemError(
        422,
        'IMPORT_HAS_ERRORS',
        '导入数据有误，未导入任何案件',
        `${refused} of ${results.length} cases break rules; nothing was imported (each case lists its problems)`,
        { ...this.answer(false, dto.source, results) },
      );
    }
    const provenance = { source: dto.source, importedOn: today, by: recordedBy(principal) };
    const imported = await mapBounded(checked, ({ result, clean }) =>
      clean ? this.start(result, clean, provenance) : Promise.resolve(result),
    );
    return this.answer(false, dto.source, imported);
  }

  private answer(dryRun: boolean, source: string, cases: ImportedCaseResult[]): MemberCaseImportResult {
    const counts = { VALID: 0, IMPORTED: 0, RECORDING: 0, UNCHANGED: 0, REFUSED: 0, FAILED: 0 };
    for (const result of cases) counts[result.outcome] += 1;
    return { dryRun, source, counts, cases };
  }

  /** Checks one case whole: its application, then each step in order against the case as it would stand. */
  private async check(
    principal: Principal,
    item: ImportedMemberCaseDto,
    index: number,
    today: LocalDate,
  ): Promise<{ result: ImportedCaseResult; clean?: CheckedCase }> {
    const base = {
      index,
      reference: item.reference ?? null,
      caseId: null,
      stage: null,
      lastStep: null,
      status: null,
      problems: [],
    };
    const refuse = (problems: ImportProblem[]) => ({
      result: { ...base, outcome: 'REFUSED' as const, problems },
    });
    const opening = await this.checkApplication(principal, item.application, today);
    if ('problems' in opening) return refuse(opening.problems);
    if ('existing' in opening)
      return { result: { ...base, ...where(opening.existing), outcome: 'UNCHANGED' } };
    const { application, personId } = opening;
    const replayed = await this.replay(
      principal,
      item.steps,
      application,
      personId ?? `unregistered-${index}`,
      today,
    );
    const problems = [...replayed.problems];
    // As recording step 1 checks it; the roster may list them as 预备党员 because of this very history.
    const refused =
      personId && problems.length === 0
        ? await this.memberCases.applicationRefusal(personId, replayed.admitsProbationary)
        : undefined;
    if (refused) problems.push(problemFrom(null, null, refused));
    if (problems.length > 0) return refuse(problems);
    const { state } = replayed;
    return {
      result: {
        ...base,
        outcome: 'VALID',
        stage: state.stage,
        lastStep: state.lastStep,
        status: state.status,
      },
      clean: {
        application,
        ...(opening.profile ? { profile: opening.profile } : {}),
        history: replayed.history,
        admitsProbationary: replayed.admitsProbationary,
      },
    };
  }

  /**
   * Step 1 as POST /v1/member-cases checks it (with the date it was received, which paper always has), in the
   * importer's county; a case imported before is found again by its id.
   */
  private async checkApplication(
    principal: Principal,
    body: Record<string, unknown>,
    today: LocalDate,
  ): Promise<
    | { problems: ImportProblem[] }
    | { existing: MemberCaseView }
    | { application: AcceptedApplication; personId?: string; profile?: CreateMemberCaseDto['profile'] }
  > {
    const dto = plainToInstance(CreateMemberCaseDto, body);
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length > 0)
      return { problems: problemsOfError(null, null, new RequestValidationError(invalid)) };
    const refusal = (found: RuleViolation) => ({ problems: [problemFrom(null, null, found)] });
    if (!dto.applicationDate) {
      return refusal(
        violation(
          'APPLICATION_DATE_REQUIRED',
          null,
          '导入的案件须写明党支部收到申请书的日期',
          'applicationDate',
        ),
      );
    }
    const assessment = assessApplication(
      {
        name: dto.name,
        nationalId: dto.nationalId,
        birthDate: dto.birthDate,
        applicationDate: dto.applicationDate,
      },
      await this.orgUnits.find(dto.branch),
      today,
    );
    if (!assessment.accepted)
      return { problems: assessment.violations.map((found) => problemFrom(null, null, found)) };
    const { application } = assessment;
    const outOfScope = caseImportViolation(principal, application.branch);
    if (outOfScope) return refusal(outOfScope);
    const profile = dto.profile ? { profile: dto.profile } : {};
    const personId = await this.persons.findIdByNationalId(application.nationalId.value);
    if (!personId) return { application, ...profile };
    const existing = await this.memberCases.findById(importedCaseId(personId, application.applicationDate));
    if (existing) return { existing };
    return { application, personId, ...profile };
  }

  /**
   * Each step's body checked as its endpoint checks it, then the steps replayed through the case machine from the
   * opened case (replayMemberHistory, as the workflow does), with the rules the case would be pinned to. After the
   * first problem later steps (which build on it) are checked for their own shape only.
   */
  private async replay(
    principal: Principal,
    steps: ImportedMemberCaseDto['steps'],
    application: AcceptedApplication,
    personId: string,
    today: LocalDate,
  ): Promise<{
    problems: ImportProblem[];
    history: MemberAction[];
    state: MemberCaseState;
    admitsProbationary: boolean;
  }> {
    const problems: ImportProblem[] = [];
    // The steps before the first that cannot be built: the ones the rules are replayed over.
    const history: MemberAction[] = [];
    for (const [step, { action: path, body }] of steps.entries()) {
      try {
        const { type, dto } = await routedAction(MEMBER_ACTION_ROUTES, path, body);
        const actingBody = await requireOrgUnit(this.orgUnits, dto.actingBody, 'actingBody');
        const actors = actorsOfAction(type, application.ruleSet);
        const misplaced = importedActingBodyViolation(principal, actors, actingBody, application.branch);
        if (misplaced) {
          problems.push(problemFrom(step, path, misplaced));
          continue;
        }
        const action: MemberAction = {
          ...(await this.actions.actionFrom(
            type,
            dto,
            actingBody,
            application.branch,
            application.ruleSet.id,
          )),
          recordedBy: recordedBy(principal),
        };
        if (problems.length === 0) history.push(action);
      } catch (error) {
        problems.push(...problemsOfError(step, path, error));
      }
    }
    const { rules } = await this.memberCaseStarts.pinnedRules(application.branch, application.ruleSet);
    const opened = memberCaseMachine.open({
      caseId: 'imported',
      personId,
      branch: application.branch,
      applicationDate: application.applicationDate,
    }).state;
    const replayed = replayMemberHistory(opened, history, { rules, calendar: CHINA_WORKING_DAYS, today });
    const { broken } = replayed;
    if (broken) {
      const path = steps[broken.index]!.action;
      problems.push(...broken.violations.map((found) => problemFrom(broken.index, path, found)));
    }
    // In step order (a broken rule comes before the shape problems of the steps after it).
    problems.sort((a, b) => (a.step ?? -1) - (b.step ?? -1));
    return { problems, history, state: replayed.state, admitsProbationary: replayed.admitsProbationary };
  }

  /** Starts one clean case with its history; a refusal by the store is that case's outcome, not the batch's. */
  private async start(
    result: ImportedCaseResult,
    clean: CheckedCase,
    provenance: Omit<ImportProvenance, 'admitsProbationary'>,
  ): Promise<ImportedCaseResult> {
    const { application } = clean;
    let caseId: string | undefined;
    try {
      const { personId } = await this.persons.ensure({
        name: application.name,
        nationalId: application.nationalId.value,
        birthDate: application.nationalId.birthDate,
        gender: application.nationalId.gender,
      });
      caseId = importedCaseId(personId, application.applicationDate);
      const recorded = await this.memberCaseStarts.start(
        caseId,
        application,
        {
          ...(clean.profile ? { profile: { ...clean.profile } } : {}),
          recordedBy: provenance.by,
          imported: { ...provenance, admitsProbationary: clean.admitsProbationary },
        },
        clean.history,
      );
      return { ...result, ...where(recorded.memberCase), outcome: 'IMPORTED' };
    } catch (error) {
      if (error instanceof RecordingDelayed)
        return { ...result, caseId: caseId ?? null, outcome: 'RECORDING' };
      return { ...result, outcome: 'FAILED', problems: problemsOfError(null, null, error) };
    }
  }
}

/** Where a recorded case stands, as an import result gives it. */
function where(view: MemberCaseView): Pick<ImportedCaseResult, 'caseId' | 'stage' | 'lastStep' | 'status'> {
  return { caseId: view.id, stage: view.stage, lastStep: view.currentStep, status: view.status };
}
