import { type NoticeAction } from '../../kernel/public-notice';
import { type LocalDate } from '../../kernel/time/local-date';
import { type CadreApplicant } from '../qualification';
import { type ReserveCategory } from '../../reserve/reserve-pool';
import { type DepartmentResult } from './state';

interface Base {
  readonly date: LocalDate;
}

export type CadreAction =
  | (Base & {
      readonly type: 'REVIEW_QUALIFICATION';
      readonly applicant: CadreApplicant;
      readonly committeeMemberIds: readonly string[];
    })
  | (Base & { readonly type: 'OPEN_JOINT_REVIEW' })
  | (Base & {
      readonly type: 'RECORD_DEPARTMENT_OPINION';
      readonly department: string;
      readonly result: DepartmentResult;
      readonly note: string;
    })
  | (Base & {
      readonly type: 'RESOLVE_CONCERNS';
      readonly finding: string;
      readonly affectsEligibility: boolean;
    })
  | (Base & {
      readonly type: 'RECORD_ASSESSMENT';
      /** 民主测评: how many took part, how many rated 好 or 较好. */
      readonly evaluation: { readonly participants: number; readonly favourable: number };
      readonly interviewScore: number | null;
    })
  | (Base & {
      readonly type: 'DECIDE';
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      readonly minutesRef: string;
      /** For a 村党组织书记: the county org department was consulted first (DOMAIN §2.1 P5). */
      readonly countyConsultationRef?: string;
    })
  | NoticeAction
  | (Base & { readonly type: 'APPOINT'; readonly termEnd: LocalDate; readonly documentRef: string })
  | (Base & {
      readonly type: 'RECORD_ELECTION';
      readonly mode: 'ELECTION' | 'BY_ELECTION';
      readonly termEnd: LocalDate;
      /** 有选举权的人数, 参加投票的人数, 该人选得票. */
      readonly votes: { readonly eligible: number; readonly cast: number; readonly forCandidate: number };
      readonly meetingRef: string;
    })
  | (Base & {
      readonly type: 'REVIEW_TRIAL';
      readonly outcome: 'PASS' | 'EXTEND' | 'FAIL';
      readonly extensionMonths?: number;
      readonly exitTo?: 'RESERVE_POOL' | 'RELEASED';
      /** For an exit to the reserve pool: the category the township refers the person under. */
      readonly reserveCategory?: ReserveCategory;
      readonly opinion: string;
    })
  | (Base & { readonly type: 'WITHDRAW'; readonly reason: string })
  | (Base & { readonly type: 'FILE_WITH_COUNTY'; readonly ref: string });
export type CadreActionType = CadreAction['type'];

/** Who acts for each step: the township committee runs the case, the county keeps the register. */
export const CADRE_ACTION_ACTORS: Record<
  CadreActionType,
  'TOWNSHIP' | 'COUNTY_DEPARTMENT' | 'TOWNSHIP_OR_COUNTY'
> = {
  REVIEW_QUALIFICATION: 'TOWNSHIP',
  OPEN_JOINT_REVIEW: 'TOWNSHIP_OR_COUNTY',
  RECORD_DEPARTMENT_OPINION: 'COUNTY_DEPARTMENT',
  RESOLVE_CONCERNS: 'TOWNSHIP',
  RECORD_ASSESSMENT: 'TOWNSHIP',
  DECIDE: 'TOWNSHIP',
  START_NOTICE: 'TOWNSHIP',
  RECORD_OBJECTION: 'TOWNSHIP',
  CLOSE_NOTICE: 'TOWNSHIP',
  APPOINT: 'TOWNSHIP',
  RECORD_ELECTION: 'TOWNSHIP',
  REVIEW_TRIAL: 'TOWNSHIP',
  WITHDRAW: 'TOWNSHIP',
  FILE_WITH_COUNTY: 'COUNTY_DEPARTMENT',
};
