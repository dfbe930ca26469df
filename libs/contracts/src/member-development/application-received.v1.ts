import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';
import { type ApplicantFacts, applicantFactsSchema } from './applicant-facts';

/**
 * Step 1 recorded: a person filed an application (递交入党申请书) and is now an 入党申请人.
 * Carries no national ID number; `branch.path` lets consumers roll counts up the org tree.
 */
export const APPLICATION_RECEIVED_V1 = 'cn.xianfeng.member.application-received.v1';

export type ApplicationReceivedV1 = {
  readonly caseId: string;
  readonly personId: string;
  readonly stage: 'APPLICANT';
  readonly step: 1;
  readonly ruleSet: '2014' | '2026.05';
  /** Local date (Asia/Shanghai) the branch received the application. */
  readonly applicationDate: string;
  readonly branch: { readonly id: string; readonly path: readonly string[] };
  readonly applicant: ApplicantFacts;
};

export const applicationReceivedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['caseId', 'personId', 'stage', 'step', 'ruleSet', 'applicationDate', 'branch', 'applicant'],
  properties: {
    caseId: { type: 'string', format: 'uuid' },
    personId: { type: 'string', format: 'uuid' },
    stage: { const: 'APPLICANT' },
    step: { const: 1 },
    ruleSet: { enum: ['2014', '2026.05'] },
    applicationDate: { type: 'string', format: 'date' },
    branch: branchRefSchema,
    applicant: applicantFactsSchema,
  },
} as const;

export type ApplicationReceivedEvent = CloudEvent<ApplicationReceivedV1>;
export const validateApplicationReceivedV1 =
  compileEventValidator<ApplicationReceivedV1>(applicationReceivedV1Schema);
