import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { IsLocalDate } from '@app/config';
import {
  CADRE_POSTS,
  CADRE_PROGRAMMES,
  type CadreStage,
  RESERVE_CATEGORIES,
  RESERVE_ENTRY_STEPS,
} from '@app/domain';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const CASE_STATUSES = ['OPEN', 'CLOSED'] as const;
export const MEMBER_STAGES = [
  'APPLICANT',
  'ACTIVIST',
  'DEVELOPMENT_TARGET',
  'PROBATIONARY',
  'FULL_MEMBER',
] as const;
export const RULE_SETS = ['2014', '2026.05'] as const;
export const CADRE_STAGES = [
  'NOMINATED',
  'QUALIFIED',
  'JOINT_REVIEW',
  'ASSESSMENT',
  'DECISION',
  'NOTICE',
  'PLACEMENT',
  'TRIAL',
  'CONFIRMED',
  'EXITED',
] as const satisfies readonly CadreStage[];
export const CADRE_PROGRAMME_IDS = CADRE_PROGRAMMES.map((programme) => programme.id);
export const CADRE_POST_IDS = Object.keys(CADRE_POSTS);
export const RESERVE_STATUSES = [
  'ENTERING',
  'ACTIVE',
  'LISTED_FOR_INSPECTION',
  'USED',
  'REMOVED',
  'NOT_ADMITTED',
] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * Paging, scope and the filters every case list takes, typed strictly as a JSON body carries them; the query
 * classes below convert the text of a query string first (numbers, booleans).
 */
