import { Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';

import { type Schemas } from '../../api/client';
import { DueTag, type Pipeline } from '../../shared/cases';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { recordName } from './caseLabels';
import { useMemberTasks } from './useCaseData';

type PlannedStep = Schemas['CasePlan']['steps'][number];

const TASK_STATUS: Record<string, [string, string]> = {
  OPEN: ['待办', 'processing'],
  DONE: ['已办结', 'success'],
};

function daysLeft(today: string, due: string | null): number | null {
  return due ? dayjs(due).diff(dayjs(today), 'day') : null;
}

/** The member case's approval tasks as the API keeps them (open first), with their due dates and caps. */
function MemberTasks({ id, today }: { readonly id: string; readonly today: string }) {
  const tasks = useMemberTasks(id, true);
  if (tasks.error) return <ProblemAlert error={tasks.error} />;
  const rows = tasks.data ?? [];
  return (
    <Table
      rowKey="id"
      loading={tasks.isPending}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '没有任务' }}
      columns={[
        { title: '事项', render: (_, task) => `第${task.step}步 ${recordName('member', task.action)}` },
        { title: '待办组织', render: (_, task) => task.orgUnit.name },
        {
          title: '状态',
          render: (_, task) => {
            const [name, color] = TASK_STATUS[task.status] ?? [task.status, 'default'];
            return <Tag color={color}>{name}</Tag>;
          },
        },
        {
          title: '期限',
          render: (_, task) => {
            const left = daysLeft(today, task.dueOn);
            return task.status === 'OPEN' ? (
              <DueTag dueOn={task.dueOn} daysLeft={left} overdue={left !== null && left < 0} />
            ) : (
              (task.dueOn ?? '—')
            );
          },
        },
        { title: '最迟', render: (_, task) => task.capOn ?? '—' },
        { title: '生成', render: (_, task) => dayjs(task.createdAt).format('YYYY-MM-DD') },
        {
          title: '办结',
          render: (_, task) => (task.completedAt ? dayjs(task.completedAt).format('YYYY-MM-DD') : '—'),
        },
      ]}
    />
  );
}

/** 待办任务: the member case's tasks; for a recruitment case or reservist, the steps its plan awaits. */
export function TasksPanel({
  pipeline,
  id,
  steps,
  today,
  loading,
}: {
  readonly pipeline: Pipeline;
  readonly id: string;
  readonly steps: readonly PlannedStep[] | undefined;
  readonly today: string;
  readonly loading: boolean;
}) {
  if (pipeline === 'member') return <MemberTasks id={id} today={today} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">按办理计划列出本案当前等待办理的步骤。</Typography.Text>
      <Table<PlannedStep>
        rowKey="endpoint"
        loading={loading}
        dataSource={steps ? [...steps] : []}
        pagination={false}
        locale={{ emptyText: '没有待办任务' }}
        columns={[
          {
            title: '事项',
            render: (_, step) => (step.step > 0 ? `第${step.step}步 ${step.name}` : step.name),
          },
          { title: '待办组织', render: (_, step) => step.actingOrgUnits.map((unit) => unit.name).join('、') },
          {
            title: '期限',
            render: (_, step) => {
              const left = daysLeft(today, step.dueOn);
              return <DueTag dueOn={step.dueOn} daysLeft={left} overdue={left !== null && left < 0} />;
            },
          },
          { title: '最迟', render: (_, step) => step.capOn ?? '—' },
        ]}
      />
    </Space>
  );
}
