import { Injectable } from '@nestjs/common';

import { type OrgUnit, ROLES, type Role } from '@app/domain';

import { PrismaService } from '../prisma.service';
import { toOrgUnit } from './org-units.repository';

export interface DelegationView {
  readonly id: string;
  readonly delegator: { readonly subject: string; readonly name: string };
  readonly delegateSubject: string;
  readonly orgUnit: OrgUnit;
  readonly roles: readonly Role[];
  readonly validFrom: string;
  readonly validUntil: string;
  readonly reason: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

type Row = Awaited<ReturnType<PrismaService['delegation']['findFirstOrThrow']>> & {
  orgUnit: Parameters<typeof toOrgUnit>[0];
};

const toView = (row: Row): DelegationView => ({
  id: row.id,
  delegator: { subject: row.delegatorSubject, name: row.delegatorName },
  delegateSubject: row.delegateSubject,
  orgUnit: toOrgUnit(row.orgUnit),
  roles: row.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
  validFrom: row.validFrom.toISOString(),
  validUntil: row.validUntil.toISOString(),
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class DelegationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(delegation: {
    readonly id: string;
    readonly delegatorSubject: string;
    readonly delegatorName: string;
    readonly delegateSubject: string;
    readonly orgUnitId: string;
    readonly roles: readonly Role[];
    readonly validFrom: Date;
    readonly validUntil: Date;
    readonly reason: string;
  }): Promise<DelegationView> {
    // Same id again (a retried request, also a concurrent one) returns the delegation already made: ON
    // CONFLICT DO NOTHING, where an upsert's separate read and insert race into a unique-key error.
    await this.prisma.delegation.createMany({
      data: [{ ...delegation, roles: [...delegation.roles] }],
      skipDuplicates: true,
    });
    return toView(
      await this.prisma.delegation.findUniqueOrThrow({
        where: { id: delegation.id },
        include: { orgUnit: true },
      }),
    );
  }

  async find(id: string): Promise<DelegationView | undefined> {
    const row = await this.prisma.delegation.findUnique({ where: { id }, include: { orgUnit: true } });
    return row ? toView(row) : undefined;
  }

  /** The delegation `delegateSubject` may act under at `at`, if it is current and not revoked. */
  async activeFor(id: string, delegateSubject: string, at: Date): Promise<DelegationView | undefined> {
    const row = await this.prisma.delegation.findFirst({
      where: {
        id,
        delegateSubject,
        revokedAt: null,
        validFrom: { lte: at },
        validUntil: { gt: at },
      },
      include: { orgUnit: true },
    });
    return row ? toView(row) : undefined;
  }

  /** Delegations given or received by a subject that have not ended, newest first. */
  async ofSubject(subject: string, at: Date): Promise<DelegationView[]> {
    const rows = await this.prisma.delegation.findMany({
      where: {
        OR: [{ delegatorSubject: subject }, { delegateSubject: subject }],
        validUntil: { gt: at },
        revokedAt: null,
      },
      include: { orgUnit: true },
      orderBy: { validFrom: 'desc' },
    });
    return rows.map(toView);
  }

  async revoke(id: string, at: Date): Promise<DelegationView | undefined> {
    await this.prisma.delegation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.find(id);
  }
}
