import { ApiProperty } from '@nestjs/swagger';

import { ORG_UNIT_KINDS, type OrgUnitKind } from '@app/domain';
import { ORG_UNIT_CHANGE_KINDS, type OrgUnitChangeKind } from '@app/persistence';

/** A unit as administration answers it. */
export class AdminOrgUnitResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null in a dry run of a creation',
  })
  id!: string | null;
  @ApiProperty({ example: 'DX-DZ-HC' }) code!: string;
  @ApiProperty({ example: '河村党支部' }) name!: string;
  @ApiProperty({ enum: ORG_UNIT_KINDS }) kind!: OrgUnitKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'DX-DZ' }) parentCode!: string | null;
  @ApiProperty({ type: 'integer', description: 'levels below the root (0)' }) depth!: number;
  @ApiProperty() canApproveMembership!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
}

export class OrgUnitChangeSummaryResponse {
  @ApiProperty({ enum: ORG_UNIT_CHANGE_KINDS }) kind!: OrgUnitChangeKind;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the unit before' })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the unit after' })
  after!: Record<string, unknown>;
}

export class OrgUnitAdminResponse {
  @ApiProperty({ description: 'true: nothing was recorded; this is what recording would answer' })
  dryRun!: boolean;
  @ApiProperty({ type: AdminOrgUnitResponse, description: 'the unit after the change' })
  unit!: AdminOrgUnitResponse;
  @ApiProperty({
    type: [OrgUnitChangeSummaryResponse],
    description: 'history rows recorded (or that would be); empty when nothing changes',
  })
  changes!: OrgUnitChangeSummaryResponse[];
  @ApiProperty({
    type: 'integer',
    description:
      'units whose path the change rewrites (a move: the unit and everything under it; else 0 or 1)',
  })
  unitsAffected!: number;
}

class ActorResponse {
  @ApiProperty({ example: 'county-org' }) subject!: string;
  @ApiProperty({ example: '县委组织部组织科' }) name!: string;
}

export class OrgUnitHistoryEntryResponse extends OrgUnitChangeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'IMPORTED: SHA-256 of the file' })
  source!: string | null;
}

export class OrgUnitHistoryResponse {
  @ApiProperty({ type: AdminOrgUnitResponse }) unit!: AdminOrgUnitResponse;
  @ApiProperty({ type: [OrgUnitHistoryEntryResponse], description: 'newest first' })
  items!: OrgUnitHistoryEntryResponse[];
}

export class ImportCountsResponse {
  @ApiProperty({ type: 'integer', description: 'data rows in the file' }) rows!: number;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer', description: 'rows that match what is recorded already' })
  unchanged!: number;
}

export class ImportResultResponse {
  @ApiProperty({ description: 'true: nothing was recorded; this is what importing would do' })
  dryRun!: boolean;
  @ApiProperty({ enum: ['TREE', 'ROSTER'] }) content!: 'TREE' | 'ROSTER';
  @ApiProperty({ example: 'DX', description: 'the unit imported under' }) under!: string;
  @ApiProperty({ description: 'SHA-256 of the file (hex), as the history records it' }) sha256!: string;
  @ApiProperty({ type: ImportCountsResponse }) counts!: ImportCountsResponse;
}
