/**
 * The facts about the applicant that the structure statistics (党内统计) need: gender and birth date,
 * never the national ID number. Shared by every member-development event.
 */
export type ApplicantFacts = { readonly gender: 'MALE' | 'FEMALE'; readonly birthDate: string };

export const applicantFactsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['gender', 'birthDate'],
  properties: { gender: { enum: ['MALE', 'FEMALE'] }, birthDate: { type: 'string', format: 'date' } },
} as const;
