/** Who acts at a step (DOMAIN.md §1.2, §5.2). Collective bodies act as entities, recorded with minutes. */
export type StepActor =
  | 'INDIVIDUAL' // 申请人 / 发展对象 / 预备党员 themselves
  | 'BRANCH' // 党支部 (secretary or organisation member records)
  | 'BRANCH_COMMITTEE' // 党支部委员会(会议); the branch general meeting where there is no committee
  | 'BRANCH_GENERAL_MEETING' // 党支部党员大会
  | 'CULTIVATION_CONTACTS' // 培养联系人
  | 'REVIEWING_BODY' // 党总支 / 村党委: review only
  | 'APPROVING_COMMITTEE' // 基层党委 with approval authority, or its 组织员 / 委员
  | 'TRAINING_BODY' // 基层党委 or 县级党委组织部门
  | 'ORG_DEPARTMENT'; // 上级党委组织部门 (filing)

/**
 * The five stages of DOMAIN.md §1.1 as step ranges: S1 申请入党 1–2, S2 积极分子的确定和培养教育 3–6,
 * S3 发展对象的确定和考察 7–11, S4 预备党员的接收 12–18, S5 预备党员的教育、考察和转正 19–25.
 */
export const MEMBER_PHASES = {
  S1: '申请入党',
  S2: '入党积极分子的确定和培养教育',
  S3: '发展对象的确定和考察',
  S4: '预备党员的接收',
  S5: '预备党员的教育、考察和转正',
} as const;
export type MemberPhase = keyof typeof MEMBER_PHASES;

export function phaseOfStep(step: number): MemberPhase {
  if (!Number.isInteger(step) || step < 1 || step > 25) throw new RangeError(`no step ${step}`);
  return step <= 2 ? 'S1' : step <= 6 ? 'S2' : step <= 11 ? 'S3' : step <= 18 ? 'S4' : 'S5';
}

export interface MemberStepDefinition {
  readonly step: number;
  readonly phase: MemberPhase;
  readonly name: string;
  readonly actor: StepActor;
  /** Article of the rule set that governs the step. */
  readonly article: string;
  /** Periodic steps (6 and 21) repeat; every other step is recorded once per case (re-done only after a rejection). */
  readonly periodic?: true;
}

type StepTable = readonly MemberStepDefinition[];

/** The 25 steps of 《发展党员工作流程图》 under the 2026 细则 (article numbers of the 2026 text). */
export const STEPS_2026: StepTable = (
  [
    { step: 1, name: '递交入党申请书', actor: 'INDIVIDUAL', article: '§5' },
    { step: 2, name: '党组织派人谈话', actor: 'BRANCH', article: '§7' },
    { step: 3, name: '推荐和确定入党积极分子', actor: 'BRANCH_COMMITTEE', article: '§8' },
    { step: 4, name: '报上级党委备案', actor: 'APPROVING_COMMITTEE', article: '§8' },
    { step: 5, name: '指定培养联系人', actor: 'BRANCH_COMMITTEE', article: '§9' },
    { step: 6, name: '培养教育考察', actor: 'BRANCH', article: '§11', periodic: true },
    { step: 7, name: '确定发展对象', actor: 'BRANCH_COMMITTEE', article: '§13' },
    {
      step: 8,
      name: '报上级党委同意',
      actor: 'APPROVING_COMMITTEE',
      article: '§13',
    },
    { step: 9, name: '确定入党介绍人', actor: 'BRANCH_COMMITTEE', article: '§14' },
    { step: 10, name: '进行政治审查', actor: 'BRANCH', article: '§16' },
    { step: 11, name: '开展集中培训', actor: 'TRAINING_BODY', article: '§17' },
    {
      step: 12,
      name: '党支部委员会审查',
      actor: 'BRANCH_COMMITTEE',
      article: '§18',
    },
    {
      step: 13,
      name: '上级党委预审',
      actor: 'APPROVING_COMMITTEE',
      article: '§18',
    },
    { step: 14, name: '填写入党志愿书', actor: 'INDIVIDUAL', article: '§15' },
    {
      step: 15,
      name: '党支部党员大会讨论',
      actor: 'BRANCH_GENERAL_MEETING',
      article: '§19',
    },
    { step: 16, name: '上级党委派人谈话', actor: 'APPROVING_COMMITTEE', article: '§23' },
    { step: 17, name: '上级党委审批', actor: 'APPROVING_COMMITTEE', article: '§24' },
    {
      step: 18,
      name: '再上一级党委组织部门备案',
      actor: 'ORG_DEPARTMENT',
      article: '§25',
    },
    { step: 19, name: '编入党支部和党小组', actor: 'BRANCH', article: '§28' },
    { step: 20, name: '入党宣誓', actor: 'BRANCH', article: '§29' },
    { step: 21, name: '继续教育考察', actor: 'BRANCH', article: '§30', periodic: true },
    { step: 22, name: '提出转正申请', actor: 'INDIVIDUAL', article: '§32' },
    {
      step: 23,
      name: '党支部党员大会讨论转正',
      actor: 'BRANCH_GENERAL_MEETING',
      article: '§32',
    },
    { step: 24, name: '上级党委审批转正', actor: 'APPROVING_COMMITTEE', article: '§33' },
    { step: 25, name: '材料归档', actor: 'BRANCH', article: '§36' },
  ] as const
).map((step) => ({ ...step, phase: phaseOfStep(step.step) }));

/**
 * The 2014 article for a 2026 one. The 2026 text merged the 2014 committee review (2014 §18) and pre-review
 * (2014 §19) into §18, so from §19 on the 2014 numbers are one higher (2026 §19 = 2014 §20, §31 = 2014 §32,
 * §32 = 2014 §33, as DOMAIN.md quotes). Numbers beyond those DOMAIN.md quotes are not yet checked against
 * a 2014 text; they are data, so a correction is a change here.
 */
export function article2014(article2026: string): string {
  const n = Number(/^§(\d+)$/.exec(article2026)?.[1]);
  if (!Number.isInteger(n)) throw new RangeError(`not a 2026 article: ${article2026}`);
  return `2014 §${n >= 19 ? n + 1 : n}`;
}

/** The same flow under the 2014 细则: 2014 names, filing (备案) instead of consent for development targets. */
export const STEPS_2014: StepTable = STEPS_2026.map((step) => {
  const renamed: Partial<Record<number, string>> = {
    8: '报上级党委备案',
    12: '支部委员会审查',
    15: '支部大会讨论',
    23: '支部大会讨论转正',
  };
  return {
    ...step,
    name: renamed[step.step] ?? step.name,
    article: step.step === 13 ? '2014 §19' : article2014(step.article),
  };
});
