import { type EducationLevel } from '../person/education';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';

/** 政治面貌, with the member pipeline's stages (DOMAIN §2.3). */
export const POLITICAL_STATUSES = [
  'MASSES', // 群众
  'LEAGUE_MEMBER', // 共青团员
  'ACTIVIST', // 入党积极分子
  'DEVELOPMENT_TARGET', // 发展对象
  'PROBATIONARY_MEMBER', // 中共预备党员
  'FULL_MEMBER', // 中共党员
] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/** Where a candidate comes from (DOMAIN §2.3, §3): the programmes recruit from some of these. */
export const CADRE_SOURCES = [
  'RETURNING_GRADUATE', // 返乡（本土）大学生
  'LOCAL_ENTREPRENEUR', // 致富能手 / 企业主
  'RETURNING_MIGRANT', // 外出务工经商返乡人员
  'VETERAN', // 退役军人
  'COOPERATIVE_LEADER', // 合作社负责人
  'RURAL_SAGE', // 乡贤（退休干部、教师等）
  'ORIENTATED_TRAINEE', // 定向培养（定制村干）
  'YOUNG_MEMBER', // 优秀年轻党员
] as const;
export type CadreSource = (typeof CADRE_SOURCES)[number];

/**
 * Village posts. Elected posts are filled only by an election or by-election result (村民委员会组织法,
 * 党章): the system never "appoints" to them. Placements are appointed by the township committee.
 */
export const CADRE_POSTS = {
  PARTY_SECRETARY: {
    name: '村党组织书记',
    filledBy: 'ELECTION',
    committee: 'PARTY',
    membership: 'FULL_MEMBER',
  },
  PARTY_COMMITTEE_MEMBER: {
    name: '村党组织委员',
    filledBy: 'ELECTION',
    committee: 'PARTY',
    membership: 'FULL_MEMBER',
  },
  VILLAGE_DIRECTOR: { name: '村民委员会主任', filledBy: 'ELECTION', committee: 'VILLAGE', membership: null },
  VILLAGE_COMMITTEE_MEMBER: {
    name: '村民委员会委员',
    filledBy: 'ELECTION',
    committee: 'VILLAGE',
    membership: null,
  },
  SECRETARY_ASSISTANT: {
    name: '村党组织书记助理',
    filledBy: 'APPOINTMENT',
    committee: null,
    membership: 'PROBATIONARY_MEMBER',
  },
  DIRECTOR_ASSISTANT: { name: '村委会主任助理', filledBy: 'APPOINTMENT', committee: null, membership: null },
  VILLAGE_AFFAIRS_STAFF: { name: '村务专干', filledBy: 'APPOINTMENT', committee: null, membership: null },
} as const satisfies Record<
  string,
  {
    name: string;
    filledBy: 'ELECTION' | 'APPOINTMENT';
    committee: 'PARTY' | 'VILLAGE' | null;
    /** The least party standing the post needs (a full member to be elected to a party committee). */
    membership: 'FULL_MEMBER' | 'PROBATIONARY_MEMBER' | null;
  }
>;
export type CadrePost = keyof typeof CADRE_POSTS;

/** Posts on a 两委 committee (村干部 for the 8595 shares). */
export const COMMITTEE_POSTS = (Object.keys(CADRE_POSTS) as CadrePost[]).filter(
  (post) => CADRE_POSTS[post].committee !== null,
);

/** Household registration or residence a programme asks for. */
export type ResidencyRequirement = 'LOCAL_HOUSEHOLD' | 'LOCAL_HOUSEHOLD_OR_RESIDENCE' | 'ANY';

/** A recruitment programme as data: local brands differ in criteria, posts, notice and trial. */
export interface CadreProgramme {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly sources: readonly CadreSource[];
  readonly posts: readonly CadrePost[];
  readonly criteria: {
    readonly minAge: number;
    readonly maxAge: number;
    readonly minEducation: EducationLevel;
    readonly residency: ResidencyRequirement;
  };
  /** Departments of the 资格联审, each answering pass / fail / concern. */
  readonly jointReviewDepartments: readonly string[];
  /** Working days the departments have to answer. */
  readonly jointReviewWorkingDays: number;
  /** 任前公示: at least five working days (干部任用条例); a programme may ask for more. */
  readonly noticeWorkingDays: number;
  /** 试用期 in months (6–12 in village programmes). */
  readonly trialMonths: number;
  /** 延长试用期 at most once, by at most this many months. */
  readonly maxTrialExtensionMonths: number;
  readonly article: string;
}

/** The national floor every programme must respect (DOMAIN §2.1). */
export const NATIONAL_MINIMUM = {
  noticeWorkingDays: 5,
  trialMonths: { min: 6, max: 12 },
  article: '干部任用条例 §31',
} as const;

