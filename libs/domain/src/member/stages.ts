/** People states of the member-development pipeline (DOMAIN.md §1.1). */
export const MEMBER_STAGES = [
  'APPLICANT', // S1 入党申请人
  'ACTIVIST', // S2 入党积极分子
  'DEVELOPMENT_TARGET', // S3 发展对象
  'PROBATIONARY', // S4/S5 预备党员
  'FULL_MEMBER', // 正式党员
] as const;
export type MemberStage = (typeof MEMBER_STAGES)[number];

export const MEMBER_STAGE_NAMES: Record<MemberStage, string> = {
  APPLICANT: '入党申请人',
  ACTIVIST: '入党积极分子',
  DEVELOPMENT_TARGET: '发展对象',
  PROBATIONARY: '预备党员',
  FULL_MEMBER: '正式党员',
};

/** The 25 steps of 《发展党员工作流程图》 that this code records so far. */
export const MEMBER_STEP = {
  APPLICATION_SUBMITTED: 1, // 递交入党申请书
} as const;
