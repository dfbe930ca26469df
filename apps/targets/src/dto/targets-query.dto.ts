import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

import { TARGET_METRICS, type TargetMetric } from '@app/domain';

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

  @ApiProperty({ enum: Object.values(TARGET_METRICS), example: 'activists' })
  @IsIn(Object.values(TARGET_METRICS))
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
