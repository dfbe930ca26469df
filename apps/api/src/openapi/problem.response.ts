import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 9457 problem details as documented in OpenAPI. */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:xianfeng:problem:T15_APPLICANT_UNDER_18' }) type!: string;
  @ApiProperty({ example: '违反发展党员工作规定' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: '申请入党须年满18岁：申请人于2026-12-01年满18岁' }) detail!: string;
  @ApiProperty({ example: '/v1/member-cases' }) instance!: string;
  @ApiProperty({ example: 'T15_APPLICANT_UNDER_18', description: 'stable rule or error code' }) code!: string;
  @ApiPropertyOptional({
    example: '§5',
    nullable: true,
    description: 'article of the regulation the rule comes from',
  })
  article?: string | null;
}
