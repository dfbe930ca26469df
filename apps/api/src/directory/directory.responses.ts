import { ApiProperty } from '@nestjs/swagger';

import { RuleViolationSchema } from '@app/config';
import {
  MEMBER_RULE_SETS,
  ORG_UNIT_KINDS,
  type OrgUnitKind,
  ROLES,
  type Role,
  type RuleSetId,
  type RuleViolation,
} from '@app/domain';

import { MEMBER_STATUSES } from './directory.dto';

const RULE_SET_IDS = MEMBER_RULE_SETS.map((ruleSet) => ruleSet.id);
const DISCIPLINE_KINDS = [
  'WARNING',
  'SERIOUS_WARNING',
  'REMOVAL_FROM_POST',
  'PROBATION_WITHIN_PARTY',
] as const;

/** A unit named: enough to show it and to pass it back (id or code). */
export class OrgUnitRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ' }) code!: string;
  @ApiProperty({ example: '东镇党委' }) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: OrgUnitKind;
}

/** A unit in the org tree, as the pickers list it. */
export class OrgUnitNodeResponse extends OrgUnitRefResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'levels below the root of the tree (the root: 0)',
  })
  depth!: number;
  @ApiProperty({ description: '审批权: may approve membership (§22, DOMAIN §1.6)' })
  canApproveMembership!: boolean;
  @ApiProperty({ type: 'integer', example: 3, description: 'units directly under this one' })
  childCount!: number;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'day the unit was closed (撤销); null while open. Closed units take no new cases or units',
  })
  closedOn!: string | null;
}

export class OrgUnitListResponse {
  @ApiProperty({ type: OrgUnitNodeResponse, description: 'the unit listed under' })
  under!: OrgUnitNodeResponse;
  @ApiProperty({ type: [OrgUnitNodeResponse], description: 'by depth, then code' })
  items!: OrgUnitNodeResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'offset of the next page; null at the end' })
  nextOffset!: number | null;
}

export class OrgUnitDetailResponse extends OrgUnitNodeResponse {
  @ApiProperty({ type: [OrgUnitRefResponse], description: 'from the root of the tree down to the parent' })
  ancestors!: OrgUnitRefResponse[];
  @ApiProperty({ type: [OrgUnitNodeResponse], description: 'units directly under this one, by code' })
  children!: OrgUnitNodeResponse[];
}

/** The caller's own unit, with the path down to it. */
export class MeUnitResponse extends OrgUnitRefResponse {
  @ApiProperty() canApproveMembership!: boolean;
  @ApiProperty({
    type: [OrgUnitRefResponse],
    description: 'ancestors from the root of the tree down to the parent',
  })
  path!: OrgUnitRefResponse[];
}

class SubjectResponse {
  @ApiProperty({ example: 'dz-organiser' }) subject!: string;
  @ApiProperty({ example: '陈志强（东镇党委组织员）' }) name!: string;
}

export class DelegationSummaryResponse {
  @ApiProperty({ format: 'uuid', description: 'send it as Acting-For to act under the delegation' })
  id!: string;
  @ApiProperty({ type: SubjectResponse }) delegator!: SubjectResponse;
  @ApiProperty({ example: 'dz-secretary', description: 'subject of the stand-in' }) delegate!: string;
  @ApiProperty({ type: OrgUnitRefResponse, description: 'the delegator’s unit, as which the stand-in acts' })
  orgUnit!: OrgUnitRefResponse;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty({ example: '参加县委党校培训' }) reason!: string;
  @ApiProperty({ description: 'in effect now (false: starts later)' }) inEffect!: boolean;
}

export class MyDelegationsResponse {
  @ApiProperty({ type: [DelegationSummaryResponse], description: 'delegations to you that have not ended' })
  received!: DelegationSummaryResponse[];
  @ApiProperty({ type: [DelegationSummaryResponse], description: 'delegations you gave that have not ended' })
  given!: DelegationSummaryResponse[];
}

export class RuleSetActionsResponse {
  @ApiProperty({ enum: RULE_SET_IDS }) ruleSet!: RuleSetId;
  @ApiProperty({ type: [String], example: ['RECORD_TALK', 'DETERMINE_ACTIVIST'] }) actions!: string[];
}

