import { type LocalDate, addYears, compareLocalDates } from '../kernel/time/local-date';
import { ageOn } from '../targets/metrics';
import { EDUCATION_NAMES, type EducationLevel, meetsEducation } from '../person/education';
import {
  CADRE_POSTS,
  type CadreProgramme,
  type CadrePost,
  type CadreSource,
  type PoliticalStatus,
} from './programmes';

/**
 * Negative lists (DOMAIN §2.2): 不能 (cannot be a candidate) and 不宜 (should not be), each with the window in
 * years after the record's date during which it applies (null: for good, or while it lasts).
 */
export const NEGATIVE_ITEMS = {
  CRIMINAL_SENTENCE: { list: 'CANNOT', name: '受过刑事处罚（刑满释放未满5年）', windowYears: 5 },
  PARTY_DISCIPLINE: { list: 'CANNOT', name: '受到撤销党内职务以上处分未满2年', windowYears: 2 },
  VILLAGE_BULLY: { list: 'CANNOT', name: '“村霸”', windowYears: null },
  ORGANISED_CRIME: { list: 'CANNOT', name: '涉黑涉恶（5年内）', windowYears: 5 },
  CULT: { list: 'CANNOT', name: '参与邪教组织', windowYears: null },
  NO_LEGAL_CAPACITY: { list: 'CANNOT', name: '丧失行为能力', windowYears: null },
  REFUSED_DISCIPLINE_PLEDGE: { list: 'CANNOT', name: '拒不签订换届纪律承诺书', windowYears: null },
  UNDER_INVESTIGATION: { list: 'SHOULD_NOT', name: '正在接受纪律审查、监察调查', windowYears: 0 },
  ADMINISTRATIVE_DETENTION: { list: 'SHOULD_NOT', name: '受过行政拘留（5年内）', windowYears: 5 },
  GAMBLING_SUPERSTITION: { list: 'SHOULD_NOT', name: '参与赌博、封建迷信受过处理（5年内）', windowYears: 5 },
  IRREGULAR_PETITIONING: { list: 'SHOULD_NOT', name: '违法违规上访（5年内）', windowYears: 5 },
  ELECTION_DISRUPTION: { list: 'SHOULD_NOT', name: '破坏选举（5年内）', windowYears: 5 },
  LONG_ABSENCE: { list: 'SHOULD_NOT', name: '长期外出无法正常履职', windowYears: 0 },
} as const satisfies Record<
  string,
  { list: 'CANNOT' | 'SHOULD_NOT'; name: string; windowYears: number | null }
>;
export type NegativeItem = keyof typeof NEGATIVE_ITEMS;

export interface NegativeRecord {
  readonly item: NegativeItem;
  /** When it ended (sentence served, discipline imposed, incident): the window counts from here. */
  readonly date: LocalDate;
  /** Still going on (an investigation, an absence): applies whatever the window. */
  readonly ongoing?: boolean;
}

/** 近亲属 relations that may not sit on the same committee (DOMAIN §2.2). */
export const KIN_RELATIONS = ['SPOUSE', 'LINEAL', 'COLLATERAL_WITHIN_THREE', 'CLOSE_IN_LAW'] as const;
export type KinRelation = (typeof KIN_RELATIONS)[number];

export interface CadreApplicant {
  readonly birthDate: string;
  readonly education: EducationLevel;
  readonly politicalStatus: PoliticalStatus;
  readonly source: CadreSource;
  /** Org unit id of the village of household registration (户籍), or null elsewhere. */
  readonly householdVillageId: string | null;
  /** Org unit id of the village of long-term residence, or null. */
  readonly residenceVillageId: string | null;
  readonly negativeRecords: readonly NegativeRecord[];
  readonly relatives: readonly { readonly personId: string; readonly relation: KinRelation }[];
}

export type QualificationCriterion =
  | 'PROGRAMME_POST'
  | 'SOURCE'
  | 'AGE'
  | 'EDUCATION'
  | 'POLITICAL_STATUS'
  | 'RESIDENCY'
  | 'NEGATIVE_LIST'
  | 'KINSHIP';

export interface CriterionFailure {
  readonly criterion: QualificationCriterion;
  readonly code: string;
  readonly article: string | null;
  readonly reason: string;
}

const STANDING: Record<PoliticalStatus, number> = {
  MASSES: 0,
  LEAGUE_MEMBER: 0,
  ACTIVIST: 0,
  DEVELOPMENT_TARGET: 0,
  PROBATIONARY_MEMBER: 1,
  FULL_MEMBER: 2,
};

