import { ApiProperty, ApiSchema } from '@nestjs/swagger';

import {
  CHAIN_BREAK_KINDS,
  type ChainBreak,
  type ChainBreakKind,
  type ChainVerification,
  type VerifiedRecords,
} from '@app/contracts';
import { type DossierEntry, type RecordEntry } from '@app/persistence';

/** The answers of the record endpoints (全程纪实 timeline, 一人一档 records), with their chain verification. */

@ApiSchema({ name: 'ChainBreak' })
export class ChainBreakResponse implements ChainBreak {
  @ApiProperty({
    type: 'integer',
    example: 4,
    description: 'where the chain breaks (the missing seq for RECORD_MISSING)',
  })
  seq!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the record that breaks the chain; null when it is missing',
  })
  recordId!: string | null;
  @ApiProperty({
    enum: CHAIN_BREAK_KINDS,
    enumName: 'ChainBreakKind',
    description:
      'CONTENT_CHANGED: the stored hash no longer matches the content; HASH_REWRITTEN: content and hash rewritten ' +
      'together (the next record was linked to another hash); LINK_BROKEN: prevHash is not the previous ' +
      "record's hash; RECORD_MISSING: a seq is absent; DUPLICATE_SEQ; OUT_OF_ORDER: recorded before its predecessor",
  })
  kind!: ChainBreakKind;
  @ApiProperty({
    example: "stored hash 3f1a9c0e52b7… no longer matches the record's content: edited after it was recorded",
  })
  detail!: string;
}

@ApiSchema({ name: 'ChainVerification' })
export class ChainVerificationResponse implements ChainVerification {
  @ApiProperty({ description: 'every record present, unaltered and linked to its predecessor' })
  valid!: boolean;
  @ApiProperty({ type: [ChainBreakResponse], description: 'every break, in seq order; empty when valid' })
  breaks!: ChainBreakResponse[];
}

@ApiSchema({ name: 'ChainedRecord' })
export class ChainedRecordResponse implements RecordEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', example: 1 }) seq!: number;
  @ApiProperty({ example: 'NOMINATED' }) action!: string;
  @ApiProperty({ format: 'date', example: '2026-03-03' }) occurredOn!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'who entered it (token subject)' })
  actorId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({
    description: "this record's content matches its hash and it is linked both ways to its neighbours",
  })
  verified!: boolean;
}

@ApiSchema({ name: 'ChainedRecords' })
export class ChainedRecordsResponse implements VerifiedRecords<RecordEntry> {
  @ApiProperty({ type: [ChainedRecordResponse] }) records!: ChainedRecordResponse[];
  @ApiProperty({ deprecated: true, description: 'same as chain.valid (kept for existing clients)' })
  chainValid!: boolean;
  @ApiProperty({ type: ChainVerificationResponse }) chain!: ChainVerificationResponse;
}

@ApiSchema({ name: 'DossierRecord' })
export class DossierRecordResponse implements DossierEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', example: 1 }) seq!: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'step of the 25-step flow' }) step!: number;
  @ApiProperty({ example: 'application-submitted' }) action!: string;
  @ApiProperty({ format: 'date', example: '2026-03-01' }) occurredOn!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'who entered it (token subject)' })
  actorId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the org unit that acted' })
  actingBodyId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) evidence!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the previous record's hash; null for the first",
  })
  prevHash!: string | null;
  @ApiProperty({ description: 'SHA-256 over the record and prevHash, hex' }) hash!: string;
  @ApiProperty({
    description: "this record's content matches its hash and it is linked both ways to its neighbours",
  })
  verified!: boolean;
}

@ApiSchema({ name: 'MemberCaseTimeline' })
export class MemberCaseTimelineResponse implements VerifiedRecords<DossierEntry> {
  @ApiProperty({ type: [DossierRecordResponse] }) records!: DossierRecordResponse[];
  @ApiProperty({ deprecated: true, description: 'same as chain.valid (kept for existing clients)' })
  chainValid!: boolean;
  @ApiProperty({ type: ChainVerificationResponse }) chain!: ChainVerificationResponse;
}
