import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { ProblemError, flattenValidationErrors, problemOf } from '@app/config';
import {
  type CadreCaseView,
  type MemberCaseView,
  type ProblemViolation,
  type ReserveEntryView,
} from '@app/contracts';
import { type CadreActionType, type MemberActionType, type Principal } from '@app/domain';
import { type WorkflowKind } from '@app/persistence';

import { CADRE_ACTION_ROUTES } from '../cadre-cases/cadre-case.dto';
import { CadreCasesService } from '../cadre-cases/cadre-cases.service';
import { DRY_RUN, type Submission } from '../dry-run';
import { checkedIdempotencyKey } from '../idempotency/idempotency';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ACTION_DTOS } from '../member-cases/actions/member-action-routes';
import { MemberCaseActionsService } from '../member-cases/actions/member-case-actions.service';
import { RESERVE_ACTION_ROUTES, ReviewDecisionDto } from '../reserve-pool/reserve-pool.dto';
import { ReservePoolService } from '../reserve-pool/reserve-pool.service';

/** One decision of a batch: a backlog item's case, action (and `ref`, for a half-year review its id), body. */
export interface BulkItem {
  readonly workflowKind?: WorkflowKind;
  readonly caseId: string;
  readonly action: string;
  readonly ref?: string;
  readonly input: Record<string, unknown>;
}

/** What a recorded item answers: its case after the action, as the item's own endpoint answers it. */
export type BulkCaseView = MemberCaseView | CadreCaseView | ReserveEntryView;

/** Why an item was not recorded: the problem its own endpoint would answer, without the HTTP envelope. */
export interface BulkItemProblem {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** A broken rule: the first one's article. */
  readonly article?: string | null;
  /** The rules the item breaks, each with the field of the item's body it concerns, if any. */
  readonly violations?: readonly ProblemViolation[];
  /** A body that does not fit its DTO: every field that failed. */
  readonly errors?: readonly { field: string; message: string }[];
  /** The open case (entry) the item conflicts with, or the one still being recorded, when it may be named. */
  readonly caseId?: string;
  readonly entryId?: string;
  readonly retryAfter?: number;
  readonly sqlState?: string | null;
}

export type BulkItemResult = {
  readonly index: number;
  readonly workflowKind: WorkflowKind;
  readonly caseId: string;
  readonly action: string;
} & (
  | { readonly status: 200; readonly case: BulkCaseView }
  | { readonly status: number; readonly problem: BulkItemProblem }
);

export interface BulkResult {
  readonly applied: number;
  readonly failed: number;
  readonly results: readonly BulkItemResult[];
}

/**
 * How one item is checked and recorded: its body's DTO class, and the kind's own single-item path (which
 * takes the instance of that class: `route` pairs them, so the casts below cannot mismatch).
 */
interface ItemRoute {
  readonly dto: new () => object;
  readonly body: Record<string, unknown>;
  record(dto: object, submission: Submission): Promise<BulkCaseView>;
}

/** Cases worked on at once; a case's own items always go one after another, in request order. */
const PARALLEL_CASES = 8;

/**
 * Bulk decisions across the three pipelines: every item is validated, authorised and checked against the
 * rules on its own, exactly like its single endpoint; the valid ones are recorded and each gets its own
 * result. Under a retry with the same Idempotency-Key each item keeps its update id, so what was recorded is
 * answered, not recorded again.
 */
@Injectable()
export class BulkActionsService {
  private readonly logger = new Logger(BulkActionsService.name);

