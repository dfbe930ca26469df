import { type NationalId, parseNationalId } from '../identity/national-id';
import { type OrgUnit, closedUnitViolation } from '../kernel/org/org-unit';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { type LocalDate, addYears, compareLocalDates, parseLocalDate } from '../kernel/time/local-date';
import { type MemberRuleSet, ruleSetInForceOn } from './rule-sets';

/** Step 1, 递交入党申请书: what the organizer enters. */
export interface ApplicationSubmission {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly applicationDate: string;
}

export interface AcceptedApplication {
  readonly name: string;
  readonly nationalId: NationalId;
  readonly applicationDate: LocalDate;
  readonly ruleSet: MemberRuleSet;
  readonly branch: OrgUnit;
}

export type ApplicationAssessment =
  | { readonly accepted: true; readonly application: AcceptedApplication }
  | { readonly accepted: false; readonly violations: readonly RuleViolation[] };

/**
 * Checks a submitted application against step 1 (§5, §6) and the ID-number standard.
 * `branch` is the org unit the application is filed with, or undefined when no such unit exists.
 * Returns every violation found, most fundamental first, each naming the field of the body it concerns.
 */
export function assessApplication(
  submission: ApplicationSubmission,
  branch: OrgUnit | undefined,
  today: LocalDate,
): ApplicationAssessment {
  const parsedId = parseNationalId(submission.nationalId);
  const birthDate = parseLocalDate(submission.birthDate);
  const applicationDate = parseLocalDate(submission.applicationDate);
  const ruleSet = applicationDate ? ruleSetInForceOn(applicationDate) : undefined;
  const violations = [
    nationalIdViolation(parsedId),
    birthDateViolation(birthDate, parsedId),
    applicationDateViolation(applicationDate, ruleSet, today),
    ruleSet && applicationDate && birthDate ? ageViolation(ruleSet, birthDate, applicationDate) : undefined,
    branchViolation(branch),
  ].filter((found): found is RuleViolation => found !== undefined);

  if (violations.length > 0 || !parsedId.ok || !applicationDate || !ruleSet || !branch) {
    return { accepted: false, violations };
  }
  return {
    accepted: true,
    application: { name: submission.name.trim(), nationalId: parsedId.id, applicationDate, ruleSet, branch },
  };
}

function nationalIdViolation(parsedId: ReturnType<typeof parseNationalId>): RuleViolation | undefined {
  if (parsedId.ok) return undefined;
  return parsedId.problem === 'CHECK_DIGIT'
    ? violation('NATIONAL_ID_CHECK_DIGIT_INVALID', 'GB 11643-1999', '公民身份号码校验码错误', 'nationalId')
    : violation(
        'NATIONAL_ID_MALFORMED',
        'GB 11643-1999',
        '公民身份号码格式不正确（应为18位，出生日期须有效）',
        'nationalId',
      );
}

function birthDateViolation(
  birthDate: LocalDate | undefined,
  parsedId: ReturnType<typeof parseNationalId>,
): RuleViolation | undefined {
  if (!birthDate) {
    return violation('BIRTH_DATE_INVALID', null, '出生日期不是有效日期（格式 YYYY-MM-DD）', 'birthDate');
  }
  return parsedId.ok && parsedId.id.birthDate !== birthDate
    ? violation(
        'BIRTH_DATE_MISMATCH',
        'GB 11643-1999',
        `出生日期与公民身份号码中的出生日期（${parsedId.id.birthDate}）不一致`,
        'birthDate',
      )
    : undefined;
}

function applicationDateViolation(
  applicationDate: LocalDate | undefined,
  ruleSet: MemberRuleSet | undefined,
  today: LocalDate,
): RuleViolation | undefined {
  if (!applicationDate) {
    return violation(
      'APPLICATION_DATE_INVALID',
      null,
      '申请日期不是有效日期（格式 YYYY-MM-DD）',
      'applicationDate',
    );
  }
  if (compareLocalDates(applicationDate, today) > 0) {
    return violation('APPLICATION_DATE_IN_FUTURE', null, '申请日期不能晚于今天', 'applicationDate');
  }
  return ruleSet
    ? undefined
    : violation(
        'RULE_SET_NOT_IN_FORCE',
        null,
        '申请日期早于2014年《发展党员工作细则》施行日期',
        'applicationDate',
      );
}

/** T15: of age on the application date; the birth date is what keeps a minor out. */
function ageViolation(
  ruleSet: MemberRuleSet,
  birthDate: LocalDate,
  applicationDate: LocalDate,
): RuleViolation | undefined {
  const { minimumAge, article } = ruleSet.applicant;
  const adulthood = addYears(birthDate, minimumAge);
  return compareLocalDates(applicationDate, adulthood) < 0
    ? violation(
        'T15_APPLICANT_UNDER_18',
        article,
        `申请入党须年满${minimumAge}岁：申请人于${adulthood}年满${minimumAge}岁`,
        'birthDate',
      )
    : undefined;
}

function branchViolation(branch: OrgUnit | undefined): RuleViolation | undefined {
  if (!branch) return violation('BRANCH_UNKNOWN', null, '受理申请的党支部不存在', 'branch');
  if (branch.kind !== 'BRANCH') {
    return violation(
      'APPLICATION_ORG_NOT_BRANCH',
      '§6',
      `入党申请应向党支部提出，${branch.name}不是党支部`,
      'branch',
    );
  }
  return closedUnitViolation(branch, '入党申请', 'branch');
}
