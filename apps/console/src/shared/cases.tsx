import { Tag } from 'antd';

/** The three pipelines as the console names them and where their case pages are. */
export const PIPELINES = {
  member: { kind: 'MEMBER_DEVELOPMENT', name: '发展党员' },
  cadre: { kind: 'CADRE_RECRUITMENT', name: '村干部选任' },
  reserve: { kind: 'RESERVE_POOL', name: '后备库' },
} as const;

export type Pipeline = keyof typeof PIPELINES;

export const isPipeline = (value: string | null | undefined): value is Pipeline =>
  !!value && value in PIPELINES;

export function pipelineOf(workflowKind: string): Pipeline {
  if (workflowKind === 'CADRE_RECRUITMENT') return 'cadre';
  if (workflowKind === 'RESERVE_POOL') return 'reserve';
  return 'member';
}

/** The case page, opening the form of `action` when given. */
export function caseLink(workflowKind: string, caseId: string, action?: string): string {
  const path = `/cases/${pipelineOf(workflowKind)}/${caseId}`;
  return action ? `${path}?action=${encodeURIComponent(action)}` : path;
}

/** A task's deadline: red when overdue, orange within a week. */
export function DueTag({
  dueOn,
  daysLeft,
  overdue,
}: {
  readonly dueOn: string | null;
  readonly daysLeft: number | null;
  readonly overdue: boolean;
}) {
  if (!dueOn) return <Tag>无期限</Tag>;
  if (overdue) return <Tag color="error">{`${dueOn} 已逾期${-(daysLeft ?? 0)}天`}</Tag>;
  if (daysLeft !== null && daysLeft <= 7) return <Tag color="warning">{`${dueOn} 剩${daysLeft}天`}</Tag>;
  return <Tag color="default">{`${dueOn} 剩${daysLeft ?? '?'}天`}</Tag>;
}
