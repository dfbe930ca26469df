import { type LocalDate, addDays, compareLocalDates } from '@app/domain';
import { nameBasedUuid } from '@app/persistence';

import { DEMO_PEOPLE } from '../../../prisma/seed/demo-county';
import { type DemoStep } from './cases';

/**
 * Who records for each acting body of the demo county (prisma/seed/demo-users.ts): a caller acts only as
 * their own org unit. 东村第一党支部 records through its 组织委员, since its secretary 王建国 cultivates and
 * sponsors the demo candidates and must stand aside on their cases.
 */
export const RECORDERS: Readonly<Record<string, string>> = {
  'DX-DZ-DC-B1': 'dc-b1-committee-member',
  'DX-DZ-DC-B2': 'dc-b2-secretary',
  'DX-DZ-XC-B1': 'xc-b1-secretary',
  'DX-DZ-NC': 'nc-secretary',
  'DX-XZ-BC': 'bc-secretary',
  'DX-DZ-DC': 'dc-secretary',
  'DX-DZ-XC': 'xc-secretary',
  'DX-DZ': 'dz-organiser',
  'DX-XZ': 'xz-organiser',
  'DX-ZZB': 'zzb-officer',
};

export const COUNTY_DEPARTMENT = 'DX-ZZB';

/** Village party organisations directly under a township (cadre posts and the reserve pool are theirs). */
export const VILLAGES = {
  'DX-DZ-DC': { name: '东村', township: 'DX-DZ' },
  'DX-DZ-XC': { name: '西村', township: 'DX-DZ' },
  'DX-DZ-NC': { name: '南村', township: 'DX-DZ' },
  'DX-XZ-BC': { name: '北村', township: 'DX-XZ' },
} as const;
export type Village = keyof typeof VILLAGES;

/** Who records for `unit`. */
export function recorder(unit: string): string {
  const user = RECORDERS[unit];
  if (!user) throw new Error(`demo data: no recorder for ${unit}`);
  return user;
}

/** A step recorded by `unit`'s recorder, with the acting body in the body (member cases name it). */
export const actingStep = (unit: string, path: string, body: Record<string, unknown>): DemoStep => ({
  as: recorder(unit),
  path,
  body: { ...body, actingBody: unit },
});

/** The person id of a seeded party member (prisma/seed/demo-county.ts), as the seed derives it. */
export function seededPersonId(name: string): string {
  const person = DEMO_PEOPLE.find((candidate) => candidate.name === name);
  if (!person) throw new Error(`demo data: no seeded person ${name}`);
  return nameBasedUuid(`person:${person.nationalId}`);
}

/** Every step dated on or before the demo's business day, in order: a plan that is not fails loudly. */
export function checkDates(code: string, dates: readonly LocalDate[], anchor: LocalDate): void {
  dates.forEach((date, index) => {
    if (compareLocalDates(date, anchor) > 0) {
      throw new Error(`demo data ${code}: step ${index + 1} dated ${date}, after ${anchor}`);
    }
    if (index > 0 && compareLocalDates(date, dates[index - 1]!) < 0) {
      throw new Error(`demo data ${code}: step ${index + 1} dated ${date}, before the step before it`);
    }
  });
}

export const daysBefore = (anchor: LocalDate, days: number): LocalDate => addDays(anchor, -days);
