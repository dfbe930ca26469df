import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsLocalDate } from '@app/config';

import {
  ALL_TARGET_METRICS,
  COMMITTEE_POSTS,
  EDUCATION_LEVELS,
  type EducationLevel,
  type TargetMetric,
} from '@app/domain';

export class TargetsQueryDto {
  @ApiProperty({ description: 'org unit id or code', example: 'DX' })
  @IsString()
  @IsNotEmpty()
  orgUnit!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2014)
  @Max(2100)
  year!: number;
}

export class SetQuotaDto {
  @ApiProperty({ description: 'org unit id or code', example: 'DX-DZ' })
  @IsString()
  @IsNotEmpty()
  orgUnit!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2014)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: ALL_TARGET_METRICS, example: 'activists' })
  @IsIn(ALL_TARGET_METRICS)
  metric!: TargetMetric;

  @ApiProperty({ example: 300, description: 'planned number; the children together may not get more' })
  @IsInt()
  @Min(0)
  quota!: number;
}

export class AlertsQueryDto extends TargetsQueryDto {
  @ApiPropertyOptional({ description: 'also list alerts that have been cleared', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeCleared = false;
}

export class OrgUnitQueryDto {
  @ApiProperty({ description: 'org unit id or code', example: 'DX' })
  @IsString()
  @IsNotEmpty()
  orgUnit!: string;
}

export class RosterMemberDto {
  @ApiProperty({ example: '王建国' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @ApiProperty({ enum: COMMITTEE_POSTS, description: '两委 posts' }) @IsIn(COMMITTEE_POSTS) post!: string;
  @ApiProperty({ enum: EDUCATION_LEVELS }) @IsIn(EDUCATION_LEVELS) education!: EducationLevel;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsLocalDate() since?: string;
}

/** The village's 两委 members in office that no recruitment case placed (replaces what was registered). */
export class RosterDto {
  @ApiProperty({ type: [RosterMemberDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => RosterMemberDto)
  members!: RosterMemberDto[];
}
