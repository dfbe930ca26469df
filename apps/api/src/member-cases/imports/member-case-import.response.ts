import { ApiProperty } from '@nestjs/swagger';

import { type ImportOutcome } from './member-case-import.service';

const OUTCOMES: ImportOutcome[] = ['VALID', 'IMPORTED', 'RECORDING', 'UNCHANGED', 'REFUSED', 'FAILED'];

export class ImportProblemResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Index into the case's steps (null: the application)",
  })
  step!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'activist' }) action!: string | null;
  @ApiProperty({ required: false, example: 'recommendation' }) field?: string;
  @ApiProperty({ example: 'T3_ACTIVIST_TOO_EARLY' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: '细则 第八条' }) article!: string | null;
  @ApiProperty() message!: string;
}

export class ImportedCaseResponse {
  @ApiProperty({ description: 'Position of the case in the request' }) index!: number;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({
    enum: OUTCOMES,
    description:
      'VALID (dry run: nothing wrong), IMPORTED, RECORDING (history still being recorded), UNCHANGED ' +
      '(imported before), REFUSED (see problems), ' +
      'FAILED (checked clean, refused when recorded)',
  })
  outcome!: ImportOutcome;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'PROBATIONARY' }) stage!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 20 }) lastStep!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED' | null;
  @ApiProperty({ type: [ImportProblemResponse] }) problems!: ImportProblemResponse[];
}

export class MemberCaseImportResponse {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() source!: string;
  @ApiProperty({
    description: 'Cases per outcome',
    example: { VALID: 0, IMPORTED: 12, RECORDING: 0, UNCHANGED: 0, REFUSED: 0, FAILED: 0 },
  })
  counts!: Record<ImportOutcome, number>;
  @ApiProperty({ type: [ImportedCaseResponse] }) cases!: ImportedCaseResponse[];
}
