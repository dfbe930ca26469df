import { violation } from '../../../kernel/rules/rule-violation';
import { type PoliticalStatus } from '../../../cadre/programmes';
import { type NegativeRecord } from '../../../cadre/qualification';
import { type CommitteeDecision, checkCommitteeVote } from '../../../member/meeting-vote';
import { type EducationLevel } from '../../../person/education';
import { checkReserveEntry } from '../../reserve-pool';
import { RESERVE_ARTICLE as ARTICLE, type RecommendationChannel, type ReservistState } from '../state';
import { type ReserveActionOf, type ReserveSteps, refuser } from './define';

/** Entry (三推二审一选): recommendations, the qualification review, the joint vetting and the selection. */
export type EntryAction =
  | ReserveActionOf<'RECOMMEND', { readonly channel: RecommendationChannel; readonly by: string }>
  | ReserveActionOf<
      'REVIEW_QUALIFICATION',
      {
        readonly education: EducationLevel;
        readonly politicalStatus: PoliticalStatus;
        readonly negativeRecords: readonly NegativeRecord[];
      }
    >
  | ReserveActionOf<
      'RECORD_VETTING',
      {
        /** 联审: each department's answer; any FAIL keeps the candidate out. */
        readonly departments: readonly {
          readonly department: string;
          readonly result: 'PASS' | 'FAIL' | 'CONCERN';
          readonly note: string;
        }[];
      }
    >
  | ReserveActionOf<
      'SELECT',
      CommitteeDecision & {
        /** The committee's finding on the vetting's concerns; required to select when there were any. */
        readonly concernsFinding?: string;
      }
    >;

export const ENTRY_STEPS: ReserveSteps<EntryAction> = {
  RECOMMEND: {
    needs: ['RECOMMENDED'],
    actor: 'NOMINATOR',
    rules: (state, action) =>
      state.recommendations.some((previous) => previous.channel === action.channel)
        ? [violation('RECOMMENDATION_CHANNEL_REPEATED', ARTICLE, '同一推荐渠道已推荐过', 'channel')]
        : [],
    apply: (state, action) => {
      const date = action.date;
      const next: ReservistState = { ...state, lastDate: action.date };
      return {
        state: {
          ...next,
          recommendations: [...state.recommendations, { channel: action.channel, by: action.by, on: date }],
        },
        events: [],
      };
    },
  },
  REVIEW_QUALIFICATION: {
    needs: ['RECOMMENDED'],
    actor: 'TOWNSHIP',
    apply: (state, action, ctx) => {
      const date = action.date;
      const next: ReservistState = { ...state, lastDate: action.date };
      const notAdmitted = refuser(state, action.date);
      const facts = {
        education: action.education,
        politicalStatus: action.politicalStatus,
        negativeRecords: action.negativeRecords,
      };
      const failures = checkReserveEntry(
        {
          ...facts,
          birthDate: state.birthDate,
          category: state.category,
          recommendations: state.recommendations.length,
        },
        ctx.policy,
        date,
      );
      if (
        state.category === 'YOUNG_MEMBER' &&
        !['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(action.politicalStatus)
      ) {
        failures.push(
          violation('RESERVE_CATEGORY_NEEDS_MEMBER', ARTICLE, '“优秀年轻党员”须是党员', 'politicalStatus'),
        );
      }
      return failures.length === 0
        ? { state: { ...next, facts, entryStep: 'QUALIFIED' }, events: [] }
        : notAdmitted(
            failures.map(({ code, message }) => ({ code, reason: message })),
            { facts },
          );
    },
  },
  RECORD_VETTING: {
    needs: ['QUALIFIED'],
    actor: 'TOWNSHIP_OR_COUNTY',
    rules: (_state, action) => {
      if (action.departments.length === 0) {
        return [violation('VETTING_WITHOUT_DEPARTMENTS', ARTICLE, '联审须有部门意见', 'departments')];
      }
      const unexplained = action.departments.findIndex(
        (answer) => answer.result !== 'PASS' && !answer.note.trim(),
      );
      return unexplained >= 0
        ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由', `departments.${unexplained}.note`)]
        : [];
    },
    apply: (state, action) => {
      const next: ReservistState = { ...state, lastDate: action.date };
      const notAdmitted = refuser(state, action.date);
      const failed = action.departments.filter((answer) => answer.result === 'FAIL');
      return failed.length > 0
        ? notAdmitted(
            failed.map((answer) => ({
              code: 'JOINT_VETTING_FAILED',
              reason: `${answer.department}：${answer.note}`,
            })),
          )
        : {
            state: {
              ...next,
              entryStep: 'VETTED',
              vettingConcerns: action.departments
                .filter((answer) => answer.result === 'CONCERN')
                .map((answer) => `${answer.department}：${answer.note}`),
            },
            events: [],
          };
    },
  },
  SELECT: {
    needs: ['VETTED'],
    actor: 'TOWNSHIP',
    rules: (state, action) => {
      const violations = checkCommitteeVote(
        action.committeeVote,
        action.approved,
        '乡镇党委研究确定后备力量人选',
      );
      if (action.approved && state.vettingConcerns?.length && !action.concernsFinding?.trim()) {
        violations.push(
          violation(
            'CONCERNS_NOT_ADDRESSED',
            ARTICLE,
            '联审提出的疑虑须在研究确定时作出结论',
            'concernsFinding',
          ),
        );
      }
      return violations;
    },
    apply: (state, action) => {
      const next: ReservistState = { ...state, lastDate: action.date };
      const notAdmitted = refuser(state, action.date);
      return action.approved
        ? { state: { ...next, entryStep: 'SELECTED' }, events: [] }
        : notAdmitted([{ code: 'NOT_SELECTED', reason: '乡镇党委未确定为后备力量' }]);
    },
  },
};
