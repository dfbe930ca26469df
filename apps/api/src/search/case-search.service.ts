import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { Clock } from '@app/config';
import {
  type LocalDate,
  type OrgUnit,
  type Principal,
  chinaLocalDate,
  scopeRootId,
  subtreeReadViolation,
} from '@app/domain';
import {
  type CadreCaseListItem,
  type CaseListItem,
  CaseSearchRepository,
  type CaseSearchFilter,
  type CaseSearchPage,
  type CaseSearchPaging,
  type CaseSort,
  type MemberCaseListItem,
  OrgUnitsRepository,
  PersonIdProtector,
  type ReserveEntryListItem,
  type WorkflowKind,
} from '@app/persistence';

import { requireOrgUnit } from '../org-unit-reference';
import { type CaseListOrder, decodeCursor, encodeCursor } from './case-list-cursor';
import {
  type CadreCaseSearchDto,
  type MemberCaseSearchDto,
  type ReserveEntrySearchDto,
} from './case-search.dto';

export interface CaseListPage<T extends CaseListItem> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The filters and paging every list takes, as the query string or the search body gives them. */
type ListRequest = Pick<
  MemberCaseSearchDto,
  'orgUnit' | 'name' | 'nationalId' | 'updatedFrom' | 'updatedTo' | 'overdue' | 'order' | 'limit' | 'cursor'
>;

const DEFAULT_LIMIT = 50;
/** The API's sort names per list, as the repository's. */
const SORTS: Readonly<Record<string, CaseSort>> = {
  name: 'name',
  applicationDate: 'date',
  nominatedOn: 'date',
  recommendedOn: 'date',
  updatedAt: 'updated',
};

const only = <T>(value: T | undefined | null): readonly T[] | undefined =>
  value === undefined || value === null ? undefined : [value];
const defined = <K extends string, V>(key: K, value: V | undefined | null): Partial<Record<K, V>> =>
  value === undefined || value === null ? {} : ({ [key]: value } as Record<K, V>);

/**
 * Member cases, cadre cases and reservists within the caller's scope: a subtree the caller may read (403
 * OUT_OF_SCOPE otherwise, like every subtree read), filtered, in keyset pages with an opaque cursor. An ID
 * number is matched through its keyed hash; lists show the masked number only.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    private readonly cases: CaseSearchRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly protector: PersonIdProtector,
    private readonly clock: Clock,
  ) {}

  async memberCases(
    principal: Principal,
    query: Partial<MemberCaseSearchDto>,
  ): Promise<CaseListPage<MemberCaseListItem>> {
    const filter = await this.filter(principal, query, query.appliedFrom, query.appliedTo);
    const { order, paging } = this.paging('MEMBER_DEVELOPMENT', query, query.sort);
    const page = await this.cases.memberCases(
      {
        ...filter,
        ...defined('stages', only(query.stage)),
        ...defined('steps', only(query.step)),
        ...defined('statuses', only(query.status)),
        ...defined('ruleSets', only(query.ruleSet)),
      },
      paging,
    );
    return rendered(page, order);
  }

  async cadreCases(
    principal: Principal,
    query: Partial<CadreCaseSearchDto>,
  ): Promise<CaseListPage<CadreCaseListItem>> {
    const filter = await this.filter(principal, query, query.nominatedFrom, query.nominatedTo);
    const { order, paging } = this.paging('CADRE_RECRUITMENT', query, query.sort);
    const page = await this.cases.cadreCases(
      {
        ...filter,
        ...defined('stages', only(query.stage)),
        ...defined('statuses', only(query.status)),
        ...defined('programmes', only(query.programme)),
        ...defined('posts', only(query.post)),
      },
      paging,
    );
    return rendered(page, order);
  }

  /** Reservists with the same filters: what GET /v1/reserve-pool/entries can answer (see the module). */
  async reserveEntries(
    principal: Principal,
    query: Partial<ReserveEntrySearchDto>,
  ): Promise<CaseListPage<ReserveEntryListItem>> {
    const filter = await this.filter(principal, query, query.recommendedFrom, query.recommendedTo);
    const { order, paging } = this.paging('RESERVE_POOL', query, query.sort);
    const page = await this.cases.reserveEntries(
      {
        ...filter,
        ...defined('statuses', only(query.status)),
        ...defined('entrySteps', only(query.entryStep)),
        ...defined('categories', only(query.category)),
      },
      paging,
    );
    return rendered(page, order);
  }

  /** The subtree (checked against the caller's scope) and the filters every list shares. */
  private async filter(
    principal: Principal,
    query: Partial<ListRequest>,
    dateFrom: string | undefined,
    dateTo: string | undefined,
  ): Promise<CaseSearchFilter> {
    const subtree = await this.subtree(principal, query.orgUnit ?? undefined);
    return {
      subtree,
      today: chinaLocalDate(this.clock.now()),
      ...defined('name', query.name),
      ...defined(
        'nationalIdHmac',
        query.nationalId ? this.protector.lookupHash(query.nationalId) : undefined,
      ),
      ...defined('dateFrom', dateFrom as LocalDate | undefined),
      ...defined('dateTo', dateTo as LocalDate | undefined),
      ...defined('updatedFrom', query.updatedFrom as LocalDate | undefined),
      ...defined('updatedTo', query.updatedTo as LocalDate | undefined),
      ...defined('overdue', query.overdue),
    };
  }

  /** By default the caller's whole scope (an org department's is its county); else a unit inside it. */
  private async subtree(principal: Principal, reference: string | undefined): Promise<OrgUnit> {
    const unit = await requireOrgUnit(
      this.orgUnits,
      reference ?? scopeRootId(principal.orgUnit),
      'orgUnit',
      false,
    );
    const refusal = subtreeReadViolation(principal, unit);
    if (refusal) this.access.refuse(principal, refusal, unit.code);
    return unit;
  }

  private paging(
    kind: WorkflowKind,
    query: Partial<ListRequest>,
    sortName: string | undefined,
  ): { order: CaseListOrder; paging: CaseSearchPaging } {
    const sort = SORTS[sortName ?? 'updatedAt'] ?? 'updated';
    const order: CaseListOrder = { kind, sort, order: query.order ?? (sort === 'name' ? 'asc' : 'desc') };
    const after = decodeCursor(query.cursor ?? undefined, order);
    return {
      order,
      paging: { sort, order: order.order, limit: query.limit ?? DEFAULT_LIMIT, ...defined('after', after) },
    };
  }
}

function rendered<T extends CaseListItem>(page: CaseSearchPage<T>, order: CaseListOrder): CaseListPage<T> {
  return { items: page.items, nextCursor: page.next ? encodeCursor(order, page.next) : null };
}
