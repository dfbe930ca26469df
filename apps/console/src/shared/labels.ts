import { type Schemas } from '../api/client';

type Role = Schemas['MeResponse']['roles'][number];

/** Office names as organizers say them. */
export const ROLE_NAMES: Record<Role, string> = {
  APPLICANT: '申请人',
  MEMBER: '党员',
  SECRETARY: '书记',
  ORGANISER: '组织员',
  ORG_DEPARTMENT_OFFICER: '组织部',
  AUDITOR: '巡察',
};

export const roleName = (role: string): string => ROLE_NAMES[role as Role] ?? role;

/**
 * Chinese text in the order the people reading it expect (pinyin). One collator for the console: comparing
 * with `localeCompare(other, 'zh-CN')` builds a new one on every call, which shows in a page's first render.
 */
export const byChinese = new Intl.Collator('zh-CN').compare;
