import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

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
