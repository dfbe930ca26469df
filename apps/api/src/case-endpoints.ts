import { HttpCode, Param, ParseUUIDPipe, type Type, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiActionRoutes, ApiProblems } from '@app/config';

import { type AnyRoutes, actionOperations } from './action-route';
import { ApiDryRun } from './dry-run';
import { ApiIdempotencyKey } from './idempotency/idempotency';
import { ChainedRecordsResponse } from './openapi/record-chain.response';

/** How a case kind's endpoints name it in their documentation. */
export interface CaseKindDocs {
  /** 404 code of an unknown case (CADRE_CASE_NOT_FOUND, RESERVE_ENTRY_NOT_FOUND). */
  readonly notFound: string;
  /** 409 codes of a case that no longer takes actions. */
  readonly closed: string;
  /** What the answer is: "The case after the action". */
  readonly after: string;
  /** The case as the read model shows it: what every action answers. */
  readonly view: Type<unknown>;
  /** The case as its workflow holds it: what reading the case answers. */
  readonly snapshot: Type<unknown>;
}

/** The `:id` path parameter of a case endpoint: a UUID, else 400. */
export const CaseId = (): ParameterDecorator => Param('id', new ParseUUIDPipe());

/** A case as its workflow holds it (stage, recorded facts, deadlines). */
export function ApiCaseSnapshot(operationId: string, summary: string, docs: CaseKindDocs): MethodDecorator {
  return applyDecorators(
    ApiOperation({ operationId, summary }),
    ApiOkResponse({ type: docs.snapshot, description: 'The workflow state of the case' }),
    ApiProblems({ 404: docs.notFound, 504: true }),
  );
}

/** The 一人一档 endpoint of a case kind: its records in order, with the hash chain verified. */
export function ApiChainedRecords(operationId: string, summary: string, docs: CaseKindDocs): MethodDecorator {
  return applyDecorators(
    ApiOperation({ operationId, summary }),
    ApiOkResponse({
      type: ChainedRecordsResponse,
      description: 'Each record marked verified; every break of the chain named (which record, how)',
    }),
    ApiProblems({ 404: docs.notFound }),
  );
}

/** The one table-driven action endpoint of a case kind, documented as one operation per action. */
export function ApiCaseActions(routes: AnyRoutes, docs: CaseKindDocs): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({
      description: 'A broken rule answers 422 with its code and article, listing every violation.',
    }),
    ApiActionRoutes('action', actionOperations(routes)),
    ApiIdempotencyKey(),
    ApiDryRun(),
    ApiOkResponse({ type: docs.view, description: docs.after }),
    ApiProblems({
      404: docs.notFound,
      409: docs.closed,
      422: 'a rule blocks the action (its code and article, every violation), or IDEMPOTENCY_KEY_REUSED; nothing was recorded',
      504: true,
    }),
  );
}
