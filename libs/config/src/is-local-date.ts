import { ValidateBy, buildMessage } from 'class-validator';

import { parseLocalDate } from '@app/domain';

/** A calendar day written YYYY-MM-DD that exists (2026-02-30 and 2026-13-01 are refused). */
export const IsLocalDate = (): PropertyDecorator =>
  ValidateBy({
    name: 'isLocalDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseLocalDate(value) !== undefined,
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be a calendar date (YYYY-MM-DD)`),
    },
  });
