import { violation } from '../../../kernel/rules/rule-violation';
import { type CommitteeDecision, checkCommitteeVote } from '../../../member/meeting-vote';
import { type CadreActionOf, type CadreSteps, closer } from './define';

/** P4–P5: the assessment (考察) and the township committee's decision. */
export type SelectionAction =
  | CadreActionOf<
      'RECORD_ASSESSMENT',
      {
        /** 民主测评: how many took part, how many rated 好 or 较好. */
        readonly evaluation: { readonly participants: number; readonly favourable: number };
        readonly interviewScore: number | null;
      }
    >
  | CadreActionOf<
      'DECIDE',
      CommitteeDecision & {
        /** For a 村党组织书记: the county org department was consulted first (DOMAIN §2.1 P5). */
        readonly countyConsultationRef?: string;
      }
    >;

export const SELECTION_STEPS: CadreSteps<SelectionAction> = {
  RECORD_ASSESSMENT: {
    needs: ['ASSESSMENT'],
    actor: 'TOWNSHIP',
    rules: (_state, action) => {
      const { participants, favourable } = action.evaluation;
      if (
        !Number.isInteger(participants) ||
        participants <= 0 ||
        favourable < 0 ||
        favourable > participants
      ) {
        return [violation('EVALUATION_INCONSISTENT', null, '民主测评人数或票数不正确', 'evaluation')];
      }
      return action.interviewScore !== null && (action.interviewScore < 0 || action.interviewScore > 100)
        ? [violation('SCORE_OUT_OF_RANGE', null, '面试成绩为0至100分', 'interviewScore')]
        : [];
    },
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      const favourableShare = action.evaluation.favourable / action.evaluation.participants;
      const assessment = { on: date, favourableShare, interviewScore: action.interviewScore };
      // 民主测评: more than half rate the candidate 好 or 较好; an interview, where held, is passed at 60.
      const passed = favourableShare > 0.5 && (action.interviewScore === null || action.interviewScore >= 60);
      return passed
        ? { state: { ...next, assessment, stage: 'DECISION' }, events: [] }
        : {
            state: close('ASSESSMENT_FAILED', { assessment }),
            events: [
              { type: 'disqualified', date, reasons: [{ code: 'ASSESSMENT_FAILED', reason: '考察未通过' }] },
            ],
          };
    },
  },
  DECIDE: {
    needs: ['DECISION'],
    actor: 'TOWNSHIP',
    rules: (state, action) => {
      const violations = checkCommitteeVote(action.committeeVote, action.approved, '乡镇党委集体研究决定');
      if (state.post === 'PARTY_SECRETARY' && action.approved && !action.countyConsultationRef) {
        violations.push(
          violation(
            'COUNTY_CONSULTATION_REQUIRED',
            null,
            '村党组织书记人选须先报县委组织部',
            'countyConsultationRef',
          ),
        );
      }
      return violations;
    },
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      return action.approved
        ? {
            state: { ...next, decision: { on: date, minutesRef: action.minutesRef }, stage: 'NOTICE' },
            events: [],
          }
        : {
            state: close('NOT_DECIDED'),
            events: [
              { type: 'disqualified', date, reasons: [{ code: 'NOT_DECIDED', reason: '乡镇党委会未同意' }] },
            ],
          };
    },
  },
};
