import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

import { OFFICE_ROLES, type Role } from '@app/domain';

export class CreateDelegationDto {
  @ApiProperty({
    description:
      'Subject (user id) of the stand-in: someone of your org unit or a unit below it (their token is checked ' +
      'on every use: 403 DELEGATE_OUTSIDE_ORG_UNIT otherwise)',
    example: 'dc-b1-committee-member',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  delegate!: string;

  @ApiPropertyOptional({
    description: 'Office roles handed over (default: all the delegator holds)',
    enum: OFFICE_ROLES,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(OFFICE_ROLES.length)
  @IsIn(OFFICE_ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-23T00:00:00+08:00',
    description: 'Today (China time) or later: an earlier day answers 422 DELEGATION_STARTS_IN_PAST',
  })
  @IsISO8601({ strict: true })
  validFrom!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-07T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  validUntil!: string;

  @ApiProperty({ example: '书记参加县委党校培训期间' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
