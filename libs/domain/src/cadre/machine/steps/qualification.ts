import { violation } from '../../../kernel/rules/rule-violation';
import { type CadreApplicant, assessQualification } from '../../qualification';
import { concernsViolations, jointReviewState } from '../checks';
import { type DepartmentResult } from '../state';
import { type CadreActionOf, type CadreSteps, closer } from './define';

/** P2–P3: the township's qualification review and the departments' joint review. */
export type QualificationAction =
  | CadreActionOf<
      'REVIEW_QUALIFICATION',
      { readonly applicant: CadreApplicant; readonly committeeMemberIds: readonly string[] }
    >
  | CadreActionOf<'OPEN_JOINT_REVIEW'>
  | CadreActionOf<
      'RECORD_DEPARTMENT_OPINION',
      { readonly department: string; readonly result: DepartmentResult; readonly note: string }
    >
  | CadreActionOf<'RESOLVE_CONCERNS', { readonly finding: string; readonly affectsEligibility: boolean }>;

export const QUALIFICATION_STEPS: CadreSteps<QualificationAction> = {
  REVIEW_QUALIFICATION: {
    needs: ['NOMINATED'],
    actor: 'TOWNSHIP',
    apply: (state, action, { programme }) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      const failures = assessQualification({
        programme,
        post: state.post,
        villageId: state.villageId,
        applicant: action.applicant,
        committeeMemberIds: action.committeeMemberIds,
        onDate: date,
      });
      const qualification = { on: date, failures, education: action.applicant.education };
      return failures.length === 0
        ? { state: { ...next, qualification, stage: 'QUALIFIED' }, events: [{ type: 'qualified', date }] }
        : {
            state: close('DISQUALIFIED', { qualification }),
            events: [
              { type: 'disqualified', date, reasons: failures.map(({ code, reason }) => ({ code, reason })) },
            ],
          };
    },
  },
  OPEN_JOINT_REVIEW: {
    needs: ['QUALIFIED'],
    actor: 'TOWNSHIP_OR_COUNTY',
    apply: (state, action, { programme, calendar }) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      return {
        state: {
          ...next,
          stage: 'JOINT_REVIEW',
          jointReview: {
            opened: date,
            due: calendar.lastDayOfPeriod(date, programme.jointReviewWorkingDays).value,
            answers: {},
          },
        },
        events: [],
      };
    },
  },
  RECORD_DEPARTMENT_OPINION: {
    needs: ['JOINT_REVIEW'],
    actor: 'COUNTY_DEPARTMENT',
    rules: (state, action, { programme }) => {
      if (!programme.jointReviewDepartments.includes(action.department)) {
        return [
          violation(
            'DEPARTMENT_NOT_IN_JOINT_REVIEW',
            programme.article,
            `${action.department}不是联审部门`,
            'department',
          ),
        ];
      }
      if (state.jointReview?.answers[action.department]) {
        return [
          violation('DEPARTMENT_ALREADY_ANSWERED', null, `${action.department}已反馈联审意见`, 'department'),
        ];
      }
      return action.result !== 'PASS' && !action.note.trim()
        ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由', 'note')]
        : [];
    },
    apply: (state, action, { programme }) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      const review = state.jointReview!;
      const answers = {
        ...review.answers,
        [action.department]: { result: action.result, note: action.note, on: date },
      };
      const withAnswer = { ...next, jointReview: { ...review, answers } };
      if (action.result === 'FAIL') {
        return {
          state: close('JOINT_REVIEW_FAILED', { jointReview: withAnswer.jointReview }),
          events: [
            {
              type: 'disqualified',
              date,
              reasons: [{ code: 'JOINT_REVIEW_FAILED', reason: `${action.department}：${action.note}` }],
            },
          ],
        };
      }
      const status = jointReviewState(withAnswer, programme);
      const done = status.pending.length === 0 && !status.concerns;
      return { state: done ? { ...withAnswer, stage: 'ASSESSMENT' } : withAnswer, events: [] };
    },
  },
  RESOLVE_CONCERNS: {
    needs: ['JOINT_REVIEW'],
    actor: 'TOWNSHIP',
    rules: (state, _action, { programme }) => concernsViolations(state, programme),
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      const jointReview = { ...state.jointReview!, concernsResolved: { on: date, finding: action.finding } };
      return action.affectsEligibility
        ? {
            state: close('JOINT_REVIEW_FAILED', { jointReview }),
            events: [
              {
                type: 'disqualified',
                date,
                reasons: [{ code: 'JOINT_REVIEW_CONCERN_UPHELD', reason: action.finding }],
              },
            ],
          }
        : { state: { ...next, jointReview, stage: 'ASSESSMENT' }, events: [] };
    },
  },
};
