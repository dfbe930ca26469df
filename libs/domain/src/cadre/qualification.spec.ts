import { type LocalDate } from '../kernel/time/local-date';
import { CADRE_PROGRAMMES, type CadreProgramme, cadreProgramme, checkProgramme } from './programmes';
import { type CadreApplicant, assessQualification } from './qualification';

const guiyan = cadreProgramme('GUIYAN')!;
const xianren = cadreProgramme('XIANREN')!;
const VILLAGE = 'village-1';
const graduate: CadreApplicant = {
  birthDate: '2000-05-01',
  education: 'BACHELOR',
  politicalStatus: 'FULL_MEMBER',
  source: 'RETURNING_GRADUATE',
  householdVillageId: VILLAGE,
  residenceVillageId: null,
  negativeRecords: [],
  relatives: [],
};
const assess = (
  applicant: Partial<CadreApplicant>,
  post: Parameters<typeof assessQualification>[0]['post'] = 'SECRETARY_ASSISTANT',
  programme: CadreProgramme = guiyan,
  committeeMemberIds: string[] = [],
) =>
  assessQualification({
    programme,
    post,
    villageId: VILLAGE,
    applicant: { ...graduate, ...applicant },
    committeeMemberIds,
    onDate: '2026-11-21' as LocalDate,
  });

describe('programmes', () => {
  it('seeds three programmes that respect the national floor', () => {
    expect(CADRE_PROGRAMMES.map((p) => p.name)).toEqual(['归雁计划', '贤人回村', '定制村干']);
    for (const programme of CADRE_PROGRAMMES) expect(checkProgramme(programme)).toEqual([]);
  });

  it('refuses a programme with a notice shorter than five working days or a trial outside 6–12 months', () => {
    expect(checkProgramme({ ...guiyan, noticeWorkingDays: 4, trialMonths: 13 }).map((v) => v.code)).toEqual([
      'NOTICE_SHORTER_THAN_RULE',
      'TRIAL_PERIOD_OUT_OF_RANGE',
    ]);
  });
});

describe('assessQualification (资格审查)', () => {
  it('qualifies a local graduate party member for the assistant post', () => {
    expect(assess({})).toEqual([]);
  });

  it('returns every failed criterion with its reason, not just the first', () => {
    const failures = assess({
      birthDate: '1985-01-01',
      education: 'SENIOR_HIGH',
      politicalStatus: 'MASSES',
      householdVillageId: 'elsewhere',
      source: 'VETERAN',
    });
    expect(failures.map((f) => f.code)).toEqual([
      'SOURCE_NOT_ELIGIBLE',
      'AGE_OUT_OF_RANGE',
      'EDUCATION_BELOW_MINIMUM',
      'PARTY_MEMBERSHIP_REQUIRED',
      'RESIDENCY_NOT_LOCAL',
    ]);
    expect(failures.find((f) => f.criterion === 'AGE')?.reason).toBe('年龄41岁，须在18至35岁之间');
    expect(failures.find((f) => f.criterion === 'EDUCATION')?.reason).toBe('学历为高中，须大专及以上');
  });

  it('counts age on the day: 35 on the eve of the 36th birthday, 36 on it', () => {
    expect(assess({ birthDate: '1990-11-22' })).toEqual([]);
    expect(assess({ birthDate: '1990-11-21' }).map((f) => f.code)).toEqual(['AGE_OUT_OF_RANGE']);
  });

  it('needs a full member for a party committee seat (a probationary member cannot be elected)', () => {
    expect(
      assess({ politicalStatus: 'PROBATIONARY_MEMBER' }, 'PARTY_COMMITTEE_MEMBER').map((f) => f.code),
    ).toEqual(['FULL_MEMBERSHIP_REQUIRED']);
    expect(assess({ politicalStatus: 'PROBATIONARY_MEMBER' }, 'SECRETARY_ASSISTANT')).toEqual([]);
    expect(assess({ politicalStatus: 'MASSES' }, 'DIRECTOR_ASSISTANT')).toEqual([]);
  });

  it('refuses a post the programme does not offer', () => {
    expect(assess({}, 'VILLAGE_AFFAIRS_STAFF').map((f) => f.code)).toEqual(['POST_NOT_IN_PROGRAMME']);
  });

  it('accepts residence instead of household registration where the programme allows it', () => {
    const entrepreneur = {
      birthDate: '1978-03-03',
      education: 'SENIOR_HIGH' as const,
      source: 'LOCAL_ENTREPRENEUR' as const,
      householdVillageId: 'elsewhere',
      residenceVillageId: VILLAGE,
    };
    expect(assess(entrepreneur, 'VILLAGE_DIRECTOR', xianren)).toEqual([]);
    expect(assess({ ...entrepreneur, residenceVillageId: null }, 'VILLAGE_DIRECTOR', xianren)[0]?.code).toBe(
      'RESIDENCY_NOT_LOCAL',
    );
  });

  it('applies negative lists inside their time windows only', () => {
    // Released 2021-11-22: five years end 2026-11-22, so on 2026-11-21 it still applies.
    expect(
      assess({ negativeRecords: [{ item: 'CRIMINAL_SENTENCE', date: '2021-11-22' as LocalDate }] })[0],
    ).toMatchObject({
      code: 'NEGATIVE_LIST_CANNOT',
      criterion: 'NEGATIVE_LIST',
    });
    expect(
      assess({ negativeRecords: [{ item: 'CRIMINAL_SENTENCE', date: '2021-11-21' as LocalDate }] }),
    ).toEqual([]);
    expect(
      assess({ negativeRecords: [{ item: 'VILLAGE_BULLY', date: '2001-01-01' as LocalDate }] })[0]?.code,
    ).toBe('NEGATIVE_LIST_CANNOT');
    expect(
      assess({
        negativeRecords: [{ item: 'UNDER_INVESTIGATION', date: '2026-10-01' as LocalDate, ongoing: true }],
      })[0]?.code,
    ).toBe('NEGATIVE_LIST_SHOULD_NOT');
    expect(
      assess({ negativeRecords: [{ item: 'UNDER_INVESTIGATION', date: '2026-10-01' as LocalDate }] }),
    ).toEqual([]);
  });

  it('makes a close relative of a sitting committee member stand aside, for committee seats only', () => {
    const relatives = [{ personId: 'p-spouse', relation: 'SPOUSE' as const }];
    expect(assess({ relatives }, 'VILLAGE_COMMITTEE_MEMBER', guiyan, ['p-spouse'])[0]?.code).toBe(
      'KINSHIP_AVOIDANCE',
    );
    expect(assess({ relatives }, 'VILLAGE_COMMITTEE_MEMBER', guiyan, ['p-other'])).toEqual([]);
    expect(assess({ relatives }, 'SECRETARY_ASSISTANT', guiyan, ['p-spouse'])).toEqual([]);
  });
});
