import { Injectable } from '@nestjs/common';

import { type LocalDate, type MemberStanding, type OrgUnit, encodeOrgPath } from '@app/domain';

import { type PartyMembership, type Person } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { containsText } from './org-units.repository';
import { maskNationalId } from './persons';

const dateOnly = (value: Date): LocalDate => value.toISOString().slice(0, 10) as LocalDate;

/** A person as the sponsor and contact rules take them: their membership status and the discipline on record. */
function toStanding(person: Pick<Person, 'id' | 'name'>, membership: PartyMembership | null): MemberStanding {
  return {
    personId: person.id,
    name: person.name,
    status: membership?.status ?? 'NOT_A_MEMBER',
    ...(membership?.disciplineKind
      ? {
          discipline: {
            kind: membership.disciplineKind,
            ...(membership.disciplineImpactEnds
              ? { impactPeriodEnds: dateOnly(membership.disciplineImpactEnds) }
              : {}),
            rightsRestored: membership.rightsRestored,
          },
        }
      : {}),
  };
}

/** A party member as the sponsor and cultivation-contact pickers list them (never the clear ID number). */
export interface PartyMemberRow {
  readonly personId: string;
  readonly name: string;
  /** maskNationalId of the stored mask: its last character only. */
  readonly nationalIdMasked: string;
  readonly branch: { readonly id: string; readonly code: string; readonly name: string };
  readonly status: 'FULL_MEMBER' | 'PROBATIONARY';
  readonly partyAgeFrom: LocalDate | null;
  readonly discipline: {
    readonly kind: NonNullable<MemberStanding['discipline']>['kind'];
    readonly impactEnds: LocalDate | null;
    /** 留党察看 only: whether party rights have been restored (null for the other kinds). */
    readonly rightsRestored: boolean | null;
  } | null;
  /** The same person as the sponsor and contact rules take them (PartyMembershipsRepository.standings). */
  readonly standing: MemberStanding;
}

/** Members whose membership is held at a unit (or anywhere under it), by name then person id. */
export interface MembersQuery {
  readonly unit: OrgUnit;
  readonly subtree: boolean;
  readonly status?: 'FULL_MEMBER' | 'PROBATIONARY';
  /** Name contains (case-insensitive). */
  readonly nameContains?: string;
  /** Keyset: the last member of the previous page. */
  readonly after?: { readonly name: string; readonly personId: string };
  readonly limit: number;
}

@Injectable()
export class PartyMembershipsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The standing of each person as a party member, in the order asked; people with no membership come
   * back as NOT_A_MEMBER so the rules can say why they cannot act. Unknown person ids are omitted.
   */
  async standings(personIds: readonly string[]): Promise<MemberStanding[]> {
    const people = await this.prisma.person.findMany({
      where: { id: { in: [...personIds] } },
      include: { membership: true },
    });
    const byId = new Map(people.map((person) => [person.id, person]));
    return personIds.flatMap((id) => {
      const person = byId.get(id);
      return person ? [toStanding(person, person.membership)] : [];
    });
  }

  /** One page of the members of a unit or subtree (see MembersQuery), with each one's standing. */
  async members(query: MembersQuery): Promise<PartyMemberRow[]> {
    const after = query.after;
    const rows = await this.prisma.partyMembership.findMany({
      where: {
        ...(query.subtree
          ? { branch: { path: { startsWith: encodeOrgPath(query.unit.path) } } }
          : { branchId: query.unit.id }),
        ...(query.status ? { status: query.status } : {}),
        ...(query.nameContains ? { person: { name: containsText(query.nameContains) } } : {}),
        ...(after
          ? {
              OR: [
                { person: { name: { gt: after.name } } },
                { person: { name: after.name }, personId: { gt: after.personId } },
              ],
            }
          : {}),
      },
      include: { person: true, branch: true },
      orderBy: [{ person: { name: 'asc' } }, { personId: 'asc' }],
      take: query.limit,
    });
    return rows.map(({ person, branch, ...membership }) => {
      const kind = membership.disciplineKind;
      const impactEnds = membership.disciplineImpactEnds ? dateOnly(membership.disciplineImpactEnds) : null;
      return {
        personId: person.id,
        name: person.name,
        nationalIdMasked: maskNationalId(person.nationalIdMask),
        branch: { id: branch.id, code: branch.code, name: branch.name },
        status: membership.status,
        partyAgeFrom: membership.partyAgeFrom ? dateOnly(membership.partyAgeFrom) : null,
        discipline: kind
          ? {
              kind,
              impactEnds,
              rightsRestored: kind === 'PROBATION_WITHIN_PARTY' ? membership.rightsRestored : null,
            }
          : null,
        standing: toStanding(person, membership),
      };
    });
  }
}
