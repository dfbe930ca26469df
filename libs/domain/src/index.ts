export * from './identity/national-id';
export * from './member/application';
export * from './member/rule-sets';
export * from './member/stages';
export * from './member/steps';
export * from './kernel/org/org-unit';
export * from './kernel/org/org-admin';
export * from './kernel/rules/rule-violation';
export * from './kernel/time/local-date';
export * from './targets/metrics';
export * from './kernel/calendar/working-days';
export * from './member/time-rules';
export * from './member/meeting-vote';
export * from './member/sponsors';
export * from './member/approval-routing';
// The machines' own steps (open, validate, apply, deadlines, tasks, availability) are reached through the
// machine objects (memberCaseMachine, cadreCaseMachine, reservistMachine), not exported one by one.
export * from './member/machine/actions';
export {
  type CaseContext,
  type ExtraNotices,
  type LocalNoticeRecord,
  type MemberCaseEvent,
  type MemberCaseState,
  ARCHIVE_SET,
  NOTICE_KINDS,
  latestCaseDate,
  localNoticeDue,
  localNoticeOpen,
  localNoticePassed,
  openNotices,
  reviewedSoFar,
  startableNotices,
} from './member/machine/state';
export { MEMBER_PRECONDITIONS, actionWarnings } from './member/machine/validate';
export * from './member/machine/checks';
export { type CaseDeadline, type DeadlineKind } from './member/machine/deadlines';
export { type CaseTask } from './member/machine/tasks';
export * from './member/machine/machine';
export * from './member/overlays';
export * from './kernel/principal';
export * from './access/access-rules';
export * from './targets/forecast';
export * from './person/education';
export * from './cadre/programmes';
export * from './cadre/qualification';
export {
  type CadreCaseOpening,
  type CadreCaseState,
  type CadreContext,
  type CadreEvent,
  type CadreOutcome,
  type CadreStage,
  type DepartmentResult,
  type NominationChannel,
  NOMINATION_CHANNELS,
  checkNomination,
} from './cadre/machine/state';
export * from './cadre/machine/actions';
export { CADRE_NEEDS } from './cadre/machine/validate';
export * from './cadre/machine/checks';
export { type CadreDeadlineKind } from './cadre/machine/deadlines';
export { type PipelineActor, type PipelineTask, pipelineTask } from './cadre/machine/tasks';
export * from './cadre/machine/machine';
export * from './reserve/reserve-pool';
export * from './reserve/stage-names';
export * from './cadre/stage-names';
export * from './kernel/public-notice';
export * from './kernel/case-machine';
export {
  type RecommendationChannel,
  type RemovalCode,
  type ReserveContext,
  type ReserveEntryStep,
  type ReservistEvent,
  type ReservistOpening,
  type ReservistState,
  type ReservistStatus,
  IN_POOL_RESERVIST_STATUSES,
  OPEN_RESERVIST_STATUSES,
  RECOMMENDATION_CHANNELS,
  RESERVE_ARTICLE,
  checkReserveRecommendation,
  isReservistOpen,
} from './reserve/machine/state';
export * from './reserve/machine/actions';
export { RESERVE_NEEDS, stepAllows } from './reserve/machine/validate';
export * from './reserve/machine/checks';
export { reviewDueDate, reviewPeriodOf } from './reserve/machine/deadlines';
export { RESERVE_REVIEW_STEP } from './reserve/machine/tasks';
export * from './reserve/machine/machine';
export * from './kernel/errors';
