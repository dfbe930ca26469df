import { Injectable } from '@nestjs/common';

import { PrismaService } from '../prisma.service';

/** Whose key it is and where it was used: one caller (and delegation), one endpoint, one key. */
export interface IdempotencyScope {
  readonly callerSubject: string;
  /** The Acting-For delegation id, '' when the caller acts in their own right. */
  readonly actingFor: string;
  readonly endpoint: string;
  readonly key: string;
}

/** The request a key was first used with. */
export interface IdempotencyClaim {
  readonly fingerprint: string;
  readonly resourceId: string | null;
  /** Whether this call made the claim (false: an earlier or concurrent request with the key did). */
  readonly created: boolean;
}

@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims the key for a request, or finds who claimed it first. One INSERT … ON CONFLICT DO NOTHING: of
   * concurrent claims exactly one wins and every other sees the winner's row, never a unique-key error.
   */
  async claim(
    scope: IdempotencyScope,
    request: { readonly fingerprint: string; readonly resourceId: string | null },
  ): Promise<IdempotencyClaim> {
    const { count } = await this.prisma.idempotencyKey.createMany({
      data: [{ ...scope, ...request }],
      skipDuplicates: true,
    });
    const row = await this.prisma.idempotencyKey.findUniqueOrThrow({
      where: { callerSubject_actingFor_endpoint_key: scope },
    });
    return { fingerprint: row.fingerprint, resourceId: row.resourceId, created: count === 1 };
  }

  /** Frees a key whose request was refused (nothing was recorded), unless another request holds it now. */
  async release(scope: IdempotencyScope, fingerprint: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { ...scope, fingerprint } });
  }
}
