import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { type LocalDate, type OrgUnit, type OrgUnitKind, decodeOrgPath, encodeOrgPath } from '@app/domain';

import { type DisciplineKind, type Gender, type MembershipStatus } from '../generated/prisma/client';
import { PersonIdProtector } from '../person-id-protector';
import { PrismaService } from '../prisma.service';
import { dateOnly } from './dates';
import { type OrgActor, lockOrgTree, recordChange, snapshotOf } from './org-admin.repository';
import { maskNationalId } from './persons';
import { toOrgUnit } from './org-units.repository';

/** A unit of the tree file: what the import writes and the export reads (open units only). */
export interface TreeRowData {
  readonly code: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly parentCode: string;
  readonly canApproveMembership: boolean;
}

export interface TreeImportPlan {
  readonly creates: readonly {
    readonly id: string;
    readonly row: TreeRowData;
    readonly parentId: string;
    readonly path: readonly string[];
  }[];
  readonly updates: readonly { readonly unit: OrgUnit; readonly row: TreeRowData }[];
}

/** A member of the roster file, as imported and exported (the clear national ID number included). */
export interface RosterRowData {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: LocalDate;
  readonly gender: Gender;
  readonly branchCode: string;
  readonly status: MembershipStatus;
  readonly partyAgeFrom: LocalDate | null;
  readonly disciplineKind: DisciplineKind | null;
  readonly disciplineImpactEnds: LocalDate | null;
  /** For 留党察看 only (null otherwise). */
  readonly rightsRestored: boolean | null;
}

/** A person the roster names who is already registered, found by the keyed hash of the number. */
export interface KnownPerson {
  readonly id: string;
  readonly name: string;
  readonly membership: {
    readonly branchId: string;
    readonly branchPath: readonly string[];
    readonly status: MembershipStatus;
    readonly partyAgeFrom: string | null;
    readonly disciplineKind: DisciplineKind | null;
    readonly disciplineImpactEnds: string | null;
    readonly rightsRestored: boolean;
  } | null;
}

export interface RosterImportPlan {
  /** People to register (new numbers), with their membership. */
  readonly newPeople: readonly { readonly row: RosterRowData; readonly branchId: string }[];
  /** Registered people whose name or membership changes. */
  readonly changed: readonly {
    readonly personId: string;
    readonly row: RosterRowData;
    readonly branchId: string;
    readonly renamed: boolean;
  }[];
}

interface KnownPersonRow {
  readonly id: string;
  readonly name: string;
  readonly hmac: string;
  readonly branchId: string | null;
  readonly branchPath: string | null;
  readonly status: string | null;
  readonly partyAgeFrom: string | null;
  readonly disciplineKind: string | null;
  readonly disciplineImpactEnds: string | null;
  readonly rightsRestored: boolean | null;
}

/** Rows per statement: well under PostgreSQL's 65 535 bind parameters, and arrays stay modest. */
const CHUNK = 5_000;
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) =>
    items.slice(index * CHUNK, (index + 1) * CHUNK),
  );
/** Long enough for a county's roster written in a few batched statements. */
const IMPORT_TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

/**
 * The org tree and the member roster as files: what an import compares against, the batched writes of a
 * clean import (one transaction, a few statements per table whatever the size), and the rows an export reads.
 */
