import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

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
    type: [RuleViolationSchema],
    description: 'What holds the action back today; empty when it may be recorded today',
  })
  notYet!: RuleViolationSchema[];
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
  @ApiPropertyOptional({
    description: 'Whether the caller may take it (role, own unit, no conflict of interest)',
  })
  yours!: boolean;
}
