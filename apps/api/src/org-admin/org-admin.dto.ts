import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
import { ORG_UNIT_KINDS, type OrgUnitKind } from '@app/domain';

/** Codes as the tree files carry them: letters, digits and - _ . (no spaces, nothing a path would escape). */
export const ORG_UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'DX-DZ-HC', description: 'unique in the whole tree; letters, digits, - _ .' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(ORG_UNIT_CODE, { message: 'code: letters, digits and - _ . only' })
  code!: string;

  @ApiProperty({ example: '河村党支部' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    enum: ORG_UNIT_KINDS,
    description: 'must fit under the parent’s kind (ORG_UNIT_CHILD_KINDS)',
  })
  @IsIn(ORG_UNIT_KINDS)
  kind!: OrgUnitKind;

  @ApiProperty({ example: 'DX-DZ', description: 'parent unit (id or code), in your county' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  parent!: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: '审批权: may approve membership (§22)' })
  @IsOptional()
  @IsBoolean()
  canApproveMembership = false;
}

export class UpdateOrgUnitDto {
  @ApiPropertyOptional({ example: '河村第一党支部', description: 'new name (RENAMED in the history)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: '审批权 (APPROVAL_AUTHORITY_CHANGED in the history)' })
  @IsOptional()
  @IsBoolean()
  canApproveMembership?: boolean;
}

export class MoveOrgUnitDto {
  @ApiProperty({ example: 'DX-XZ', description: 'the new parent (id or code), in your county' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  parent!: string;
}

export class CloseOrgUnitDto {
  @ApiProperty({
    example: '2026-11-30',
    format: 'date',
    description: 'day of the decision to close (撤销); not after today',
  })
  @IsLocalDate()
  closedOn!: string;
}

export class OrgUnitHistoryQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

/** How an export is asked for in a link (a browser cannot set `Accept`): the format by name. */
export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: ['csv', 'xlsx'],
    description: 'csv or xlsx; when left out, the Accept header decides (CSV unless it names xlsx first)',
  })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