@Injectable()
export class OrgTransferRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly protector: PersonIdProtector,
  ) {}

  /** Units with these codes, wherever they are (a code is unique in the whole tree). */
  async unitsByCode(codes: readonly string[]): Promise<Map<string, OrgUnit>> {
    const found = new Map<string, OrgUnit>();
    for (const part of chunks([...new Set(codes)])) {
      const rows = await this.prisma.orgUnit.findMany({ where: { code: { in: part } } });
      for (const row of rows) {
        found.set(row.code, toOrgUnit(row));
      }
    }
    return found;
  }

  /** The open units strictly below `anchor`, parents before children, in the import's shape. */
  async treeRows(anchor: OrgUnit): Promise<TreeRowData[]> {
    const rows = await this.prisma.orgUnit.findMany({
      where: {
        path: { startsWith: encodeOrgPath(anchor.path) },
        id: { not: anchor.id },
        closedOn: null,
      },
      include: { parent: { select: { code: true } } },
      orderBy: [{ depth: 'asc' }, { code: 'asc' }],
    });
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: row.parent?.code ?? '',
      canApproveMembership: row.canApproveMembership,
    }));
  }

  /** Creates and updates the units of a clean tree file in one transaction, each with an IMPORTED history row. */
  async applyTree(plan: TreeImportPlan, actor: OrgActor, source: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await lockOrgTree(tx);
      // Parents first, so each row's parent exists when its foreign key is checked.
      const creates = [...plan.creates].sort((a, b) => a.path.length - b.path.length);
      for (const part of chunks(creates)) {
        await tx.orgUnit.createMany({
          data: part.map(({ id, row, parentId, path }) => ({
            id,
            code: row.code,
            name: row.name,
            kind: row.kind,
            parentId,
            path: encodeOrgPath(path),
            depth: path.length - 1,
            canApproveMembership: row.canApproveMembership,
          })),
        });
      }
      for (const part of chunks(plan.updates)) {
        await tx.$executeRaw`
          UPDATE org_unit SET name = v.name, can_approve_membership = v.approve
          FROM unnest(${part.map(({ unit }) => unit.id)}::uuid[], ${part.map(({ row }) => row.name)}::varchar[],
                      ${part.map(({ row }) => row.canApproveMembership)}::boolean[]) AS v(id, name, approve)
          WHERE org_unit.id = v.id`;
      }
      const changed = [...creates.map(({ id }) => id), ...plan.updates.map(({ unit }) => unit.id)];
      for (const part of chunks(changed)) {
        const rows = await tx.orgUnit.findMany({
          where: { id: { in: part } },
          include: { parent: { select: { code: true } } },
        });
        const before = new Map(plan.updates.map(({ unit }) => [unit.id, unit]));
        await tx.orgUnitChange.createMany({
          data: rows.map((row) => {
            const was = before.get(row.id);
            return {
              id: randomUUID(),
              orgUnitId: row.id,
              kind: 'IMPORTED' as const,
              actorSubject: actor.subject,
              actorName: actor.name,
              ...(was
                ? {
                    before: {
                      code: was.code,
                      name: was.name,
                      kind: was.kind,
                      parentId: was.parentId,
                      parentCode: row.parent?.code ?? null,
                      path: encodeOrgPath(was.path),
                      canApproveMembership: was.canApproveMembership,
                      closedOn: null,
                    },
                  }
                : {}),
              after: { ...snapshotOf(row, row.parent?.code ?? null) },
              source,
            };
          }),
        });
      }
    }, IMPORT_TRANSACTION);
  }

  /**
   * Registered people by national ID number, looked up through the keyed hash (never by decrypting): one
   * statement for the whole file, the hashes passed as one array.
   */
  async peopleByNationalId(nationalIds: readonly string[]): Promise<Map<string, KnownPerson>> {
    const byHash = new Map(nationalIds.map((id) => [this.protector.lookupHash(id), id]));
    const rows = await this.prisma.$queryRaw<KnownPersonRow[]>`
      SELECT p.id, p.name, p.national_id_hmac AS hmac, m.branch_id AS "branchId", b.path AS "branchPath",
             m.status::text AS status, m.party_age_from::text AS "partyAgeFrom",
             m.discipline_kind::text AS "disciplineKind", m.discipline_impact_ends::text AS "disciplineImpactEnds",
             m.rights_restored AS "rightsRestored"
      FROM person p
      LEFT JOIN party_membership m ON m.person_id = p.id
      LEFT JOIN org_unit b ON b.id = m.branch_id
      WHERE p.national_id_hmac = ANY(${[...byHash.keys()]}::text[])`;
    return new Map(
      rows.map((row) => [
        byHash.get(row.hmac)!,
        {
          id: row.id,
          name: row.name,
          membership:
            row.branchId === null
              ? null
              : {
                  branchId: row.branchId,
                  branchPath: decodeOrgPath(row.branchPath!),
                  status: row.status as MembershipStatus,
                  partyAgeFrom: row.partyAgeFrom,
                  disciplineKind: row.disciplineKind as DisciplineKind | null,
                  disciplineImpactEnds: row.disciplineImpactEnds,
                  rightsRestored: row.rightsRestored!,
                },
        },
      ]),
    );
  }

  /**
   * Registers the new people and upserts every changed membership of a clean roster in one transaction:
   * batched statements (createMany, unnest), never one query per member. One IMPORTED history row on the
   * anchor unit says who imported which file with what effect.
   */
  async applyRoster(
    plan: RosterImportPlan,
    anchor: OrgUnit,
    actor: OrgActor,
    source: string,
    counts: object,
  ): Promise<void> {
    const people = plan.newPeople.map(({ row, branchId }) => ({ id: randomUUID(), row, branchId }));
    await this.prisma.$transaction(async (tx) => {
      for (const part of chunks(people)) {
        // One INSERT … SELECT unnest(…) per chunk: a handful of array parameters, not seven per person.
        const column = <T>(pick: (entry: (typeof part)[number]) => T) => part.map(pick);
        await tx.$executeRaw`
          INSERT INTO person (id, name, national_id_encrypted, national_id_hmac, national_id_mask, birth_date, gender)
          SELECT unnest(${column((entry) => entry.id)}::uuid[]), unnest(${column((entry) => entry.row.name)}::varchar[]),
                 unnest(${column((entry) => this.protector.encrypt(entry.row.nationalId, entry.id))}::text[]),
                 unnest(${column((entry) => this.protector.lookupHash(entry.row.nationalId))}::text[]),
                 unnest(${column((entry) => maskNationalId(entry.row.nationalId))}::varchar[]),
                 unnest(${column((entry) => entry.row.birthDate)}::date[]),
                 unnest(${column((entry) => entry.row.gender)}::gender[])`;
      }
      const renamed = plan.changed.filter((change) => change.renamed);
      for (const part of chunks(renamed)) {
        await tx.$executeRaw`
          UPDATE person SET name = v.name
          FROM unnest(${part.map((change) => change.personId)}::uuid[],
                      ${part.map((change) => change.row.name)}::varchar[]) AS v(id, name)
          WHERE person.id = v.id`;
      }
      const memberships = [
        ...people.map(({ id, row, branchId }) => ({ personId: id, row, branchId })),
        ...plan.changed,
      ];
      for (const part of chunks(memberships)) {
        const column = <T>(pick: (entry: (typeof part)[number]) => T) => part.map(pick);
        await tx.$executeRaw`
          INSERT INTO party_membership (person_id, branch_id, status, party_age_from, discipline_kind,
                                        discipline_impact_ends, rights_restored, updated_at)
          SELECT unnest(${column((entry) => entry.personId)}::uuid[]),
                 unnest(${column((entry) => entry.branchId)}::uuid[]),
                 unnest(${column((entry) => entry.row.status)}::membership_status[]),
                 unnest(${column((entry) => entry.row.partyAgeFrom)}::date[]),
                 unnest(${column((entry) => entry.row.disciplineKind)}::discipline_kind[]),
                 unnest(${column((entry) => entry.row.disciplineImpactEnds)}::date[]),
                 unnest(${column((entry) => entry.row.rightsRestored ?? true)}::boolean[]), now()
          ON CONFLICT (person_id) DO UPDATE SET
            branch_id = EXCLUDED.branch_id, status = EXCLUDED.status, party_age_from = EXCLUDED.party_age_from,
            discipline_kind = EXCLUDED.discipline_kind, discipline_impact_ends = EXCLUDED.discipline_impact_ends,
            rights_restored = EXCLUDED.rights_restored, updated_at = now()`;
      }
      await recordChange(tx, {
        orgUnitId: anchor.id,
        kind: 'IMPORTED',
        actor,
        before: null,
        after: { roster: counts },
        source,
      });
    }, IMPORT_TRANSACTION);
  }

  /**
   * The members held anywhere under `anchor` (the anchor included), in the import's shape, by branch code then
   * name: the national ID numbers decrypted (only the org department exports, and each export is audited).
   */
  async rosterRows(anchor: OrgUnit): Promise<RosterRowData[]> {
    const rows = await this.prisma.partyMembership.findMany({
      where: { branch: { path: { startsWith: encodeOrgPath(anchor.path) } } },
      include: { person: true, branch: { select: { code: true } } },
    });
    return rows
      .map(({ person, branch, ...membership }) => ({
        name: person.name,
        nationalId: this.protector.decrypt(person.nationalIdEncrypted, person.id),
        birthDate: dateOnly(person.birthDate),
        gender: person.gender,
        branchCode: branch.code,
        status: membership.status,
        partyAgeFrom: membership.partyAgeFrom ? dateOnly(membership.partyAgeFrom) : null,
        disciplineKind: membership.disciplineKind,
        disciplineImpactEnds: membership.disciplineImpactEnds
          ? dateOnly(membership.disciplineImpactEnds)
          : null,
        rightsRestored:
          membership.disciplineKind === 'PROBATION_WITHIN_PARTY' ? membership.rightsRestored : null,
      }))
      .sort((a, b) =>
        a.branchCode === b.branchCode
          ? a.name.localeCompare(b.name, 'zh') || a.nationalId.localeCompare(b.nationalId)
          : a.branchCode < b.branchCode
            ? -1
            : 1,
      );
  }
}
