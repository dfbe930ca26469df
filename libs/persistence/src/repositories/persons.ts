import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import {
  type PersonIdentity,
  type PersonReference,
  type PersonSummary,
  type WorkflowPerson,
  isPersonReference,
} from '@app/contracts';

import { RuleViolationError, parseNationalId, violation } from '@app/domain';

import { type Person, type Prisma } from '../generated/prisma/client';
import { PersonIdProtector } from '../person-id-protector';
import { PrismaService, isUniqueViolation } from '../prisma.service';
import { asDate, dateOnly } from './dates';

/**
 * What anyone but the holder of the keys sees of a national ID number, in every response, event, log and
 * export: its last character only. The rest (region code, birth date, sequence) stays hidden: the birth date
 * is shown beside it anyway, and with the region and the sequence hidden some 128 000 numbers nationwide fit
 * the mask, birth date and gender, 45 even within a known county (persons.spec.ts works it out). The former
 * mask (first 4 + last 4) left about one. Applied to an earlier, longer mask (views
 * recorded in running workflows) it gives the same result, so it can be applied again to anything shown.
 */
export function maskNationalId(value: string): string {
  return value.length === 0 ? '' : `${'*'.repeat(17)}${value.slice(-1)}`;
}

export function personSummary(person: Person): PersonSummary {
  return {
    id: person.id,
    name: person.name,
    nationalIdMasked: maskNationalId(person.nationalIdMask),
    birthDate: dateOnly(person.birthDate),
  };
}

/** A command whose person the activity has resolved to a reference (see PersonsRepository.reference). */
export type WithPersonReference<T extends { readonly person: WorkflowPerson }> = Omit<T, 'person'> & {
  readonly person: PersonReference;
};

/** The person row a command refers to, inside the command's transaction. */
export async function referencedPerson(tx: Prisma.TransactionClient, personId: string): Promise<Person> {
  const person = await tx.person.findUnique({ where: { id: personId } });
  if (!person) throw new RuleViolationError(violation('PERSON_UNKNOWN', null, `人员 ${personId} 不存在`));
  return person;
}

/**
 * The person registry by national ID number. The number is stored encrypted with a keyed hash beside it;
 * every lookup by number goes through the hash. Needs PiiConfig (the api and the worker).
 */
@Injectable()
export class PersonsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly protector: PersonIdProtector,
  ) {}

  /**
   * `ensure` for a name and an ID number as a request gives them (birth date and gender read from the number);
   * the number must have been checked before (GB 11643).
   */
  async ensureNamed(person: {
    readonly name: string;
    readonly nationalId: string;
  }): Promise<PersonReference> {
    const parsed = parseNationalId(person.nationalId);
    if (!parsed.ok) throw new Error('national ID number not checked before registering the person');
    return this.ensure({
      name: person.name,
      nationalId: parsed.id.value,
      birthDate: parsed.id.birthDate,
      gender: parsed.id.gender,
    });
  }

  /**
   * The person with this ID number, created from the identity when new (an existing person keeps the name
   * on record). The API calls it before starting a workflow, which then carries only the reference.
   */
  async ensure(identity: PersonIdentity): Promise<PersonReference> {
    const nationalIdHmac = this.protector.lookupHash(identity.nationalId);
    const existing = await this.prisma.person.findUnique({ where: { nationalIdHmac }, select: { id: true } });
    if (existing) return { personId: existing.id, birthDate: identity.birthDate };
    const id = randomUUID();
    try {
      await this.prisma.person.create({
        data: {
          id,
          name: identity.name,
          nationalIdEncrypted: this.protector.encrypt(identity.nationalId, id),
          nationalIdHmac,
          nationalIdMask: maskNationalId(identity.nationalId),
          birthDate: asDate(identity.birthDate),
          gender: identity.gender,
        },
      });
      return { personId: id, birthDate: identity.birthDate };
    } catch (error) {
      // Registered by a concurrent request meanwhile: that row is the person.
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.prisma.person.findUniqueOrThrow({
        where: { nationalIdHmac },
        select: { id: true },
      });
      return { personId: raced.id, birthDate: identity.birthDate };
    }
  }

  /** Exact lookup by ID number (through its keyed hash). */
  async findIdByNationalId(nationalId: string): Promise<string | undefined> {
    const found = await this.prisma.person.findUnique({
      where: { nationalIdHmac: this.protector.lookupHash(nationalId) },
      select: { id: true },
    });
    return found?.id;
  }

  /** A workflow's person as a reference: histories recorded before references carry the identity itself. */
  async reference(person: WorkflowPerson): Promise<PersonReference> {
    return isPersonReference(person) ? person : this.ensure(person);
  }
}
