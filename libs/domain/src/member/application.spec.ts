import { withCheckCharacter } from '../identity/national-id';
import { type OrgUnit } from '../kernel/org/org-unit';
import { localDate } from '../kernel/time/local-date';
import { type ApplicationSubmission, assessApplication } from './application';

const branch: OrgUnit = {
  id: 'b1',
  code: 'BR-1',
  name: '东村第一党支部',
  kind: 'BRANCH',
  parentId: 'v1',
  path: ['c1', 't1', 'v1', 'b1'],
  canApproveMembership: false,
};
const today = localDate(2026, 11, 21);

/** An ID number for a person born on `birth` (YYYYMMDD), with a correct check character. */
function idFor(birth: string, sequence = '123'): string {
  return withCheckCharacter(`320602${birth}${sequence}`);
}

function submission(overrides: Partial<ApplicationSubmission> = {}): ApplicationSubmission {
  return {
    name: ' 张三 ',
    nationalId: idFor('20000105'),
    birthDate: '2000-01-05',
    applicationDate: '2026-11-20',
    ...overrides,
  };
}

function codes(result: ReturnType<typeof assessApplication>): string[] {
  return result.accepted ? [] : result.violations.map((v) => v.code);
}

describe('assessApplication', () => {
  it('accepts a valid application and pins the rule set in force on the application date', () => {
    const result = assessApplication(submission(), branch, today);
    expect(result).toMatchObject({
      accepted: true,
      application: {
        name: '张三',
        applicationDate: '2026-11-20',
        ruleSet: { id: '2026.05' },
        branch: { id: 'b1' },
      },
    });
  });

  it('pins the 2014 rule set for an application made before 2026-05-11', () => {
    const result = assessApplication(submission({ applicationDate: '2026-05-10' }), branch, today);
    expect(result).toMatchObject({ accepted: true, application: { ruleSet: { id: '2014' } } });
    const onIssueDay = assessApplication(submission({ applicationDate: '2026-05-11' }), branch, today);
    expect(onIssueDay).toMatchObject({ accepted: true, application: { ruleSet: { id: '2026.05' } } });
  });

  it('rejects an applicant one day short of 18 and accepts on the 18th birthday (T15, §5)', () => {
    const id = idFor('20081121');
    const dayBefore = assessApplication(
      submission({ nationalId: id, birthDate: '2008-11-21', applicationDate: '2026-11-20' }),
      branch,
      today,
    );
    expect(dayBefore).toMatchObject({
      accepted: false,
      violations: [{ code: 'T15_APPLICANT_UNDER_18', article: '§5' }],
    });
    const birthday = assessApplication(
      submission({ nationalId: id, birthDate: '2008-11-21', applicationDate: '2026-11-21' }),
      branch,
      today,
    );
    expect(birthday.accepted).toBe(true);
  });

  it('cites the 2014 article for an under-age application under the 2014 rules', () => {
    const result = assessApplication(
      submission({
        nationalId: idFor('2008-05-01'.replaceAll('-', '')),
        birthDate: '2008-05-01',
        applicationDate: '2026-04-30',
      }),
      branch,
      today,
    );
    expect(result).toMatchObject({
      accepted: false,
      violations: [{ code: 'T15_APPLICANT_UNDER_18', article: '2014 §5' }],
    });
  });

  it('rejects a wrong check digit', () => {
    const good = idFor('20000105');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(codes(assessApplication(submission({ nationalId: bad }), branch, today))).toEqual([
      'NATIONAL_ID_CHECK_DIGIT_INVALID',
    ]);
  });

  it('rejects a birth date that differs from the one in the ID number', () => {
    const result = assessApplication(submission({ birthDate: '2000-01-06' }), branch, today);
    expect(result).toMatchObject({
      accepted: false,
      violations: [{ code: 'BIRTH_DATE_MISMATCH', article: 'GB 11643-1999' }],
    });
  });

  it('rejects impossible and future dates', () => {
    expect(codes(assessApplication(submission({ birthDate: '2000-02-30' }), branch, today))).toEqual([
      'BIRTH_DATE_INVALID',
    ]);
    expect(codes(assessApplication(submission({ applicationDate: '2026-11-22' }), branch, today))).toEqual([
      'APPLICATION_DATE_IN_FUTURE',
    ]);
    expect(codes(assessApplication(submission({ applicationDate: '2014-05-27' }), branch, today))).toEqual([
      'RULE_SET_NOT_IN_FORCE',
    ]);
  });

  it('rejects an unknown branch and an org unit that is not a 党支部 (§6)', () => {
    expect(codes(assessApplication(submission(), undefined, today))).toEqual(['BRANCH_UNKNOWN']);
    const township: OrgUnit = { ...branch, kind: 'TOWNSHIP_COMMITTEE', name: '东镇党委' };
    expect(assessApplication(submission(), township, today)).toMatchObject({
      accepted: false,
      violations: [{ code: 'APPLICATION_ORG_NOT_BRANCH', article: '§6' }],
    });
  });

  it('rejects a branch that has been closed (撤销): it takes no new applications', () => {
    const closed: OrgUnit = { ...branch, closedOn: localDate(2026, 3, 1) };
    expect(assessApplication(submission(), closed, today)).toMatchObject({
      accepted: false,
      violations: [{ code: 'ORG_UNIT_CLOSED', article: 'DOMAIN §5.1' }],
    });
  });

  it('reports every violation at once', () => {
    const result = assessApplication(submission({ nationalId: '123', birthDate: 'x' }), undefined, today);
    expect(codes(result)).toEqual(['NATIONAL_ID_MALFORMED', 'BIRTH_DATE_INVALID', 'BRANCH_UNKNOWN']);
  });

  it('names the field of POST /v1/member-cases each violation concerns', () => {
    const fields = (result: ReturnType<typeof assessApplication>) =>
      result.accepted ? [] : result.violations.map(({ code, field }) => ({ code, field }));
    // Turns 18 on 2026-11-22, two days after applying: the birth date is what keeps the applicant out.
    const minor = submission({ nationalId: idFor('20081122'), birthDate: '2008-11-22' });
    expect(fields(assessApplication(minor, branch, today))).toEqual([
      { code: 'T15_APPLICANT_UNDER_18', field: 'birthDate' },
    ]);
    expect(
      fields(assessApplication(submission({ nationalId: '123', birthDate: 'x' }), undefined, today)),
    ).toEqual([
      { code: 'NATIONAL_ID_MALFORMED', field: 'nationalId' },
      { code: 'BIRTH_DATE_INVALID', field: 'birthDate' },
      { code: 'BRANCH_UNKNOWN', field: 'branch' },
    ]);
    const township: OrgUnit = { ...branch, kind: 'TOWNSHIP_COMMITTEE', name: '东镇党委' };
    expect(fields(assessApplication(submission({ applicationDate: '2026-11-22' }), township, today))).toEqual(
      [
        { code: 'APPLICATION_DATE_IN_FUTURE', field: 'applicationDate' },
        { code: 'APPLICATION_ORG_NOT_BRANCH', field: 'branch' },
      ],
    );
    const closed: OrgUnit = { ...branch, closedOn: localDate(2026, 3, 1) };
    expect(fields(assessApplication(submission(), closed, today))).toEqual([
      { code: 'ORG_UNIT_CLOSED', field: 'branch' },
    ]);
  });
});
