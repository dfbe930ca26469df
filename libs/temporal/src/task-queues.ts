/** Workflow ids: one workflow per case, named so an operator can find it from the case id. */
export function memberCaseWorkflowId(caseId: string): string {
  return `member-case-${caseId}`;
}

export function cadreCaseWorkflowId(caseId: string): string {
  return `cadre-case-${caseId}`;
}
