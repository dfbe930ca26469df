import { type NoticeAction } from '../../kernel/public-notice';
import { type LocalDate } from '../../kernel/time/local-date';
import { type PoliticalStatus } from '../../cadre/programmes';
import { type NegativeRecord } from '../../cadre/qualification';
import { type EducationLevel } from '../../person/education';
import { type ReviewOutcome } from '../reserve-pool';
import { type RecommendationChannel } from './state';

interface Base {
  readonly date: LocalDate;
}

export type ReserveAction =
  | (Base & { readonly type: 'RECOMMEND'; readonly channel: RecommendationChannel; readonly by: string })
  | (Base & {
      readonly type: 'REVIEW_QUALIFICATION';
      readonly education: EducationLevel;
      readonly politicalStatus: PoliticalStatus;
      readonly negativeRecords: readonly NegativeRecord[];
    })
  | (Base & {
      readonly type: 'RECORD_VETTING';
      /** 联审: each department's answer; any FAIL keeps the candidate out. */
      readonly departments: readonly {
        readonly department: string;
        readonly result: 'PASS' | 'FAIL' | 'CONCERN';
        readonly note: string;
      }[];
    })
  | (Base & {
      readonly type: 'SELECT';
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      readonly minutesRef: string;
      /** The committee's finding on the vetting's concerns; required to select when there were any. */
      readonly concernsFinding?: string;
    })
  | NoticeAction
  | (Base & { readonly type: 'DECIDE_REVIEW'; readonly reviewId: string; readonly outcome: ReviewOutcome })
  | (Base & { readonly type: 'REPORT_NEGATIVE_EVENT'; readonly record: NegativeRecord })
  | (Base & { readonly type: 'LINK_MEMBER_CASE'; readonly memberCaseId: string })
  /** Entered by the workflow on the day the reservist passes the age limit, never by a person. */
  | (Base & { readonly type: 'AGE_OUT' });
export type ReserveActionType = ReserveAction['type'];

/** Who records each action: the township committee runs the pool; the county may report negative events. */
export const RESERVE_ACTION_ACTORS: Record<
  Exclude<ReserveActionType, 'AGE_OUT'>,
  'TOWNSHIP' | 'TOWNSHIP_OR_COUNTY' | 'NOMINATOR'
> = {
  RECOMMEND: 'NOMINATOR',
  REVIEW_QUALIFICATION: 'TOWNSHIP',
  RECORD_VETTING: 'TOWNSHIP_OR_COUNTY',
  SELECT: 'TOWNSHIP',
  START_NOTICE: 'TOWNSHIP',
  RECORD_OBJECTION: 'TOWNSHIP',
  CLOSE_NOTICE: 'TOWNSHIP',
  DECIDE_REVIEW: 'TOWNSHIP',
  REPORT_NEGATIVE_EVENT: 'TOWNSHIP_OR_COUNTY',
  LINK_MEMBER_CASE: 'TOWNSHIP',
};
