import { type LocalDate, parseLocalDate } from '../kernel/time/local-date';

/** 公民身份号码 per GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence, check character. */
export interface NationalId {
  readonly value: string;
  readonly birthDate: LocalDate;
  readonly gender: 'MALE' | 'FEMALE';
}

export type NationalIdProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** A complete 18-character ID number from its first 17 digits (fixtures, seeds). */
export function withCheckCharacter(first17: string): string {
  return first17 + nationalIdCheckCharacter(first17);
}

export function parseNationalId(
  raw: string,
): { ok: true; id: NationalId } | { ok: false; problem: NationalIdProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return { ok: false, problem: 'FORMAT' };
  const birthDate = parseLocalDate(`${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`);
  if (!birthDate) return { ok: false, problem: 'BIRTH_DATE' };
  if (nationalIdCheckCharacter(value.slice(0, 17)) !== value[17])
    return { ok: false, problem: 'CHECK_DIGIT' };
  return { ok: true, id: { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE' } };
}
