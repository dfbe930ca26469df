import { PrismaPg } from '@prisma/adapter-pg';

import { encodeOrgPath } from '@app/domain';
import { type PersonIdProtector, maskNationalId, nameBasedUuid } from '@app/persistence';

import { PrismaClient } from '../../libs/persistence/src/generated/prisma/client';
import { DEMO_ORG_UNITS, DEMO_PEOPLE } from './demo-county';

export const orgUnitId = (code: string): string => nameBasedUuid(`org-unit:${code}`);

/** Upserts the demo county; running it again changes nothing. ID numbers are stored as the apps store them. */
export async function seedDemoCounty(
  databaseUrl: string,
  protector: PersonIdProtector,
): Promise<{ orgUnits: number; people: number }> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const paths = new Map<string, string[]>();
    for (const unit of DEMO_ORG_UNITS) {
      const id = orgUnitId(unit.code);
      const parentPath = unit.parent ? paths.get(unit.parent) : [];
      if (!parentPath) throw new Error(`seed order: ${unit.parent} must come before ${unit.code}`);
      const path = [...parentPath, id];
      paths.set(unit.code, path);
      const data = {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parent ? orgUnitId(unit.parent) : null,
        path: encodeOrgPath(path),
        depth: path.length - 1,
        canApproveMembership: unit.canApproveMembership ?? false,
      };
      await prisma.orgUnit.upsert({ where: { id }, create: { id, ...data }, update: data });
    }
    const date = (text: string) => new Date(`${text}T00:00:00Z`);
    for (const { membership, nationalId, ...person } of DEMO_PEOPLE) {
      const id = nameBasedUuid(`person:${nationalId}`);
      const nationalIdHmac = protector.lookupHash(nationalId);
      const saved = await prisma.person.upsert({
        where: { nationalIdHmac },
        create: {
          id,
          ...person,
          birthDate: date(person.birthDate),
          nationalIdEncrypted: protector.encrypt(nationalId, id),
          nationalIdHmac,
          nationalIdMask: maskNationalId(nationalId),
        },
        update: {},
      });
      if (!membership) continue;
      const standing = {
        branchId: orgUnitId(membership.branch),
        status: membership.status,
        partyAgeFrom: membership.partyAgeFrom ? date(membership.partyAgeFrom) : null,
        disciplineKind: membership.discipline?.kind ?? null,
        disciplineImpactEnds: membership.discipline?.impactEnds
          ? date(membership.discipline.impactEnds)
          : null,
        rightsRestored: membership.discipline?.rightsRestored ?? true,
      };
      await prisma.partyMembership.upsert({
        where: { personId: saved.id },
        create: { personId: saved.id, ...standing },
        update: standing,
      });
    }
    return { orgUnits: DEMO_ORG_UNITS.length, people: DEMO_PEOPLE.length };
  } finally {
    await prisma.$disconnect();
  }
}
