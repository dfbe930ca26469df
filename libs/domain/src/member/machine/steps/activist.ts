import { type ApprovalRoute, checkApprovingBody } from '../../approval-routing';
import { type MemberStanding, checkCultivationContacts } from '../../sponsors';
import { checkCultivationPeriod } from '../../time-rules';
import { type MemberActionOf, type MemberSteps, advance, inStage, listed, need } from './define';

/** Steps 4–8: filing and cultivating the activist, up to the higher committee's decision on the target. */
export type ActivistAction =
  | MemberActionOf<'FILE_ACTIVIST'>
  | MemberActionOf<'ASSIGN_CONTACTS', { readonly contacts: readonly MemberStanding[] }>
  | MemberActionOf<'RECORD_ACTIVIST_VETTING', { readonly summary: string }>
  | MemberActionOf<'PROPOSE_DEVELOPMENT_TARGET', { readonly opinionsHeard: readonly string[] }>
  | MemberActionOf<
      'HIGHER_COMMITTEE_DECISION',
      { readonly route: ApprovalRoute; readonly consent: boolean; readonly reason?: string }
    >;

export const ACTIVIST_STEPS: MemberSteps<ActivistAction> = {
  FILE_ACTIVIST: {
    step: 4,
    precondition: (s) =>
      need(
        inStage(s, 'ACTIVIST') && !!s.activist && !s.activist.filedDate,
        '须先确定入党积极分子，且只备案一次',
      ),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), activist: { ...state.activist!, filedDate: date } },
        events: [],
      };
    },
  },
  ASSIGN_CONTACTS: {
    step: 5,
    precondition: (s) => need(inStage(s, 'ACTIVIST'), '培养联系人为入党积极分子指定'),
    rules: (state, action, { rules }) => checkCultivationContacts(rules, action.contacts, state.personId),
    apply: (state, action, _ctx, step) => {
      return {
        state: {
          ...advance(state, step),
          activist: { ...state.activist!, contacts: action.contacts.map((c) => c.personId) },
        },
        events: [],
      };
    },
  },
  RECORD_ACTIVIST_VETTING: {
    step: 6,
    precondition: (s) =>
      need(inStage(s, 'ACTIVIST') && !!s.activist?.contacts, '考察须在指定培养联系人后进行'),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: {
          ...advance(state, step),
          activist: { ...state.activist!, vettings: [...state.activist!.vettings, date] },
        },
        events: [],
      };
    },
  },
  PROPOSE_DEVELOPMENT_TARGET: {
    step: 7,
    precondition: (s) =>
      need(
        inStage(s, 'ACTIVIST') && !!s.activist?.filedDate && !!s.activist.contacts && !s.target,
        '确定发展对象前须完成入党积极分子备案并指定培养联系人',
      ),
    rules: (state, action, { rules }) => checkCultivationPeriod(rules, state.activist!.date, action.date),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return { state: { ...advance(state, step), target: { proposedDate: date } }, events: [] };
    },
  },
  HIGHER_COMMITTEE_DECISION: {
    step: 8,
    precondition: (s) =>
      need(
        !!s.target && !s.target.consentDate && !s.target.listedDate,
        '须先由党支部委员会研究提出发展对象人选',
      ),
    rules: (_state, action, { rules }) => checkApprovingBody(rules, action.route, action.actingBody),
    apply: (state, action, ctx, step) => {
      const date = action.date;
      if (!action.consent) {
        const { target: _dropped, ...rest } = state;
        return {
          state: rest,
          events: [
            { type: 'development-target-not-listed', date, reason: action.reason ?? '上级党委不同意' },
          ],
        };
      }
      const target = { ...state.target!, consentDate: date };
      // 2014: filing lists the target at once; 2026: consent, then a public notice (T4) before listing.
      if (!ctx.rules.developmentTarget.notice) return listed({ ...advance(state, step), target }, date);
      return { state: { ...advance(state, step), target }, events: [] };
    },
  },
};
