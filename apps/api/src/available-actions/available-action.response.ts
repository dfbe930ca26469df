import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { RuleViolationSchema } from '@app/config';

@ApiSchema({ name: 'ActingOrgUnit' })
export class ActingOrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ' }) code!: string;
  @ApiProperty({ example: '东镇党委' }) name!: string;
}

/** One action a case allows now, for any case kind: who may take it, where, with what body, from when. */
@ApiSchema({ name: 'AvailableAction' })
export class AvailableActionResponse {
  @ApiProperty({ example: 'REVIEW_QUALIFICATION', description: 'The action type' }) action!: string;
  @ApiProperty({ example: '资格审查', description: "The step's Chinese name" }) name!: string;
  @ApiProperty({
    type: 'integer',
    example: 2,
    description: 'Its step in the pipeline (0: not a numbered step)',
  })
  step!: number;
  @ApiProperty({ type: [ActingOrgUnitResponse], description: 'The org units that may take it' })
  actingOrgUnits!: ActingOrgUnitResponse[];
  @ApiProperty({ enum: ['POST'] }) method!: 'POST';
  @ApiProperty({ example: '/v1/cadre-cases/0f8fad5b-d9cb-469f-a165-70867728950e/qualification-review' })
  endpoint!: string;
  @ApiProperty({ example: 'reviewCadreQualification', description: 'The operation in the OpenAPI document' })
  operationId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The JSON Schema of the body, as the OpenAPI document has it, every $ref inlined',
  })
  bodySchema!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'A body for the case, dated the later of today and `earliest` (facts to be replaced by the real ones)',
  })
  exampleBody!: object;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The earliest business date the action may carry; null while something else must happen first',
  })
  earliest!: string | null;
  @ApiProperty({
    type: RuleViolationSchema,
    nullable: true,
    description:
      'The time rule that sets `earliest` (its code, article and reading, working days counted with the ' +
      'holiday calendar); null when only the last recorded step does',
  })
  earliestBy!: RuleViolationSchema | null;
  @ApiProperty({
    type: [RuleViolationSchema],
    description: 'What holds the action back today; empty when it may be recorded today',
  })
  notYet!: RuleViolationSchema[];
  @ApiProperty({
    description: 'Whether the caller may take it (role, own unit or the one above, no conflict of interest)',
  })
  yours!: boolean;
}

/** A member case's available action: the common fields, and the ones the endpoint answered before them. */
@ApiSchema({ name: 'MemberAvailableAction' })
export class MemberAvailableActionResponse extends AvailableActionResponse {
  @ApiProperty({ example: 'DETERMINE_ACTIVIST', description: 'Same as `action`' }) type!: string;
  @ApiProperty({ type: String, nullable: true, example: '推荐和确定入党积极分子' }) stepName!: string | null;
  @ApiProperty({ example: 'BRANCH_COMMITTEE', description: 'The kind of body that acts' }) actor!: string;
  @ApiProperty({ example: 'activist', description: 'The path segment after /v1/member-cases/{id}/' })
  path!: string;
  @ApiProperty({ type: [ActingOrgUnitResponse], description: 'Same as `actingOrgUnits`' })
  actingBodies!: ActingOrgUnitResponse[];
}

/** A date a rule sets for the whole case (a deadline to keep, or a hard cap after which steps are refused). */
@ApiSchema({ name: 'PlannedDeadline' })
export class PlannedDeadlineResponse {
  @ApiProperty({ example: 'T1_TALK', description: 'The rule that sets it' }) kind!: string;
  @ApiProperty({ format: 'date', example: '2026-02-05' }) due!: string;
  @ApiProperty({ description: 'A hard cap: the step is refused after it (else it warns and escalates)' })
  hard!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '§7',
    description: 'Its article; null for a local SLA',
  })
  article!: string | null;
}

/** One next step of a case's plan: from when it may come, by when it is due, and the rules behind both. */
@ApiSchema({ name: 'PlannedStep' })
export class PlannedStepResponse {
  @ApiProperty({ example: 'RECORD_TALK' }) action!: string;
  @ApiProperty({ example: '谈话' }) name!: string;
  @ApiProperty({ type: 'integer', example: 2 }) step!: number;
  @ApiProperty({ type: [ActingOrgUnitResponse] }) actingOrgUnits!: ActingOrgUnitResponse[];
  @ApiProperty() endpoint!: string;
  @ApiProperty() operationId!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) earliest!: string | null;
  @ApiProperty({ type: RuleViolationSchema, nullable: true }) earliestBy!: RuleViolationSchema | null;
  @ApiProperty({ description: 'Whether it may be recorded today' }) allowedToday!: boolean;
  @ApiProperty({ type: [RuleViolationSchema] }) notYet!: RuleViolationSchema[];
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'When the open task for it is due',
  })
  dueOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'After this date the step is refused (T8)',
  })
  capOn!: string | null;
  @ApiProperty({
    type: PlannedDeadlineResponse,
    nullable: true,
    description: 'The deadline behind `dueOn`, with its rule and article (null: the case sets none)',
  })
  dueBy!: PlannedDeadlineResponse | null;
  @ApiProperty({ type: PlannedDeadlineResponse, nullable: true, description: 'The hard cap behind `capOn`' })
  capBy!: PlannedDeadlineResponse | null;
}

/** A case's calendar: each next step with its earliest date, deadline and cap, and the case's deadlines. */
@ApiSchema({ name: 'CasePlan' })
export class CasePlanResponse {
  @ApiProperty({ enum: ['MEMBER_DEVELOPMENT', 'CADRE_RECRUITMENT', 'RESERVE_POOL'] }) workflowKind!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date', description: 'The day the plan is for (China Standard Time)' })
  today!: string;
  @ApiProperty({ type: [PlannedStepResponse] }) steps!: PlannedStepResponse[];
  @ApiProperty({ type: [PlannedDeadlineResponse] }) deadlines!: PlannedDeadlineResponse[];
}
