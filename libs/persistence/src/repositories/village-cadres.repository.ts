import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { COMMITTEE_POSTS, EDUCATION_LEVELS, type OrgUnit, encodeOrgPath, meetsEducation } from '@app/domain';

import { PrismaService } from '../prisma.service';
import { asDate, dateOnly } from './dates';

export interface RosterMember {
  readonly name: string;
  readonly post: string;
  readonly education: string;
  readonly since: string | null;
}

/** Serving village cadres under a unit: all 两委 members, and the party secretaries, with how many hold 大专+. */
export interface VillageCadreCounts {
  readonly cadres: number;
  readonly cadresCollege: number;
  /** Placed before their education was carried on the appointment: left out of the share. */
  readonly cadresUnknown: number;
  readonly secretaries: number;
  readonly secretariesCollege: number;
  readonly secretariesUnknown: number;
}

const COLLEGE = EDUCATION_LEVELS.filter((level) => meetsEducation(level, 'JUNIOR_COLLEGE'));

/**
 * The population of the 8595 shares: cadres placed through recruitment (target_village_cadre, from the cadre
 * events) and the incumbents the township or county registers per village (village_cadre_roster).
 */
@Injectable()
export class VillageCadresRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Replaces the village's registered incumbents in one transaction. */
  async replaceRoster(
    villageId: string,
    members: readonly RosterMember[],
    updatedBy: string | null,
  ): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.villageCadreRoster.deleteMany({ where: { villageId } }),
      this.prisma.villageCadreRoster.createMany({
        data: members.map((member) => ({
          id: randomUUID(),
          villageId,
          name: member.name,
          post: member.post,
          education: member.education,
          since: member.since ? asDate(member.since) : null,
          updatedBy,
        })),
      }),
    ]);
  }

  async roster(villageId: string): Promise<RosterMember[]> {
    const rows = await this.prisma.villageCadreRoster.findMany({
      where: { villageId },
      orderBy: { post: 'asc' },
    });
    return rows.map((row) => ({
      name: row.name,
      post: row.post,
      education: row.education,
      since: row.since ? dateOnly(row.since) : null,
    }));
  }

  /** Counts for each unit's subtree, serving cadres only. */
  async counts(units: readonly OrgUnit[]): Promise<Map<string, VillageCadreCounts>> {
    const paths = units.map((unit) => encodeOrgPath(unit.path));
    const rows = await this.prisma.$queryRaw<
      {
        id: string;
        cadres: number;
        cadres_college: number;
        cadres_unknown: number;
        secretaries: number;
        secretaries_college: number;
        secretaries_unknown: number;
      }[]
    >`
      WITH serving AS (
        SELECT org_path, post, education FROM target_village_cadre WHERE serving
        UNION ALL
        SELECT o.path, r.post, r.education FROM village_cadre_roster r JOIN org_unit o ON o.id = r.village_id
      )
      SELECT u.id::text AS id,
             count(s.post) FILTER (WHERE s.post = ANY(${COMMITTEE_POSTS}))::int AS cadres,
             count(s.post) FILTER (WHERE s.post = ANY(${COMMITTEE_POSTS}) AND s.education = ANY(${COLLEGE}))::int
               AS cadres_college,
             count(s.post) FILTER (WHERE s.post = ANY(${COMMITTEE_POSTS}) AND s.education IS NULL)::int AS cadres_unknown,
             count(s.post) FILTER (WHERE s.post = 'PARTY_SECRETARY')::int AS secretaries,
             count(s.post) FILTER (WHERE s.post = 'PARTY_SECRETARY' AND s.education = ANY(${COLLEGE}))::int
               AS secretaries_college,
             count(s.post) FILTER (WHERE s.post = 'PARTY_SECRETARY' AND s.education IS NULL)::int AS secretaries_unknown
      FROM unnest(${units.map((unit) => unit.id)}::uuid[], ${paths}::text[]) AS u(id, path)
      LEFT JOIN serving s ON s.org_path LIKE u.path || '%'
      GROUP BY u.id`;
    return new Map(
      rows.map((row) => [
        row.id,
        {
          cadres: row.cadres,
          cadresCollege: row.cadres_college,
          cadresUnknown: row.cadres_unknown,
          secretaries: row.secretaries,
          secretariesCollege: row.secretaries_college,
          secretariesUnknown: row.secretaries_unknown,
        },
      ]),
    );
  }
}