class CaseFilterFields {
  @ApiPropertyOptional({
    description: 'Root of the subtree to list (org unit id or code); default: the caller’s whole scope',
    example: 'DX-DZ',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orgUnit?: string;

  @ApiPropertyOptional({
    description: 'Part of the person’s name (case-insensitive substring)',
    example: '张',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last changed on or after this day (China time)' })
  @IsOptional()
  @IsLocalDate()
  updatedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last changed on or before this day (China time)' })
  @IsOptional()
  @IsLocalDate()
  updatedTo?: string;

  @ApiPropertyOptional({
    description:
      'true: only cases with an open task past its due date today (China time); false: only cases without one',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    description: 'Default: asc when sorting by name, desc (newest first) otherwise',
  })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: (typeof SORT_ORDERS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (keyset pagination)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export const MEMBER_SORTS = ['name', 'applicationDate', 'updatedAt'] as const;

class MemberCaseFilterFields extends CaseFilterFields {
  @ApiPropertyOptional({ enum: MEMBER_STAGES, description: 'Where the candidate stands' })
  @IsOptional()
  @IsIn(MEMBER_STAGES)
  stage?: (typeof MEMBER_STAGES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 25, description: 'Step of the 25-step flow last recorded' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(25)
  step?: number;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: (typeof CASE_STATUSES)[number];

  @ApiPropertyOptional({ enum: RULE_SETS, description: 'Rule set pinned on the case' })
  @IsOptional()
  @IsIn(RULE_SETS)
  ruleSet?: (typeof RULE_SETS)[number];

  @ApiPropertyOptional({ format: 'date', description: 'Application received on or after this day' })
  @IsOptional()
  @IsLocalDate()
  appliedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Application received on or before this day' })
  @IsOptional()
  @IsLocalDate()
  appliedTo?: string;

  @ApiPropertyOptional({ enum: MEMBER_SORTS, default: 'updatedAt' })
  @IsOptional()
  @IsIn(MEMBER_SORTS)
  sort?: (typeof MEMBER_SORTS)[number];
}

export const CADRE_SORTS = ['name', 'nominatedOn', 'updatedAt'] as const;

class CadreCaseFilterFields extends CaseFilterFields {
  @ApiPropertyOptional({ enum: CADRE_STAGES })
  @IsOptional()
  @IsIn(CADRE_STAGES)
  stage?: (typeof CADRE_STAGES)[number];

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: (typeof CASE_STATUSES)[number];

  @ApiPropertyOptional({ enum: CADRE_PROGRAMME_IDS, description: 'Recruitment programme' })
  @IsOptional()
  @IsIn(CADRE_PROGRAMME_IDS)
  programme?: string;

  @ApiPropertyOptional({ enum: CADRE_POST_IDS, description: 'Village post applied for' })
  @IsOptional()
  @IsIn(CADRE_POST_IDS)
  post?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Nominated on or after this day' })
  @IsOptional()
  @IsLocalDate()
  nominatedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Nominated on or before this day' })
  @IsOptional()
  @IsLocalDate()
  nominatedTo?: string;

  @ApiPropertyOptional({ enum: CADRE_SORTS, default: 'updatedAt' })
  @IsOptional()
  @IsIn(CADRE_SORTS)
  sort?: (typeof CADRE_SORTS)[number];
}

export const RESERVE_SORTS = ['name', 'recommendedOn', 'updatedAt'] as const;

class ReserveEntryFilterFields extends CaseFilterFields {
  @ApiPropertyOptional({ enum: RESERVE_STATUSES })
  @IsOptional()
  @IsIn(RESERVE_STATUSES)
  status?: (typeof RESERVE_STATUSES)[number];

  @ApiPropertyOptional({ enum: RESERVE_ENTRY_STEPS, description: 'Where an entering reservist stands' })
  @IsOptional()
  @IsIn(RESERVE_ENTRY_STEPS)
  entryStep?: (typeof RESERVE_ENTRY_STEPS)[number];

  @ApiPropertyOptional({ enum: RESERVE_CATEGORIES })
  @IsOptional()
  @IsIn(RESERVE_CATEGORIES)
  category?: (typeof RESERVE_CATEGORIES)[number];

  @ApiPropertyOptional({ format: 'date', description: 'Recommended on or after this day' })
  @IsOptional()
  @IsLocalDate()
  recommendedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Recommended on or before this day' })
  @IsOptional()
  @IsLocalDate()
  recommendedTo?: string;

  @ApiPropertyOptional({ enum: RESERVE_SORTS, default: 'updatedAt' })
  @IsOptional()
  @IsIn(RESERVE_SORTS)
  sort?: (typeof RESERVE_SORTS)[number];
}

const NATIONAL_ID = /^\d{17}[\dXx]$/;
const nationalIdDoc = {
  pattern: NATIONAL_ID.source,
  description:
    'Exact national ID number (18 characters), matched through its keyed hash. Sent in the body, never in a URL: ' +
    'URLs end up in access logs',
  minLength: 18,
  maxLength: 18,
  example: '320602200001051237',
};

/** POST /v1/member-cases/search: the list's filters, and the national ID number in the body. */
export class MemberCaseSearchDto extends MemberCaseFilterFields {
  @ApiPropertyOptional(nationalIdDoc)
  @IsOptional()
  @IsString()
  @Matches(NATIONAL_ID, { message: 'nationalId must be 17 digits and a digit or X' })
  nationalId?: string;
}

/** POST /v1/cadre-cases/search. */
export class CadreCaseSearchDto extends CadreCaseFilterFields {
  @ApiPropertyOptional(nationalIdDoc)
  @IsOptional()
  @IsString()
  @Matches(NATIONAL_ID, { message: 'nationalId must be 17 digits and a digit or X' })
  nationalId?: string;
}

/** POST /v1/reserve-pool/entries/search. */
export class ReserveEntrySearchDto extends ReserveEntryFilterFields {
  @ApiPropertyOptional(nationalIdDoc)
  @IsOptional()
  @IsString()
  @Matches(NATIONAL_ID, { message: 'nationalId must be 17 digits and a digit or X' })
  nationalId?: string;
}

/**
 * The query strings: the same filters, their numbers and booleans converted from text first (a JSON body must
 * carry them typed). Decorators applied here so that the body classes above stay strict.
 */
function fromQueryText(
  dto: { readonly prototype: object },
  numbers: readonly string[],
  booleans: readonly string[],
): void {
  for (const property of numbers) Type(() => Number)(dto.prototype, property);
  for (const property of booleans) Transform(toBoolean)(dto.prototype, property);
}

/** GET /v1/member-cases. */
export class MemberCaseListQueryDto extends MemberCaseFilterFields {}
fromQueryText(MemberCaseListQueryDto, ['limit', 'step'], ['overdue']);

/** GET /v1/cadre-cases. */
export class CadreCaseListQueryDto extends CadreCaseFilterFields {}
fromQueryText(CadreCaseListQueryDto, ['limit'], ['overdue']);

/** Reserve entries with the same filters (for GET /v1/reserve-pool/entries: see CaseSearchService). */
export class ReserveEntryListQueryDto extends ReserveEntryFilterFields {}
fromQueryText(ReserveEntryListQueryDto, ['limit'], ['overdue']);
