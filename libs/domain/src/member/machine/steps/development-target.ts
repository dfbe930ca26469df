import { violation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import { type ApprovalRoute, checkApprovingBody } from '../../approval-routing';
import { type MemberStanding, checkSponsors } from '../../sponsors';
import { type TrainingRecord, checkDeparture, checkTraining } from '../../time-rules';
import { type MemberCaseState } from '../state';
import { type MemberActionOf, type MemberSteps, accepted, advance, inStage, need } from './define';

/** Steps 9–14: the development target's sponsors, political review, training, reviews and application form. */
export type DevelopmentTargetAction =
  | MemberActionOf<'DESIGNATE_SPONSORS', { readonly sponsors: readonly MemberStanding[] }>
  | MemberActionOf<'RECORD_POLITICAL_REVIEW', { readonly passed: boolean; readonly conclusionRef: string }>
  | MemberActionOf<'RECORD_TRAINING', { readonly training: TrainingRecord }>
  | MemberActionOf<'COMMITTEE_REVIEW', { readonly passed: boolean; readonly opinion: string }>
  | MemberActionOf<
      'PRE_REVIEW',
      {
        readonly route: ApprovalRoute;
        readonly passed: boolean;
        readonly expectedDeparture: LocalDate | null;
        readonly departureJustification?: string;
        readonly applicationFormNumber?: string;
      }
    >
  | MemberActionOf<'FILL_APPLICATION_FORM', { readonly formNumber: string }>;

/** Steps 9–11 come while the target is neither pre-reviewed nor accepted. */
const beforePreReview = (s: MemberCaseState) =>
  inStage(s, 'DEVELOPMENT_TARGET') && !s.target?.preReviewDate && !accepted(s);

export const DEVELOPMENT_TARGET_STEPS: MemberSteps<DevelopmentTargetAction> = {
  DESIGNATE_SPONSORS: {
    step: 9,
    precondition: (s) => need(beforePreReview(s), '入党介绍人为发展对象确定'),
    rules: (state, action, { rules }) => checkSponsors(rules, action.sponsors, state.personId, action.date),
    apply: (state, action, _ctx, step) => {
      return {
        state: {
          ...advance(state, step),
          target: { ...state.target!, sponsors: action.sponsors.map((s) => s.personId) },
        },
        events: [],
      };
    },
  },
  RECORD_POLITICAL_REVIEW: {
    step: 10,
    precondition: (s) => need(beforePreReview(s), '政治审查对发展对象进行'),
    rules: (_state, action, { rules }) =>
      action.conclusionRef.trim()
        ? []
        : [
            violation(
              'POLITICAL_REVIEW_CONCLUSION_MISSING',
              rules.politicalReview.article,
              '政治审查须形成结论性材料',
              'conclusionRef',
            ),
          ],
    apply: (state, action, _ctx, step) => {
      return {
        state: {
          ...advance(state, step),
          target: { ...state.target!, politicalReviewPassed: action.passed },
        },
        events: [],
      };
    },
  },
  RECORD_TRAINING: {
    step: 11,
    precondition: (s) => need(beforePreReview(s), '集中培训对发展对象进行'),
    rules: (_state, action, { rules }) => checkTraining(rules, action.training, 'days'),
    apply: (state, action, _ctx, step) => {
      return {
        state: { ...advance(state, step), target: { ...state.target!, training: action.training } },
        events: [],
      };
    },
  },
  COMMITTEE_REVIEW: {
    step: 12,
    precondition: (s) =>
      need(
        inStage(s, 'DEVELOPMENT_TARGET') &&
          !!s.target?.sponsors &&
          s.target.politicalReviewPassed !== undefined &&
          !!s.target.training &&
          !s.target.preReviewDate &&
          !accepted(s),
        '党支部委员会审查前须确定入党介绍人、完成政治审查和集中培训',
      ),
    rules: (state, action, { rules }) => {
      if (!action.passed) return [];
      const violations = [...checkTraining(rules, state.target!.training)];
      if (state.target!.politicalReviewPassed !== true) {
        violations.push(
          violation(
            'POLITICAL_REVIEW_NOT_PASSED',
            rules.politicalReview.article,
            '未经政治审查或者政治审查不合格的，不能发展入党',
          ),
        );
      }
      return violations;
    },
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: {
          ...advance(state, step),
          target: { ...state.target!, committeeReviewPassed: action.passed, committeeReviewDate: date },
        },
        events: action.passed ? [] : [{ type: 'acceptance-rejected', date, step }],
      };
    },
  },
  PRE_REVIEW: {
    step: 13,
    precondition: (s) =>
      need(
        s.target?.committeeReviewPassed === true && !s.target.preReviewDate,
        '预审前须经党支部委员会审查合格',
      ),
    rules: (_state, action, { rules }) => {
      const violations = [...checkApprovingBody(rules, action.route, action.actingBody)];
      if (action.passed)
        violations.push(
          ...checkDeparture(rules, action.expectedDeparture, action.date, action.departureJustification),
        );
      return violations;
    },
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      if (!action.passed) {
        // Written notice to the branch; no 志愿书. The committee review has to be done again.
        return {
          state: { ...state, target: { ...state.target!, committeeReviewPassed: undefined } },
          events: [{ type: 'acceptance-rejected', date, step }],
        };
      }
      return {
        state: { ...advance(state, step), target: { ...state.target!, preReviewDate: date } },
        events: [],
      };
    },
  },
  FILL_APPLICATION_FORM: {
    step: 14,
    precondition: (s) =>
      need(!!s.target?.preReviewDate && !s.target.formNumber, '预审合格后方可填写入党志愿书'),
    apply: (state, action, _ctx, step) => {
      return {
        state: { ...advance(state, step), target: { ...state.target!, formNumber: action.formNumber } },
        events: [],
      };
    },
  },
};
