import { Injectable } from '@nestjs/common';

import { Clock } from '@app/config';
import {
  type LocalDate,
  type MemberRuleSet,
  type MemberStanding,
  type Principal,
  type RuleViolation,
  checkCultivationContacts,
  checkSponsors,
  chinaLocalDate,
  memberRuleSet,
  ruleSetInForceOn,
} from '@app/domain';
import { type MembersQuery, type PartyMemberRow, PartyMembershipsRepository } from '@app/persistence';

import { CURSOR_ID, decodePageCursor, encodePageCursor } from '../page-cursor';
import { type OrgUnitMembersQueryDto } from './directory.dto';
import {
  type EligibilityResponse,
  type PartyMemberPageResponse,
  type PartyMemberResponse,
} from './directory.responses';
import { unitRef } from './me.service';
import { OrgTreeService } from './org-tree.service';

type Keyset = NonNullable<MembersQuery['after']>;

/** Rows read per query while a filter the database cannot apply (eligibleSponsor) fills a page. */
const FILTERED_BATCH = 100;

/**
 * Whether one member may be a sponsor (§14) or cultivation contact (§9) today, by the domain's own checks:
 * they judge a designation, so the count of people designated (SPONSORS_COUNT, CONTACTS_COUNT) is not the
 * member's and is left out; every other violation is about this member. No request body is in view either, so
 * the body field a designation's violation names (`sponsorIds.0`) is left out too.
 */
export function eligibility(
  rules: MemberRuleSet,
  standing: MemberStanding,
  today: LocalDate,
): { sponsor: EligibilityResponse; cultivationContact: EligibilityResponse } {
  const judged = (violations: readonly RuleViolation[], countCode: string): EligibilityResponse => {
    const reasons = violations
      .filter((v) => v.code !== countCode)
      .map(({ field: _field, ...reason }) => reason);
    return { eligible: reasons.length === 0, reasons };
  };
  // No candidate is in view: an id no person has keeps the "is the candidate" checks quiet.
  const nobody = '';
  return {
    sponsor: judged(checkSponsors(rules, [standing], nobody, today), 'SPONSORS_COUNT'),
    cultivationContact: judged(checkCultivationContacts(rules, [standing], nobody), 'CONTACTS_COUNT'),
  };
}

const encodeCursor = (key: Keyset): string => encodePageCursor({ n: key.name, p: key.personId });

const decodeCursor = (value: string): Keyset =>
  decodePageCursor(value, ({ n, p }) =>
    typeof n === 'string' && typeof p === 'string' && CURSOR_ID.test(p)
      ? { name: n, personId: p }
      : undefined,
  );

/** The party members of a unit or subtree for the sponsor and cultivation-contact pickers. */
@Injectable()
export class PartyMembersService {
  constructor(
    private readonly tree: OrgTreeService,
    private readonly memberships: PartyMembershipsRepository,
    private readonly clock: Clock,
  ) {}

  async list(
    principal: Principal,
    reference: string,
    query: OrgUnitMembersQueryDto,
  ): Promise<PartyMemberPageResponse> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const unit = await this.tree.readable(principal, reference);
    const today = chinaLocalDate(this.clock.now());
    const rules = query.ruleSet ? memberRuleSet(query.ruleSet) : ruleSetInForceOn(today)!;
    const view = (row: PartyMemberRow): PartyMemberResponse => {
      const { standing: _standing, ...member } = row;
      return { ...member, ...eligibility(rules, row.standing, today) };
    };
    const keep = (member: PartyMemberResponse): boolean =>
      query.eligibleSponsor === undefined || member.sponsor.eligible === query.eligibleSponsor;
    const page = await this.page(
      {
        unit,
        subtree: query.subtree,
        ...(query.status ? { status: query.status } : {}),
        ...(query.q ? { nameContains: query.q } : {}),
        ...(after ? { after } : {}),
      },
      query.limit,
      query.eligibleSponsor === undefined ? query.limit : Math.max(query.limit, FILTERED_BATCH),
      view,
      keep,
    );
    return {
      orgUnit: unitRef(unit),
      subtree: query.subtree,
      ruleSet: rules.id,
      today,
      ...page,
    };
  }

  /**
   * A keyset page of `limit` kept members: batches read in order until the page is full or the rows run out;
   * the cursor is the last row looked at, so a next page never repeats or skips one.
   */
  private async page(
    filter: Omit<MembersQuery, 'limit'>,
    limit: number,
    batchSize: number,
    view: (row: PartyMemberRow) => PartyMemberResponse,
    keep: (member: PartyMemberResponse) => boolean,
  ): Promise<{ items: PartyMemberResponse[]; nextCursor: string | null }> {
    const items: PartyMemberResponse[] = [];
    let after = filter.after;
    let more = true;
    while (more && items.length < limit) {
      const batch = await this.memberships.members({
        ...filter,
        ...(after ? { after } : {}),
        limit: batchSize + 1,
      });
      const rows = batch.slice(0, batchSize);
      more = batch.length > batchSize;
      for (const [index, row] of rows.entries()) {
        after = { name: row.name, personId: row.personId };
        const member = view(row);
        if (keep(member)) items.push(member);
        if (items.length === limit) {
          more ||= index < rows.length - 1;
          break;
        }
      }
    }
    return { items, nextCursor: more && after ? encodeCursor(after) : null };
  }
}
