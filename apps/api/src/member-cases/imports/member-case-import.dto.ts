import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Most cases one request brings in: a paper register is sent in parts, each checked and imported whole. */
export const MAX_CASES_PER_IMPORT = 200;
/** More steps than any path through the 25 steps with its negative and repeated actions can have. */
export const MAX_STEPS_PER_CASE = 60;

/** One recorded step of a paper case, in the shape its own endpoint takes. */
export class ImportedStepDto {
  @ApiProperty({
    description: 'The action, as the path segment of its endpoint POST /v1/member-cases/{id}/<action>',
    example: 'talk',
  })
  @IsString()
  @IsNotEmpty()
  action!: string;

  @ApiProperty({
    description: "The step's body, exactly as its endpoint takes it (date, actingBody, …)",
    example: { date: '2025-03-10', actingBody: 'DX-DZ-DC-B1', talker: '李四', summary: '谈话了解入党动机' },
  })
  @IsObject()
  body!: Record<string, unknown>;
}

/** A case that started on paper: its application (step 1) and every later step, in order. */
export class ImportedMemberCaseDto {
  @ApiPropertyOptional({
    description: "The paper file's own reference (档案号), echoed in the answer",
    example: 'DC-2025-017',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;

  @ApiProperty({
    description:
      'Step 1 in the body POST /v1/member-cases takes (applicationDate required: the day the branch received it)',
    example: {
      name: '王五',
      nationalId: '320602200001051237',
      birthDate: '2000-01-05',
      branch: 'DX-DZ-DC-B1',
      applicationDate: '2025-03-01',
    },
  })
  @IsObject()
  application!: Record<string, unknown>;

  @ApiProperty({ type: [ImportedStepDto], description: 'The steps after step 1, oldest first' })
  @IsArray()
  @ArrayMaxSize(MAX_STEPS_PER_CASE)
  @ValidateNested({ each: true })
  @Type(() => ImportedStepDto)
  steps!: ImportedStepDto[];
}

/** POST /v1/member-cases/imports: in-flight cases from one paper source. */
export class MemberCaseImportDto {
  @ApiProperty({
    description:
      'The paper source the cases come from (register, archive box…), recorded on every imported record',
    example: '大村党支部 发展党员工作记录本（2024–2026）',
    maxLength: 200,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source!: string;

  @ApiProperty({ type: [ImportedMemberCaseDto], maxItems: MAX_CASES_PER_IMPORT })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CASES_PER_IMPORT)
  @ValidateNested({ each: true })
  @Type(() => ImportedMemberCaseDto)
  cases!: ImportedMemberCaseDto[];
}
