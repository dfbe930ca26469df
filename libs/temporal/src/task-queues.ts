/** Workflow ids: one workflow per case, named so an operator can find it from the case id. */
export function memberCaseWorkflowId(caseId: string): string {
  return `member-case-${caseId}`;
}

export function cadreCaseWorkflowId(caseId: string): string {
  return `cadre-case-${caseId}`;
}

/** The township's review Schedule; each run's workflow id is this plus the fire time. */
export function reserveReviewScheduleId(townshipId: string): string {
  return `reserve-review-${townshipId}`;
}
