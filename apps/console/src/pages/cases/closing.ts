import { type Pipeline } from '../../shared/cases';
import { type AvailableAction } from '../../shared/forms/ActionForm';

/**
 * The steps that end a case, in one place. Some always do (by the action the API names); some do with certain
 * answers; and whatever else the dry run answers as ended (a joint review failed, a notice objection upheld, a
 * probation cancelled, a negative-list item) asks too: the API's answer is the last word.
 */
const ALWAYS: Record<Pipeline, Record<string, string>> = {
  member: {
    WITHDRAW: '撤回入党申请将终止本发展程序。',
    REFUSE_RECOGNITION: '不予承认转入的预备党员，本发展程序终止。',
    ARCHIVE: '材料归档后发展程序办结。',
  },
  cadre: {
    WITHDRAW: '撤回将终止本次村干部选任。',
    FILE_WITH_COUNTY: '县委组织部备案后本次选任办结。',
  },
  reserve: {},
};

/** Actions that end the case with the given answer of a body field. */
const WITH_ANSWER: readonly {
  readonly pipeline: Pipeline;
  readonly action: string;
  readonly field: string;
  readonly values: readonly unknown[];
  readonly reason: string;
}[] = [
  {
    pipeline: 'cadre',
    action: 'REVIEW_TRIAL',
    field: 'outcome',
    values: ['FAIL'],
    reason: '试用期考核不合格将使人选退出。',
  },
  {
    pipeline: 'reserve',
    action: 'DECIDE_REVIEW',
    field: 'outcome',
    values: ['REMOVE'],
    reason: '出库将使其离开后备库。',
  },
  {
    pipeline: 'reserve',
    action: 'DECIDE_REVIEW',
    field: 'outcome',
    values: ['USE'],
    reason: '使用后该后备人选离开后备库。',
  },
];

/** Statuses of a case or reservist that mean it has ended. */
const ENDED = new Set(['CLOSED', 'REMOVED', 'NOT_ADMITTED', 'USED']);

function endedStatus(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || !('status' in result)) return undefined;
  const { status } = result;
  return typeof status === 'string' && ENDED.has(status) ? status : undefined;
}

/** Why recording `action` with `body` ends the case (its confirmation's words), or null when it does not. */
export function closingReason(
  pipeline: Pipeline,
  action: AvailableAction,
  body: unknown,
  preview: unknown,
): string | null {
  const always = ALWAYS[pipeline][action.action];
  const answer = WITH_ANSWER.find(
    (rule) =>
      rule.pipeline === pipeline &&
      rule.action === action.action &&
      typeof body === 'object' &&
      body !== null &&
      rule.values.includes((body as Record<string, unknown>)[rule.field]),
  );
  const reason = always ?? answer?.reason ?? (endedStatus(preview) ? '预检结果显示，' : null);
  return reason === null ? null : `${reason}保存后本案件将结束，不能再办理后续步骤。`;
}
