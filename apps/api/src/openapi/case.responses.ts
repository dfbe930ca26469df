import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

import { unionValues } from '@app/config';
import { type PersonSummary } from '@app/contracts';
import {
  type LocalDate,
  ORG_UNIT_KINDS,
  type OrgUnit,
  type OrgUnitKind,
  type PublicNoticeRecord,
} from '@app/domain';
import { type MemberDevelopmentSnapshot } from '@app/workflows';

import { type PersonPreview } from '../creation-preview';

/** What every case kind's workflow state query answers about where the case stands (one set for all three). */
export const CASE_RECORDING_STATUSES = unionValues<MemberDevelopmentSnapshot['status']>()([
  'RECORDING',
  'REJECTED',
  'NOT_RECORDED',
  'OPEN',
  'CLOSED',
]);

export const CASE_RECORDING_STATUS_DOC =
  'RECORDING: the first step is being recorded; REJECTED: the store refused it by a rule; NOT_RECORDED: nothing ' +
  'could be stored, the workflow has ended; OPEN until the case closes (CLOSED)';

/** An org unit as the domain carries it: with its materialized path. */
@ApiSchema({ name: 'OrgUnit' })
export class OrgUnitResponse implements OrgUnit {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ-DC-B1' }) code!: string;
  @ApiProperty({ example: '东村第一党支部' }) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: OrgUnitKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the root of the tree' })
  parentId!: string | null;
  @ApiProperty({
    type: [String],
    description: 'ids from the root of the tree down to and including this unit',
  })
  path!: readonly string[];
  @ApiProperty({ description: '审批权: may approve membership (§22, DOMAIN §1.6)' })
  canApproveMembership!: boolean;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'day the unit was closed (撤销); only on a closed unit',
  })
  closedOn?: LocalDate | null;
}

/** An org unit named: id, code and name. */
@ApiSchema({ name: 'OrgUnitBrief' })
export class OrgUnitBriefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DX-DZ' }) code!: string;
  @ApiProperty({ example: '东镇党委' }) name!: string;
}

const MASKED = {
  example: '*****************7',
  description: 'national ID number masked: its last character only',
} as const;

/** Who a cadre case or reserve entry is about, as its view shows them. */
@ApiSchema({ name: 'PersonSummary' })
export class PersonSummaryResponse implements PersonSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '王小明' }) name!: string;
  @ApiProperty(MASKED) nationalIdMasked!: string;
  @ApiProperty({ type: String, format: 'date', example: '1998-04-12' }) birthDate!: string;
}

/** The person a creation dry run names: their id once registered, else null. */
@ApiSchema({ name: 'PersonPreview' })
export class PersonPreviewResponse implements PersonPreview {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for a person not registered yet (recording registers them)',
  })
  id!: string | null;
  @ApiProperty({ example: '王小明' }) name!: string;
  @ApiProperty(MASKED) nationalIdMasked!: string;
  @ApiProperty({ type: String, format: 'date', example: '1998-04-12' }) birthDate!: string;
}

@ApiSchema({ name: 'NoticeObjection' })
export class NoticeObjectionResponse {
  @ApiProperty({ example: '群众反映其在外经商期间有欠款纠纷' }) text!: string;
}

/** A public notice (公示) before an appointment or an entry to the reserve pool: its days and objections. */
@ApiSchema({ name: 'PublicNoticeRecord' })
export class PublicNoticeRecordResponse implements PublicNoticeRecord {
  @ApiProperty({ type: String, format: 'date', description: 'first day of the notice' }) start!: LocalDate;
  @ApiProperty({ type: String, format: 'date', description: 'last day of the notice' }) end!: LocalDate;
  @ApiProperty({ type: [NoticeObjectionResponse], description: 'objections received while it ran' })
  objections!: readonly NoticeObjectionResponse[];
  @ApiPropertyOptional({ type: String, format: 'date', description: 'day it was closed, once it was' })
  closed?: LocalDate;
}
