import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { APPLICANT_OCCUPATIONS, type ApplicantOccupation, type ApplicantProfile } from '@app/contracts';
import { EDUCATION_LEVELS, type EducationLevel } from '@app/domain';

/** Facts for the structure statistics (党内统计); each one optional, unknown when left out. */
export class ApplicantProfileDto implements ApplicantProfile {
  @ApiPropertyOptional({
    enum: EDUCATION_LEVELS,
    description: '学历 (highest completed)',
    example: 'BACHELOR',
  })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: EducationLevel;

  @ApiPropertyOptional({
    enum: APPLICANT_OCCUPATIONS,
    description: '职业 (党内统计 categories)',
    example: 'FARMER_HERDER_FISHER',
  })
  @IsOptional()
  @IsIn(APPLICANT_OCCUPATIONS)
  occupation?: ApplicantOccupation;

  @ApiPropertyOptional({ description: '生产、工作一线', example: true })
  @IsOptional()
  @IsBoolean()
  frontLine?: boolean;

  @ApiPropertyOptional({ description: '新兴领域', example: false })
  @IsOptional()
  @IsBoolean()
  newSector?: boolean;

  @ApiPropertyOptional({ description: '少数民族', example: false })
  @IsOptional()
  @IsBoolean()
  ethnicMinority?: boolean;
}

/** Step 1 (递交入党申请书) as entered by the branch. Dates and the ID number are checked by the domain rules. */
export class CreateMemberCaseDto {
  @ApiProperty({ description: '申请人姓名', example: '张三', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({
    description: '公民身份号码 (GB 11643-1999, 18 位, 含校验码)',
    example: '320602200001051237',
  })
  @IsString()
  @IsNotEmpty()
  nationalId!: string;

  @ApiProperty({ description: '出生日期, must match the ID number', example: '2000-01-05', format: 'date' })
  @IsString()
  @IsNotEmpty()
  birthDate!: string;

  @ApiProperty({ description: '受理申请的党支部: org unit id or code', example: 'DX-DZ-DC-B1' })
  @IsString()
  @IsNotEmpty()
  branch!: string;

  @ApiPropertyOptional({
    description: '党支部收到申请书的日期; defaults to today in China Standard Time',
    example: '2026-11-20',
    format: 'date',
  })
  @IsOptional()
  @IsString()
  applicationDate?: string;

  @ApiPropertyOptional({ type: ApplicantProfileDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantProfileDto)
  profile?: ApplicantProfileDto;
}
