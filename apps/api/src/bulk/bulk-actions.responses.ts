import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';

import { FieldErrorSchema, RuleViolationSchema } from '@app/config';
import { type ProblemViolation } from '@app/contracts';
import { WORKFLOW_KINDS, type WorkflowKind } from '@app/persistence';

import { CadreCaseResponse } from '../cadre-cases/cadre-case.responses';
import { MemberCaseResponse } from '../member-cases/dto/member-case.response';
import { ReserveEntryResponse } from '../reserve-pool/reserve-pool.responses';
import { type BulkItemProblem, type BulkResult } from './bulk-actions.service';

/** The answer of the bulk decisions: a result per item, in request order. */

/** Why an item was not recorded: the problem its own endpoint would answer. */
@ApiSchema({ name: 'BulkItemProblem' })
export class BulkItemProblemResponse implements BulkItemProblem {
  @ApiProperty({ example: 'T7_MEETING_QUORUM_NOT_MET', description: 'stable rule or error code' })
  code!: string;
  @ApiProperty({ example: '违反发展党员工作规定' }) title!: string;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'a broken rule: the article it comes from',
  })
  article?: string | null;
  @ApiPropertyOptional({
    type: [RuleViolationSchema],
    description: 'a broken rule: every rule the item breaks',
  })
  violations?: readonly ProblemViolation[];
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'every field of the body that failed' })
  errors?: readonly FieldErrorSchema[];
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the open case the item conflicts with, or the case still being recorded (when it may be named)',
  })
  caseId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the same for a reserve entry' }) entryId?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'seconds to wait before retrying the batch' })
  retryAfter?: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'RECORDING_REJECTED: the database’s code',
  })
  sqlState?: string | null;
}

const CASE_VIEWS = [MemberCaseResponse, CadreCaseResponse, ReserveEntryResponse] as const;

abstract class BulkItemResultFields {
  @ApiProperty({ type: 'integer', description: 'the item’s place in the request (from 0)' }) index!: number;
  @ApiProperty({ enum: WORKFLOW_KINDS }) workflowKind!: WorkflowKind;
  @ApiProperty({ format: 'uuid', description: 'the case (for the reserve pool: the entry)' }) caseId!: string;
  @ApiProperty({ example: 'DECIDE' }) action!: string;
}

/** An item recorded (or, dryRun=true, that would be): its case after the action. */
@ApiSchema({ name: 'BulkItemApplied' })
@ApiExtraModels(...CASE_VIEWS)
export class BulkItemAppliedResponse extends BulkItemResultFields {
  @ApiProperty({ type: 'integer', enum: [200] }) status!: 200;
  @ApiProperty({
    oneOf: CASE_VIEWS.map((view) => ({ $ref: getSchemaPath(view) })),
    description:
      'the case after the action, as its own endpoint answers: a MemberCaseResponse (MEMBER_DEVELOPMENT), ' +
      'CadreCase (CADRE_RECRUITMENT) or ReserveEntry (RESERVE_POOL)',
  })
  case!: MemberCaseResponse | CadreCaseResponse | ReserveEntryResponse;
}

/** An item not recorded: the status and problem its own endpoint would answer. */
@ApiSchema({ name: 'BulkItemFailed' })
export class BulkItemFailedResponse extends BulkItemResultFields {
  @ApiProperty({
    type: 'integer',
    example: 422,
    description: 'the HTTP status its own endpoint would answer',
  })
  status!: number;
  @ApiProperty({ type: BulkItemProblemResponse }) problem!: BulkItemProblemResponse;
}

@ApiSchema({ name: 'BulkResult' })
@ApiExtraModels(BulkItemAppliedResponse, BulkItemFailedResponse)
export class BulkResultResponse implements BulkResult {
  @ApiProperty({ type: 'integer', description: 'items recorded (dryRun=true: that would be)' })
  applied!: number;
  @ApiProperty({ type: 'integer', description: 'items not recorded' }) failed!: number;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(BulkItemAppliedResponse) },
        { $ref: getSchemaPath(BulkItemFailedResponse) },
      ],
    },
    description: 'a result per item, in request order',
  })
  results!: readonly (BulkItemAppliedResponse | BulkItemFailedResponse)[];
}
