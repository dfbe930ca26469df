import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

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

  @ApiProperty({ description: '受理申请的党支部: org unit id or code', example: 'DX-DC-B1' })
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
}
