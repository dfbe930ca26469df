import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';

/**
 * A required nested object of a request body, documented as its class and validated as one. ValidateNested
 * alone skips an absent value (a body without it would reach the service), so IsDefined comes with it.
 */
export const RequiredNested = (type: new () => object): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type }),
    IsDefined(),
    ValidateNested(),
    Type(() => type),
  );
