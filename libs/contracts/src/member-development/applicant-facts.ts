import { EDUCATION_LEVELS } from '@app/domain';

/** 职业 categories of the party statistics (党内统计): 工人, 农牧渔民, 专业技术人员, 管理人员, 党政机关工作人员, 学生, 其他. */
export const APPLICANT_OCCUPATIONS = [
  'WORKER',
  'FARMER_HERDER_FISHER',
  'PROFESSIONAL_TECHNICAL',
  'MANAGEMENT',
  'PARTY_GOVERNMENT_STAFF',
  'STUDENT',
  'OTHER',
] as const;
export type ApplicantOccupation = (typeof APPLICANT_OCCUPATIONS)[number];

/**
 * The facts about the applicant that the structure statistics (党内统计) need, never the national ID number.
 * Shared by every member-development event. Gender and birth date are always known (from the ID number);
 * the rest only when the branch recorded them, so consumers must treat a missing one as unknown.
 */
export type ApplicantFacts = {
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  /** 学历 (highest completed). */
  readonly education?: (typeof EDUCATION_LEVELS)[number];
  readonly occupation?: ApplicantOccupation;
  /** 生产、工作一线. */
  readonly frontLine?: boolean;
  /** 新兴领域 (new economic and social organisations, new employment groups). */
  readonly newSector?: boolean;
  /** 少数民族. */
  readonly ethnicMinority?: boolean;
};

export const applicantFactsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['gender', 'birthDate'],
  properties: {
    gender: { enum: ['MALE', 'FEMALE'] },
    birthDate: { type: 'string', format: 'date' },
    education: { enum: [...EDUCATION_LEVELS] },
    occupation: { enum: [...APPLICANT_OCCUPATIONS] },
    frontLine: { type: 'boolean' },
    newSector: { type: 'boolean' },
    ethnicMinority: { type: 'boolean' },
  },
} as const;

/** What the branch may record about an applicant beyond the ID number (all optional). */
export type ApplicantProfile = Omit<ApplicantFacts, 'gender' | 'birthDate'>;
