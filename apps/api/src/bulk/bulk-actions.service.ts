import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { ProblemError, flattenValidationErrors } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import { type Principal } from '@app/domain';

import { type IdempotencyToken } from '../../idempotency/idempotency';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { ACTION_DTOS, type BulkActionItemDto } from './member-action.dto';
import { MemberCaseActionsService } from './member-case-actions.service';

export type BulkItemResult =
  | {
      readonly index: number;
      readonly caseId: string;
      readonly action: string;
      readonly status: 200;
      readonly case: MemberCaseView;
    }
  | {
      readonly index: number;
      readonly caseId: string;
      readonly action: string;
      readonly status: number;
      readonly problem: {
        readonly code: string;
        readonly title: string;
        readonly detail: string;
        readonly article?: unknown;
        readonly errors?: readonly { field: string; message: string }[];
      };
    };

export interface BulkResult {
  readonly applied: number;
  readonly failed: number;
  readonly results: readonly BulkItemResult[];
}

/** Cases worked on at once; a case's own items always go one after another, in request order. */
const PARALLEL_CASES = 8;

/**
 * Bulk decisions: every item is validated, authorised and checked against the rules on its own, exactly
 * like its single endpoint; the valid ones are recorded and each gets its own result. Under a retry with the
 * same Idempotency-Key each item keeps its update id, so what was recorded is answered, not recorded again.
 */
@Injectable()
export class MemberCaseBulkService {
  private readonly logger = new Logger(MemberCaseBulkService.name);

  constructor(
    private readonly actions: MemberCaseActionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The key is claimed for the whole batch: the same items again are answered item by item, once each. */
  apply(principal: Principal, items: readonly BulkActionItemDto[], key: string): Promise<BulkResult> {
    return this.idempotency.run(
      principal,
      key,
      { endpoint: 'POST /v1/member-cases/bulk-actions', request: items },
      (batch) => this.applyAll(principal, items, batch!),
    );
  }

  private async applyAll(
    principal: Principal,
    items: readonly BulkActionItemDto[],
    batch: IdempotencyToken,
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
          results[index] = seen.has(item.action)
            ? failure(
                index,
                item,
                new ProblemError(
                  409,
                  'DUPLICATE_ITEM',
                  '重复的事项',
                  `${item.action} appears twice for case ${item.caseId}`,
                ),
              )
            : await this.applyOne(principal, index, item, batch);
          seen.add(item.action);
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
    item: BulkActionItemDto,
    batch: IdempotencyToken,
  ): Promise<BulkItemResult> {
    const dto = plainToInstance(ACTION_DTOS[item.action], item.input);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields = flattenValidationErrors(errors);
      return failure(
        index,
        item,
        new ProblemError(
          400,
          'REQUEST_VALIDATION_FAILED',
          '请求参数不正确',
          fields.map((e) => `${e.field}: ${e.message}`).join('; '),
          { errors: fields },
        ),
      );
    }
    try {
      const recorded = await this.actions.recordInBatch(principal, item.caseId, item.action, dto, batch);
      return { index, caseId: item.caseId, action: item.action, status: 200, case: recorded };
    } catch (error) {
      if (error instanceof ProblemError) return failure(index, item, error);
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
}

function failure(index: number, item: BulkActionItemDto, error: ProblemError): BulkItemResult {
  return {
    index,
    caseId: item.caseId,
    action: item.action,
    status: error.status,
    problem: { code: error.code, title: error.title, detail: error.detail, ...error.extra },
  };
}
