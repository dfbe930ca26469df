/** 学历, lowest first; 高中 and 中专 rank the same. */
export const EDUCATION_LEVELS = [
  'PRIMARY', // 小学
  'JUNIOR_HIGH', // 初中
  'SENIOR_HIGH', // 高中
  'SECONDARY_VOCATIONAL', // 中专
  'JUNIOR_COLLEGE', // 大专
  'BACHELOR', // 本科
  'MASTER', // 硕士
  'DOCTORATE', // 博士
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

const EDUCATION_RANK: Record<EducationLevel, number> = {
  PRIMARY: 1,
  JUNIOR_HIGH: 2,
  SENIOR_HIGH: 3,
  SECONDARY_VOCATIONAL: 3,
  JUNIOR_COLLEGE: 4,
  BACHELOR: 5,
  MASTER: 6,
  DOCTORATE: 7,
};

export function meetsEducation(level: EducationLevel, minimum: EducationLevel): boolean {
  return EDUCATION_RANK[level] >= EDUCATION_RANK[minimum];
}

export const EDUCATION_NAMES: Record<EducationLevel, string> = {
  PRIMARY: '小学',
  JUNIOR_HIGH: '初中',
  SENIOR_HIGH: '高中',
  SECONDARY_VOCATIONAL: '中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  MASTER: '硕士研究生',
  DOCTORATE: '博士研究生',
};
