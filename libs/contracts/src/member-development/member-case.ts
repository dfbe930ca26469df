import { type ApplicationReceivedV1 } from './application-received.v1';

/** A case as the API shows it (read model). The national ID number is masked. */
export interface MemberCaseView {
  readonly id: string;
  readonly workflowId: string;
  readonly ruleSet: ApplicationReceivedV1['ruleSet'];
  readonly stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' | 'PROBATIONARY' | 'FULL_MEMBER';
  readonly currentStep: number;
  readonly status: 'OPEN' | 'CLOSED';
  readonly applicationDate: string;
  readonly branchId: string;
  readonly applicant: {
    readonly personId: string;
    readonly name: string;
    readonly nationalIdMasked: string;
    readonly gender: 'MALE' | 'FEMALE';
    readonly birthDate: string;
  };
  readonly createdAt: string;
}

/** Input of the activity that records step 1; validated by the API before the workflow starts. */
export interface RecordApplicationCommand {
  readonly caseId: string;
  readonly workflowId: string;
  /** Outbox/CloudEvent id, generated in the workflow so that retries reuse it. */
  readonly eventId: string;
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly applicationDate: string;
  readonly ruleSet: ApplicationReceivedV1['ruleSet'];
  readonly branchId: string;
  /** Who entered it; null until authentication exists (issue 6). */
  readonly actorId: string | null;
}
