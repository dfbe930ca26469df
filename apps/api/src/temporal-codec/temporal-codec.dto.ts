import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** A Temporal payload in the proto3 JSON form of the remote codec protocol: bytes as base64. */
@ApiSchema({ name: 'TemporalPayload' })
export class TemporalPayloadDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'ZGV2LTE=' },
    description: 'metadata entries, each value base64',
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', description: 'the payload bytes, base64' })
  @IsOptional()
  @IsString()
  data?: string;
}

/**
 * The body of a remote codec request and of its answer (Temporal's codec server protocol). Proto3 JSON leaves
 * an empty list out: the CLI sends `{}` for an event without payloads.
 */
@ApiSchema({ name: 'TemporalPayloads' })
export class TemporalPayloadsDto {
  @ApiPropertyOptional({ type: [TemporalPayloadDto], maxItems: 1000, description: 'absent: none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TemporalPayloadDto)
  payloads?: TemporalPayloadDto[];
}
