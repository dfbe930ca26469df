// Entry point bundled by the Temporal worker: export every workflow function.
export * from './member-development/member-development.workflow';
export * from './cadre-recruitment/cadre-recruitment.workflow';
export * from './reserve-pool/reservist.workflow';
export * from './reserve-pool/reserve-review.workflow';
export type { DryRunAnswer } from './shared/case-updates';
export { CASE_SEARCH_ATTRIBUTES } from './shared/case-visibility';
