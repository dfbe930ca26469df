import { withCheckCharacter } from '../../libs/domain/src';

/** A valid 18-digit ID number for a person born on `birth` (YYYYMMDD). */
export function nationalIdFor(birth: string, sequence: string): string {
  return withCheckCharacter(`320602${birth}${sequence}`);
}
