import { type MemberActionOf, type MemberSteps, advance, inStage, need } from './define';

/** Steps 2–3: the talk with the applicant, and determining the activist. */
export type ApplicantAction =
  | MemberActionOf<'RECORD_TALK', { readonly talker: string; readonly summary: string }>
  | MemberActionOf<'DETERMINE_ACTIVIST', { readonly recommendation: 'PARTY_MEMBERS' | 'MASS_ORGANISATION' }>;

export const APPLICANT_STEPS: MemberSteps<ApplicantAction> = {
  RECORD_TALK: {
    step: 2,
    precondition: (s) =>
      need(inStage(s, 'APPLICANT') && !s.talkDate, '谈话应在递交入党申请书后、确定入党积极分子前进行'),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return { state: { ...advance(state, step), talkDate: date }, events: [] };
    },
  },
  DETERMINE_ACTIVIST: {
    step: 3,
    precondition: (s) => need(inStage(s, 'APPLICANT') && !!s.talkDate, '确定入党积极分子前须派人谈话'),
    article: (r) => r.talk.article,
    localNotice: () => 'ACTIVIST',
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), stage: 'ACTIVIST', activist: { date, vettings: [] } },
        events: [{ type: 'activist-determined', date }],
      };
    },
  },
};
