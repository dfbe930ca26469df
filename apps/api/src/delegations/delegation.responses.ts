import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import { ROLES, type Role } from '@app/domain';
import { type DelegationView } from '@app/persistence';

import { OrgUnitResponse } from '../openapi/case.responses';

@ApiSchema({ name: 'Delegator' })
class DelegatorResponse {
  @ApiProperty({ example: 'dz-secretary', description: 'subject (user id) of the delegator' })
  subject!: string;
  @ApiProperty({ example: '林书记（东镇党委书记）' }) name!: string;
}

/** A delegation (代理): office roles handed to a stand-in for a bounded period. */
@ApiSchema({ name: 'Delegation' })
export class DelegationResponse implements DelegationView {
  @ApiProperty({ format: 'uuid', description: 'the stand-in sends it as Acting-For to act under it' })
  id!: string;
  @ApiProperty({ type: DelegatorResponse }) delegator!: DelegatorResponse;
  @ApiProperty({ example: 'dz-organiser', description: 'subject of the stand-in' }) delegateSubject!: string;
  @ApiProperty({ type: OrgUnitResponse, description: 'the delegator’s unit, as which the stand-in acts' })
  orgUnit!: OrgUnitResponse;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'the office roles handed over' })
  roles!: readonly Role[];
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty({ example: '参加县委党校培训' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null unless revoked' })
  revokedAt!: string | null;
}
