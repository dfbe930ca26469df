import { type EventFacts, caseEventSchema, eventTypeName } from '../case-events';
import { type CloudEvent, branchRefSchema, compileEventValidator } from '../cloud-event';
import { localDateSchema } from '../json-schema';
import { type ApplicantFacts, applicantFactsSchema } from './applicant-facts';

/**
 * Stage changes and deadline signals of a member-development case, one CloudEvent type per kind:
 * `cn.xianfeng.member.<kind>.v1` on topic xianfeng.member-development.v1, keyed by case id.
 * No national ID number; `branch.path` lets consumers roll counts up the org tree.
 */
export const MEMBER_CASE_EVENT_KINDS = [
  'activist-determined',
  'development-target-listed',
  'development-target-not-listed',
  'accepted-by-branch',
  'acceptance-rejected',
  'probationary-admitted',
  'converted',
  'probation-extended',
  'probationary-status-cancelled',
  'withdrawn',
  'transferred',
  'not-recognised',
  'archived',
  'deadline-warning',
  'deadline-overdue',
] as const;
export type MemberCaseEventKind = (typeof MEMBER_CASE_EVENT_KINDS)[number];

export const memberCaseEventType = (kind: MemberCaseEventKind): string => eventTypeName('member', kind);

/**
 * The data of a member case event. Details: probation dates, extension months, the deadline's rule and due date,
 * the reason…
 */
export type MemberCaseEventV1 = {
  readonly caseId: string;
  readonly personId: string;
  readonly ruleSet: '2014' | '2026.05';
  /** Person status after the event (入党申请人 … 正式党员). */
  readonly stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' | 'PROBATIONARY' | 'FULL_MEMBER';
  /** Last step of the 25 recorded. */
  readonly step: number;
  readonly branch: { readonly id: string; readonly path: readonly string[] };
  readonly applicant: ApplicantFacts;
} & EventFacts;

export const memberCaseEventV1Schema = caseEventSchema('caseId', {
  ruleSet: { enum: ['2014', '2026.05'] },
  stage: { enum: ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL_MEMBER'] },
  step: { type: 'integer', minimum: 1, maximum: 25 },
  occurredOn: localDateSchema,
  branch: branchRefSchema,
  applicant: applicantFactsSchema,
});

export type MemberCaseCloudEvent = CloudEvent<MemberCaseEventV1>;
export const validateMemberCaseEventV1 = compileEventValidator<MemberCaseEventV1>(memberCaseEventV1Schema);
