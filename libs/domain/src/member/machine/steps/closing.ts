import { type OrgUnit } from '../../../kernel/org/org-unit';
import { violation } from '../../../kernel/rules/rule-violation';
import { ARCHIVE_SET } from '../state';
import { type MemberActionOf, type MemberSteps, advance, inStage, need } from './define';

/** Step 25, archiving the full member's file, and what may end or move a case at any stage. */
export type ClosingAction =
  | MemberActionOf<'ARCHIVE', { readonly documents: readonly string[] }>
  | MemberActionOf<'WITHDRAW', { readonly reason: string }>
  | MemberActionOf<'TRANSFER', { readonly toBranch: OrgUnit; readonly materialsRef: string }>
  | MemberActionOf<'REFUSE_RECOGNITION', { readonly reason: string }>;

export const CLOSING_STEPS: MemberSteps<ClosingAction> = {
  ARCHIVE: {
    step: 25,
    precondition: (s) => need(s.stage === 'FULL_MEMBER' && !s.archivedDate, '转正后归档'),
    rules: (_state, action, { rules }) => {
      const missing = ARCHIVE_SET.filter((document) => !action.documents.includes(document));
      return missing.length === 0
        ? []
        : [
            violation(
              'ARCHIVE_INCOMPLETE',
              rules.steps[24]!.article,
              `归档材料不全，缺少：${missing.join('、')}`,
              'documents',
            ),
          ];
    },
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), status: 'CLOSED', outcome: 'FULL_MEMBER', archivedDate: date },
        events: [{ type: 'archived', date }],
      };
    },
  },
  WITHDRAW: {
    step: 0,
    precondition: (s) => need(s.stage !== 'FULL_MEMBER', '已转为正式党员'),
    rules: (_state, action) =>
      action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由', 'reason')],
    apply: (state, action) => {
      const date = action.date;
      return {
        state: { ...state, status: 'CLOSED', outcome: 'WITHDRAWN' },
        events: [{ type: 'withdrawn', date, reason: action.reason }],
      };
    },
  },
  TRANSFER: {
    step: 0,
    precondition: () => undefined,
    rules: (state, action) =>
      action.toBranch.kind === 'BRANCH' && action.toBranch.id !== state.branch.id
        ? []
        : [violation('TRANSFER_TARGET_INVALID', null, '须转入另一个党支部', 'toBranch')],
    apply: (state, action) => {
      const date = action.date;
      // Cultivation time keeps counting (§12); a probationary member's conversion may then be postponed (T13).
      return {
        state: {
          ...state,
          branch: action.toBranch,
          transferredIn: state.transferredIn || state.stage === 'PROBATIONARY',
        },
        events: [
          { type: 'transferred', date, fromBranchId: state.branch.id, toBranchId: action.toBranch.id },
        ],
      };
    },
  },
  REFUSE_RECOGNITION: {
    step: 0,
    precondition: (s) =>
      need(inStage(s, 'PROBATIONARY') && s.transferredIn, '仅对转入的预备党员作不予承认处理'),
    rules: (_state, action) => {
      if (action.actingBody.kind !== 'ORG_DEPARTMENT') {
        return [
          violation('NOT_AN_ORG_DEPARTMENT', '§34', '不予承认须报县级以上党委组织部门批准', 'actingBody'),
        ];
      }
      return action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由', 'reason')];
    },
    apply: (state, action) => {
      const date = action.date;
      return {
        state: { ...state, status: 'CLOSED', outcome: 'NOT_RECOGNISED' },
        events: [{ type: 'not-recognised', date }],
      };
    },
  },
};
