import { Injectable } from '@nestjs/common';

import { type LocalDate, type MemberStanding } from '@app/domain';

import { PrismaService } from '../prisma.service';

const dateOnly = (value: Date): LocalDate => value.toISOString().slice(0, 10) as LocalDate;

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
      if (!person) return [];
      const membership = person.membership;
      const standing: MemberStanding = {
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
      return [standing];
    });
  }
}