/** Whether a negative record still applies on `onDate`. */
export function negativeRecordApplies(record: NegativeRecord, onDate: LocalDate): boolean {
  if (record.ongoing) return true;
  const window = NEGATIVE_ITEMS[record.item].windowYears;
  if (window === null) return true;
  return compareLocalDates(onDate, addYears(record.date, window)) < 0;
}

/**
 * 资格审查: every criterion of the programme checked, and every failure returned with its reason (not just
 * the first), so the township can tell the applicant exactly why.
 */
export function assessQualification(input: {
  readonly programme: CadreProgramme;
  readonly post: CadrePost;
  readonly villageId: string;
  readonly applicant: CadreApplicant;
  /** People sitting on the committee the post belongs to (kinship avoidance, 近亲属回避). */
  readonly committeeMemberIds: readonly string[];
  readonly onDate: LocalDate;
}): CriterionFailure[] {
  const { programme, post, applicant, onDate } = input;
  const { criteria, article } = programme;
  const failures: CriterionFailure[] = [];
  const fail = (
    criterion: QualificationCriterion,
    code: string,
    reason: string,
    cited: string | null = article,
  ) => failures.push({ criterion, code, article: cited, reason });

  if (!programme.posts.includes(post)) {
    fail('PROGRAMME_POST', 'POST_NOT_IN_PROGRAMME', `${programme.name}不设${CADRE_POSTS[post].name}岗位`);
  }
  if (!programme.sources.includes(applicant.source)) {
    fail('SOURCE', 'SOURCE_NOT_ELIGIBLE', `${programme.name}面向的人员类别不包括该申请人`);
  }
  const age = ageOn(applicant.birthDate, onDate);
  if (age < criteria.minAge || age > criteria.maxAge) {
    fail('AGE', 'AGE_OUT_OF_RANGE', `年龄${age}岁，须在${criteria.minAge}至${criteria.maxAge}岁之间`);
  }
  if (!meetsEducation(applicant.education, criteria.minEducation)) {
    fail(
      'EDUCATION',
      'EDUCATION_BELOW_MINIMUM',
      `学历为${EDUCATION_NAMES[applicant.education]}，须${EDUCATION_NAMES[criteria.minEducation]}及以上`,
    );
  }
  const needed = CADRE_POSTS[post].membership;
  if (needed && STANDING[applicant.politicalStatus] < STANDING[needed]) {
    fail(
      'POLITICAL_STATUS',
      needed === 'FULL_MEMBER' ? 'FULL_MEMBERSHIP_REQUIRED' : 'PARTY_MEMBERSHIP_REQUIRED',
      needed === 'FULL_MEMBER'
        ? `${CADRE_POSTS[post].name}须由正式党员担任（预备党员没有被选举权）`
        : `${CADRE_POSTS[post].name}须为中共党员（含预备党员）`,
      '党章 §7',
    );
  }
  checkBackground(input, fail);
  return failures;
}

type Fail = (criterion: QualificationCriterion, code: string, reason: string, cited?: string | null) => void;

/** Residency, the negative list and kinship avoidance: what the applicant's background rules out. */
function checkBackground(input: Parameters<typeof assessQualification>[0], fail: Fail): void {
  const { programme, post, villageId, applicant, committeeMemberIds, onDate } = input;
  const { criteria } = programme;
  const local = applicant.householdVillageId === villageId;
  const resident = applicant.residenceVillageId === villageId;
  if (
    (criteria.residency === 'LOCAL_HOUSEHOLD' && !local) ||
    (criteria.residency === 'LOCAL_HOUSEHOLD_OR_RESIDENCE' && !local && !resident)
  ) {
    fail(
      'RESIDENCY',
      'RESIDENCY_NOT_LOCAL',
      criteria.residency === 'LOCAL_HOUSEHOLD' ? '须为本村户籍' : '须为本村户籍或在本村长期居住',
    );
  }
  for (const record of applicant.negativeRecords) {
    if (!negativeRecordApplies(record, onDate)) continue;
    const item = NEGATIVE_ITEMS[record.item];
    fail(
      'NEGATIVE_LIST',
      item.list === 'CANNOT' ? 'NEGATIVE_LIST_CANNOT' : 'NEGATIVE_LIST_SHOULD_NOT',
      `${item.list === 'CANNOT' ? '不能' : '不宜'}确定为人选：${item.name}（${record.ongoing ? '尚未了结' : record.date}）`,
      '村“两委”人选资格条件负面清单',
    );
  }
  if (CADRE_POSTS[post].committee) {
    for (const relative of applicant.relatives) {
      if (committeeMemberIds.includes(relative.personId)) {
        fail(
          'KINSHIP',
          'KINSHIP_AVOIDANCE',
          `近亲属已在同一班子任职（${relative.relation}），应当回避`,
          '村“两委”成员近亲属回避',
        );
      }
    }
  }
}
