import { Matches } from 'class-validator';

/** A calendar day written YYYY-MM-DD (whether it exists is checked where it is parsed). */
export const IsLocalDate = (): PropertyDecorator =>
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' });