  constructor(
    private readonly members: MemberCaseActionsService,
    private readonly cadres: CadreCasesService,
    private readonly reserve: ReservePoolService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * The key is claimed for the whole batch: the same items again are answered item by item, once each. A dry
   * run (no key) answers each item as recording it now would, recording nothing.
   */
  apply(
    principal: Principal,
    endpoint: string,
    items: readonly BulkItem[],
    key: string | undefined,
    dryRun = false,
  ): Promise<BulkResult> {
    if (dryRun) return this.applyAll(principal, items, () => DRY_RUN);
    return this.idempotency.run(
      principal,
      checkedIdempotencyKey(key, true),
      { endpoint: `POST ${endpoint}`, request: items },
      (batch) => this.applyAll(principal, items, (task) => ({ updateId: batch!.updateId(task) })),
    );
  }

  private async applyAll(
    principal: Principal,
    items: readonly BulkItem[],
    submissionOf: (task: string) => Submission,
  ): Promise<BulkResult> {
    const results: BulkItemResult[] = new Array<BulkItemResult>(items.length);
    const byCase = new Map<string, number[]>();
    items.forEach((item, index) => byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), index]));
    const queue = [...byCase.values()];
    const worker = async () => {
      for (let indexes = queue.shift(); indexes; indexes = queue.shift()) {
        const seen = new Set<string>();
        for (const index of indexes) {
          const item = items[index]!;
          const task = itemTask(item);
          results[index] = seen.has(task)
            ? failure(
                index,
                item,
                new ProblemError(
                  409,
                  'DUPLICATE_ITEM',
                  '重复的事项',
                  `${task} appears twice for case ${item.caseId}`,
                ),
              )
            : await this.applyOne(principal, index, item, submissionOf(task));
          seen.add(task);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CASES, queue.length) }, worker));
    const applied = results.filter((result) => result.status === 200).length;
    return { applied, failed: results.length - applied, results };
  }

  private async applyOne(
    principal: Principal,
    index: number,
    item: BulkItem,
    submission: Submission,
  ): Promise<BulkItemResult> {
    try {
      const route = this.route(principal, item);
      const dto = plainToInstance(route.dto, route.body);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length > 0) {
        const fields = flattenValidationErrors(errors);
        throw new ProblemError(
          400,
          'REQUEST_VALIDATION_FAILED',
          '请求参数不正确',
          fields.map((e) => `${e.field}: ${e.message}`).join('; '),
          { errors: fields },
        );
      }
      const recorded = await route.record(dto, submission);
      return {
        index,
        workflowKind: kindOf(item),
        caseId: item.caseId,
        action: item.action,
        status: 200,
        case: recorded,
      };
    } catch (error) {
      // A verdict on the item (a problem, a domain error), answered as its own endpoint would answer it.
      const problem = problemOf(error);
      if (problem) return failure(index, item, problem);
      // Not a verdict on the item (a server was unreachable): safe to retry the batch with the same key.
      this.logger.error({
        msg: 'bulk item failed',
        caseId: item.caseId,
        action: item.action,
        error: String(error),
      });
      return failure(
        index,
        item,
        new ProblemError(
          503,
          'ITEM_NOT_PROCESSED',
          '暂时无法办理',
          'retry the batch with the same Idempotency-Key',
        ),
      );
    }
  }

  /** The item's DTO and recording path in its pipeline; 400 for an action the pipeline does not have. */
  private route(principal: Principal, item: BulkItem): ItemRoute {
    const { caseId, action, input } = item;
    switch (kindOf(item)) {
      case 'MEMBER_DEVELOPMENT': {
        const dto = ACTION_DTOS[action as MemberActionType];
        if (!dto) break;
        return {
          dto,
          body: input,
          record: (body, submission) =>
            this.members.recordInBatch(
              principal,
              caseId,
              action as MemberActionType,
              body as never,
              submission,
            ),
        };
      }
      case 'CADRE_RECRUITMENT': {
        const route = CADRE_ACTION_ROUTES[action as CadreActionType];
        if (!route) break;
        return {
          dto: route.dto,
          body: input,
          record: (body, submission) =>
            this.cadres.recordInBatch(
              principal,
              caseId,
              action as CadreActionType,
              body as never,
              submission,
            ),
        };
      }
      case 'RESERVE_POOL': {
        if (action === 'DECIDE_REVIEW') {
          if (!item.ref) {
            throw new ProblemError(
              400,
              'REVIEW_REQUIRED',
              '须指明分析研判',
              'ref: the review id (the backlog item’s ref)',
            );
          }
          return {
            dto: ReviewDecisionDto,
            // The entry is the item's case.
            body: { ...input, entryId: caseId },
            record: (body, submission) =>
              this.reserve.decideInBatch(principal, item.ref!, body as ReviewDecisionDto, submission),
          };
        }
        const type = action as keyof typeof RESERVE_ACTION_ROUTES;
        const route = RESERVE_ACTION_ROUTES[type];
        if (!route) break;
        return {
          dto: route.dto,
          body: input,
          record: (body, submission) =>
            this.reserve.recordInBatch(principal, caseId, type, body as never, submission),
        };
      }
    }
    throw new ProblemError(
      400,
      'ACTION_NOT_IN_PIPELINE',
      '该流程没有此步骤',
      `${kindOf(item)} has no action ${action}`,
    );
  }
}

const kindOf = (item: BulkItem): WorkflowKind => item.workflowKind ?? 'MEMBER_DEVELOPMENT';

/** What one item does to its case: an action, or one of several of a kind (a department's opinion). */
const itemTask = (item: BulkItem): string => (item.ref ? `${item.action}:${item.ref}` : item.action);

function failure(index: number, item: BulkItem, error: ProblemError): BulkItemResult {
  return {
    index,
    workflowKind: kindOf(item),
    caseId: item.caseId,
    action: item.action,
    status: error.status,
    // The extra members of the item's problem (article, violations, errors, caseId…), as BulkItemProblem names them.
    problem: { code: error.code, title: error.title, detail: error.detail, ...(error.extra as object) },
  };
}
