import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { MEMBER_RULE_SETS, ORG_UNIT_KINDS, type OrgUnitKind, type RuleSetId } from '@app/domain';

import { PageQueryDto } from '../backlog/backlog.dto';

/** Query booleans are the words true and false; anything else is left for IsBoolean to refuse. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Deepest the org tree goes below a unit (province → party group is 8 levels). */
export const MAX_TREE_LEVELS = 10;
export const MEMBER_STATUSES = ['FULL_MEMBER', 'PROBATIONARY'] as const;
const RULE_SET_IDS = MEMBER_RULE_SETS.map((ruleSet) => ruleSet.id);

export class OrgUnitsQueryDto {
  @ApiPropertyOptional({
    description: 'Unit (id or code) whose subtree to list; default: the root of your read scope',
    example: 'DX-DZ',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  under?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_TREE_LEVELS,
    default: 1,
    description: 'Levels below `under` to list (1: its children, 2: children and grandchildren, …)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TREE_LEVELS)
  depth = 1;

  @ApiPropertyOptional({ enum: ORG_UNIT_KINDS, description: 'Only units of this kind' })
  @IsOptional()
  @IsIn(ORG_UNIT_KINDS)
  kind?: OrgUnitKind;

  @ApiPropertyOptional({ description: 'Only units that have (true) or lack (false) 审批权 (§22)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  canApproveMembership?: boolean;

  @ApiPropertyOptional({ description: 'Name or code contains (case-insensitive)', example: '东村' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'List closed (撤销) units too; pickers leave them out by default',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeClosed = false;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 500;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'nextOffset of the previous page' })
  @IsOptional()
  // An empty `offset=` is no number (Number('') would make it 0 and pass).
  @Transform(({ value }: { value: unknown }) => (value === '' ? Number.NaN : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}

export class OrgUnitMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Members of every unit under this one too (default: of this unit only)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  subtree = false;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES, description: '正式党员 (FULL_MEMBER) or 预备党员' })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: (typeof MEMBER_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Name contains', example: '李' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description:
      'Only members who may (true) or may not (false) sponsor today under the rule set (§14, sponsors.ts)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  eligibleSponsor?: boolean;

  @ApiPropertyOptional({
    enum: RULE_SET_IDS,
    description:
      'Rule set to judge sponsors and contacts by (a case keeps the one of its application date); ' +
      'default: the one in force today',
  })
  @IsOptional()
  @IsIn(RULE_SET_IDS)
  ruleSet?: RuleSetId;
}
