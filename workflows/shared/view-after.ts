import type {
  CadreCaseView,
  MemberCaseView,
  RecordCadreActionCommand,
  RecordMemberActionCommand,
  ReserveEntryAfter,
  ReserveEntryView,
} from '@app/contracts';

/*
 * The view a recorded action answers, from the view before it and the command's `after` (what the recording
 * activity stores in the read model): a dry run answers it without recording. The dry-run e2e tests assert that
 * each equals what the activity answers for the same action.
 */

export function memberCaseViewAfter(
  view: MemberCaseView,
  after: RecordMemberActionCommand['after'],
): MemberCaseView {
  return {
    ...view,
    stage: after.stage,
    currentStep: Math.max(view.currentStep, after.lastStep),
    status: after.status,
    branchId: after.branchId,
  };
}

export function cadreCaseViewAfter(
  view: CadreCaseView,
  after: RecordCadreActionCommand['after'],
): CadreCaseView {
  return { ...view, stage: after.stage, status: after.status, outcome: after.outcome };
}

export function reserveEntryViewAfter(view: ReserveEntryView, after: ReserveEntryAfter): ReserveEntryView {
  const { left, ...facts } = after;
  return { ...view, ...facts, leftOn: left?.on ?? null, leftCode: left?.code ?? null };
}