const JOINT_REVIEW = ['纪委监委', '组织部', '公安局', '法院', '检察院', '信访局', '民政局', '市场监管局'];

/**
 * The three programmes of the seed documents, as examples: 归雁计划 (本土大学生 back to their villages, seed
 * 003), 贤人回村 (capable locals such as entrepreneurs, seed 000), 定制村干 (orientated training, seed 003).
 */
export const CADRE_PROGRAMMES: readonly CadreProgramme[] = [
  {
    id: 'GUIYAN',
    name: '归雁计划',
    description: '本土大学生回村任职：党员任书记助理，非党员任主任助理，表现优秀者通过选举进入村“两委”',
    sources: ['RETURNING_GRADUATE'],
    posts: [
      'SECRETARY_ASSISTANT',
      'DIRECTOR_ASSISTANT',
      'VILLAGE_COMMITTEE_MEMBER',
      'PARTY_COMMITTEE_MEMBER',
    ],
    criteria: { minAge: 18, maxAge: 35, minEducation: 'JUNIOR_COLLEGE', residency: 'LOCAL_HOUSEHOLD' },
    jointReviewDepartments: JOINT_REVIEW,
    jointReviewWorkingDays: 10,
    noticeWorkingDays: 5,
    trialMonths: 12,
    maxTrialExtensionMonths: 6,
    article: '南通 归雁计划（seed 003）',
  },
  {
    id: 'XIANREN',
    name: '贤人回村',
    description: '请回优秀企业主、致富能手、乡贤回村任职（南浔：87名贤人回村）',
    sources: ['LOCAL_ENTREPRENEUR', 'RURAL_SAGE', 'RETURNING_MIGRANT', 'COOPERATIVE_LEADER', 'VETERAN'],
    posts: ['VILLAGE_DIRECTOR', 'VILLAGE_COMMITTEE_MEMBER', 'PARTY_SECRETARY', 'PARTY_COMMITTEE_MEMBER'],
    criteria: {
      minAge: 25,
      maxAge: 55,
      minEducation: 'SENIOR_HIGH',
      residency: 'LOCAL_HOUSEHOLD_OR_RESIDENCE',
    },
    jointReviewDepartments: [...JOINT_REVIEW, '税务局', '人民银行（征信）'],
    jointReviewWorkingDays: 10,
    noticeWorkingDays: 7,
    trialMonths: 6,
    maxTrialExtensionMonths: 6,
    article: '南浔 贤人回村计划（seed 000）',
  },
  {
    id: 'DINGZHI',
    name: '定制村干',
    description: '政校合作定向培养，毕业后回村担任村务专干、书记助理',
    sources: ['ORIENTATED_TRAINEE'],
    posts: ['VILLAGE_AFFAIRS_STAFF', 'SECRETARY_ASSISTANT', 'DIRECTOR_ASSISTANT'],
    criteria: { minAge: 18, maxAge: 30, minEducation: 'JUNIOR_COLLEGE', residency: 'LOCAL_HOUSEHOLD' },
    jointReviewDepartments: JOINT_REVIEW,
    jointReviewWorkingDays: 10,
    noticeWorkingDays: 5,
    trialMonths: 12,
    maxTrialExtensionMonths: 6,
    article: '南通 定制村干（seed 003）',
  },
];

export function cadreProgramme(id: string): CadreProgramme | undefined {
  return CADRE_PROGRAMMES.find((programme) => programme.id === id);
}

/** A programme may tighten the national floor, never loosen it. */
export function checkProgramme(programme: CadreProgramme): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (programme.noticeWorkingDays < NATIONAL_MINIMUM.noticeWorkingDays) {
    violations.push(
      violation(
        'NOTICE_SHORTER_THAN_RULE',
        NATIONAL_MINIMUM.article,
        `任前公示不少于${NATIONAL_MINIMUM.noticeWorkingDays}个工作日`,
      ),
    );
  }
  const { min, max } = NATIONAL_MINIMUM.trialMonths;
  if (programme.trialMonths < min || programme.trialMonths > max) {
    violations.push(violation('TRIAL_PERIOD_OUT_OF_RANGE', null, `试用期为${min}至${max}个月`));
  }
  if (programme.criteria.minAge < 18 || programme.criteria.maxAge < programme.criteria.minAge) {
    violations.push(violation('AGE_RANGE_INVALID', null, '年龄条件不合理'));
  }
  if (programme.posts.length === 0) violations.push(violation('PROGRAMME_WITHOUT_POSTS', null, '须设置岗位'));
  return violations;
}
