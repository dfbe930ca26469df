import { Injectable } from '@nestjs/common';

import { type ChainCheck, type ChainRecord, verifyRecordChain } from '../chain-verification';
import { PrismaService } from '../prisma.service';
import { dossierEntry } from './member-cases.repository';
import { chainRecord } from './record-chain';

/** The hash chains kept in the database, named after the subject each chain belongs to. */
export const CHAIN_KINDS = ['member-case', 'cadre-case', 'reserve-entry'] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

export interface SubjectChain {
  readonly kind: ChainKind;
  readonly subjectId: string;
  readonly records: number;
  readonly check: ChainCheck;
}

/** Every chain of the database, for `npm run db:verify-chains`. */
@Injectable()
export class RecordChainsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Verifies the chain of every member case (全程纪实), cadre case and reserve entry (一人一档), a batch of
   * subjects at a time (keyset on the subject id), so memory holds one batch however large the database.
   * A subject without records is a break too: its first record is written with it, in one transaction.
   */
  async *verifyAll(batchSize = 500): AsyncGenerator<SubjectChain> {
    for (const kind of CHAIN_KINDS) {
      let after: string | undefined;
      for (;;) {
        const ids = await this.subjectIds(kind, after, batchSize);
        if (ids.length === 0) break;
        const chains = await this.records(kind, ids);
        for (const subjectId of ids) {
          const records = chains.get(subjectId) ?? [];
          yield {
            kind,
            subjectId,
            records: records.length,
            check: verifyRecordChain(subjectId, records, { requireRecords: true }),
          };
        }
        if (ids.length < batchSize) break;
        after = ids.at(-1);
      }
    }
  }

  private async subjectIds(kind: ChainKind, after: string | undefined, take: number): Promise<string[]> {
    const query = {
      where: after === undefined ? {} : { id: { gt: after } },
      orderBy: { id: 'asc' as const },
      take,
      select: { id: true },
    };
    const rows =
      kind === 'member-case'
        ? await this.prisma.memberCase.findMany(query)
        : kind === 'cadre-case'
          ? await this.prisma.cadreCase.findMany(query)
          : await this.prisma.reserveEntry.findMany(query);
    return rows.map((row) => row.id);
  }

  private async records(kind: ChainKind, ids: readonly string[]): Promise<Map<string, ChainRecord[]>> {
    const chains = new Map<string, ChainRecord[]>();
    const add = (subjectId: string, record: ChainRecord) => {
      const chain = chains.get(subjectId);
      if (chain) chain.push(record);
      else chains.set(subjectId, [record]);
    };
    if (kind === 'member-case') {
      const rows = await this.prisma.dossierRecord.findMany({
        where: { caseId: { in: [...ids] } },
        orderBy: [{ caseId: 'asc' }, { seq: 'asc' }],
      });
      for (const row of rows) add(row.caseId, dossierEntry(row));
    } else if (kind === 'cadre-case') {
      const rows = await this.prisma.cadreRecord.findMany({
        where: { caseId: { in: [...ids] } },
        orderBy: [{ caseId: 'asc' }, { seq: 'asc' }],
      });
      for (const row of rows) add(row.caseId, chainRecord(row));
    } else {
      const rows = await this.prisma.reserveRecord.findMany({
        where: { entryId: { in: [...ids] } },
        orderBy: [{ entryId: 'asc' }, { seq: 'asc' }],
      });
      for (const row of rows) add(row.entryId, chainRecord(row));
    }
    return chains;
  }
}
