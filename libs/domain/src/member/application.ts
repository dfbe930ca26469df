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
 * Returns every violation found, most fundamental first.
 */
export function assessApplication(
  submission: ApplicationSubmission,
  branch: OrgUnit | undefined,
  today: LocalDate,
): ApplicationAssessment {
  const violations: RuleViolation[] = [];

  const parsedId = parseNationalId(submission.nationalId);
  if (!parsedId.ok) {
    violations.push(
      parsedId.problem === 'CHECK_DIGIT'
        ? violation(
            'NATIONAL_ID_CHECK_DIGIT_INVALID',
            'GB 11643-1999',
            '公民身份号码校验码错误',
            'nationalId',
          )
        : violation(
            'NATIONAL_ID_MALFORMED',
            'GB 11643-1999',
            '公民身份号码格式不正确（应为18位，出生日期须有效）',
            'nationalId',
          ),
    );
  }

  const birthDate = parseLocalDate(submission.birthDate);
  if (!birthDate) {
    violations.push(
      violation('BIRTH_DATE_INVALID', null, '出生日期不是有效日期（格式 YYYY-MM-DD）', 'birthDate'),
    );
  } else if (parsedId.ok && parsedId.id.birthDate !== birthDate) {
    violations.push(
      violation(
        'BIRTH_DATE_MISMATCH',
        'GB 11643-1999',
        `出生日期与公民身份号码中的出生日期（${parsedId.id.birthDate}）不一致`,
        'birthDate',
      ),
    );
  }

  const applicationDate = parseLocalDate(submission.applicationDate);
  const ruleSet = applicationDate ? ruleSetInForceOn(applicationDate) : undefined;
  if (!applicationDate) {
    violations.push(
      violation(
        'APPLICATION_DATE_INVALID',
        null,
        '申请日期不是有效日期（格式 YYYY-MM-DD）',
        'applicationDate',
      ),
    );
  } else if (compareLocalDates(applicationDate, today) > 0) {
    violations.push(violation('APPLICATION_DATE_IN_FUTURE', null, '申请日期不能晚于今天', 'applicationDate'));
  } else if (!ruleSet) {
    violations.push(
      violation(
        'RULE_SET_NOT_IN_FORCE',
        null,
        '申请日期早于2014年《发展党员工作细则》施行日期',
        'applicationDate',
      ),
    );
  }

  if (ruleSet && applicationDate && birthDate) {
    const adulthood = addYears(birthDate, ruleSet.applicant.minimumAge);
    if (compareLocalDates(applicationDate, adulthood) < 0) {
      violations.push(
        violation(
          'T15_APPLICANT_UNDER_18',
          ruleSet.applicant.article,
          `申请入党须年满${ruleSet.applicant.minimumAge}岁：申请人于${adulthood}年满${ruleSet.applicant.minimumAge}岁`,
          'birthDate',
        ),
      );
    }
  }

  if (!branch) {
    violations.push(violation('BRANCH_UNKNOWN', null, '受理申请的党支部不存在', 'branch'));
  } else if (branch.kind !== 'BRANCH') {
    violations.push(
      violation(
        'APPLICATION_ORG_NOT_BRANCH',
        '§6',
        `入党申请应向党支部提出，${branch.name}不是党支部`,
        'branch',
      ),
    );
  } else {
    const closed = closedUnitViolation(branch, '入党申请', 'branch');
    if (closed) violations.push(closed);
  }

  if (violations.length > 0 || !parsedId.ok || !applicationDate || !ruleSet || !branch) {
    return { accepted: false, violations };
  }
  return {
    accepted: true,
    application: { name: submission.name.trim(), nationalId: parsedId.id, applicationDate, ruleSet, branch },
  };
}
