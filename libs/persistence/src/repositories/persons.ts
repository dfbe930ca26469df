import { randomUUID } from 'node:crypto';

import { type ApplicantProfile, type PersonIdentity, type PersonSummary } from '@app/contracts';

import { type Person, type Prisma } from '../generated/prisma/client';
import { asDate, dateOnly } from './dates';

export function maskNationalId(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(14)}`;
}

export function personSummary(person: Person): PersonSummary {
  return {
    id: person.id,
    name: person.name,
    nationalIdMasked: maskNationalId(person.nationalId),
    birthDate: dateOnly(person.birthDate),
  };
}

/**
 * The person with this ID number, created from the identity when new; `facts` (structure facts recorded now)
 * are written either way, being the newest known.
 */
export function ensurePerson(
  tx: Prisma.TransactionClient,
  identity: PersonIdentity,
  facts: ApplicantProfile = {},
): Promise<Person> {
  return tx.person.upsert({
    where: { nationalId: identity.nationalId },
    create: {
      id: randomUUID(),
      name: identity.name,
      nationalId: identity.nationalId,
      birthDate: asDate(identity.birthDate),
      gender: identity.gender,
      ...facts,
    },
    update: { ...facts },
  });
}