/** What the caller's roles allow as their unit, per pipeline (the inbox and the access rules decide alike). */
export class CapabilitiesResponse {
  @ApiProperty({
    type: [RuleSetActionsResponse],
    description: 'member steps by the rule set a case is pinned to',
  })
  memberDevelopment!: RuleSetActionsResponse[];
  @ApiProperty({ type: [String], example: ['REVIEW_QUALIFICATION', 'DECIDE'] }) cadreRecruitment!: string[];
  @ApiProperty({ type: [String], example: ['SELECT', 'DECIDE_REVIEW'] }) reservePool!: string[];
}

export class ReadScopeResponse {
  @ApiProperty({
    type: OrgUnitRefResponse,
    description: 'root of what you may read: your unit, or for an org department the committee it serves',
  })
  root!: OrgUnitRefResponse;
  @ApiProperty({ description: 'your roles read across the subtree (backlogs, the org tree, members)' })
  subtree!: boolean;
}

export class MeResponse {
  @ApiProperty({ example: 'dz-organiser' }) subject!: string;
  @ApiProperty({ example: '陈志强（东镇党委组织员）' }) name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) personId!: string | null;
  @ApiProperty({ type: MeUnitResponse, description: 'the unit you act as (the delegator’s when acting for)' })
  unit!: MeUnitResponse;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'the roles you act with now' }) roles!: Role[];
  @ApiProperty({
    type: DelegationSummaryResponse,
    nullable: true,
    description: 'the delegation this request acts under (Acting-For), else null',
  })
  actingFor!: DelegationSummaryResponse | null;
  @ApiProperty({ type: MyDelegationsResponse }) delegations!: MyDelegationsResponse;
  @ApiProperty({ type: CapabilitiesResponse }) may!: CapabilitiesResponse;
  @ApiProperty({ type: ReadScopeResponse }) readScope!: ReadScopeResponse;
}

export class EligibilityResponse {
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [RuleViolationSchema], description: 'why not (empty when eligible)' })
  reasons!: RuleViolation[];
}

class MemberDisciplineResponse {
  @ApiProperty({ enum: DISCIPLINE_KINDS }) kind!: (typeof DISCIPLINE_KINDS)[number];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '影响期 end' })
  impactEnds!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '留党察看 only: party rights restored' })
  rightsRestored!: boolean | null;
}

class MemberBranchResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ-DC-B1' }) code!: string;
  @ApiProperty({ example: '东村第一党支部' }) name!: string;
}

export class PartyMemberResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '李秀英' }) name!: string;
  @ApiProperty({
    example: '*****************4',
    description: 'national ID number masked: its last character only',
  })
  nationalIdMasked!: string;
  @ApiProperty({ type: MemberBranchResponse, description: 'where the membership is held' })
  branch!: MemberBranchResponse;
  @ApiProperty({ enum: MEMBER_STATUSES, description: '正式党员 / 预备党员' })
  status!: (typeof MEMBER_STATUSES)[number];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '党龄 from (T14)' })
  partyAgeFrom!: string | null;
  @ApiProperty({ type: MemberDisciplineResponse, nullable: true })
  discipline!: MemberDisciplineResponse | null;
  @ApiProperty({ type: EligibilityResponse, description: '入党介绍人 today (§14, step 9)' })
  sponsor!: EligibilityResponse;
  @ApiProperty({ type: EligibilityResponse, description: '培养联系人 today (§9, step 5)' })
  cultivationContact!: EligibilityResponse;
}

export class PartyMemberPageResponse {
  @ApiProperty({ type: OrgUnitRefResponse }) orgUnit!: OrgUnitRefResponse;
  @ApiProperty() subtree!: boolean;
  @ApiProperty({ enum: RULE_SET_IDS, description: 'the rule set sponsors and contacts were judged by' })
  ruleSet!: RuleSetId;
  @ApiProperty({ format: 'date', description: 'the day judged (China time)' }) today!: string;
  @ApiProperty({ type: [PartyMemberResponse], description: 'by name' }) items!: PartyMemberResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null at the end' })
  nextCursor!: string | null;
}
