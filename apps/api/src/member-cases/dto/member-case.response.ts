import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';

import { type MemberCaseView } from '@app/contracts';

import { type MemberCasePreview } from '../member-cases.service';

class ApplicantResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiProperty({
    example: '*****************7',
    description: 'national ID number masked: its last character only',
  })
  nationalIdMasked!: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] }) gender!: 'MALE' | 'FEMALE';
  @ApiProperty({ format: 'date', example: '2000-01-05' }) birthDate!: string;
}

export class MemberCaseResponse implements MemberCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'member-case-6f1c…' }) workflowId!: string;
  @ApiProperty({ enum: ['2014', '2026.05'], description: 'rule set pinned on the application date' })
  ruleSet!: '2014' | '2026.05';
  @ApiProperty({ enum: ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL_MEMBER'] })
  stage!: MemberCaseView['stage'];
  @ApiProperty({ example: 1, description: 'step of the 25-step flow last recorded' }) currentStep!: number;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ format: 'date', example: '2026-11-20' }) applicationDate!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: ApplicantResponse }) applicant!: ApplicantResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

@ApiSchema({ name: 'ApplicantPreview' })
class ApplicantPreviewResponse extends OmitType(ApplicantResponse, ['personId']) {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for a person not registered yet (recording registers them)',
  })
  personId!: string | null;
}

/** What a dry run of the application answers: the case as recording would open it, without what only recording gives. */
@ApiSchema({ name: 'MemberCasePreview' })
export class MemberCasePreviewResponse
  extends OmitType(MemberCaseResponse, ['id', 'workflowId', 'createdAt', 'applicant'])
  implements MemberCasePreview
{
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording assigns it' })
  id!: null;
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording starts it' })
  workflowId!: null;
  @ApiProperty({ type: String, nullable: true, enum: [null], description: 'null: recording sets it' })
  createdAt!: null;
  @ApiProperty({ type: ApplicantPreviewResponse }) applicant!: ApplicantPreviewResponse;
}
