export * from './identity/national-id';
export * from './member/application';
export * from './member/rule-sets';
export * from './member/stages';
export * from './org/org-unit';
export * from './rules/rule-violation';
export * from './time/local-date';
export * from './targets/metrics';
