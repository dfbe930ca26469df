import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';
import { closedObjectSchema, localDateSchema, uuidSchema } from '../json-schema';
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

export const applicationReceivedV1Schema = closedObjectSchema({
  caseId: uuidSchema,
  personId: uuidSchema,
  stage: { const: 'APPLICANT' },
  step: { const: 1 },
  ruleSet: { enum: ['2014', '2026.05'] },
  applicationDate: localDateSchema,
  branch: branchRefSchema,
  applicant: applicantFactsSchema,
});

export type ApplicationReceivedEvent = CloudEvent<ApplicationReceivedV1>;
export const validateApplicationReceivedV1 =
  compileEventValidator<ApplicationReceivedV1>(applicationReceivedV1Schema);
