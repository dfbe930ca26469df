import { Space, Table, Tag, Typography } from 'antd';

import { type Schemas } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { deadlineName } from './caseLabels';

type Plan = Schemas['CasePlan'];
type PlannedStep = Plan['steps'][number];
type Deadline = Schemas['PlannedDeadline'];

function Rule({ code, article, message }: { code: string; article: string | null; message?: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {message ?? deadlineName(code)}
      {article && `（${article}）`}
    </Typography.Text>
  );
}

/** A date with the rule behind it, red once past (a hard cap) or orange (a deadline due). */
function DatedBy({
  date,
  by,
  today,
}: {
  readonly date: string | null;
  readonly by: Deadline | null;
  readonly today: string;
}) {
  if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
  const past = date < today;
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={past ? 'error' : by?.hard ? 'warning' : 'default'}>
        {date}
        {past && ' 已过'}
      </Tag>
      {by && <Rule code={by.kind} article={by.article} />}
    </Space>
  );
}

/** 计划: each next step's earliest date with the time rule behind it, its due date and hard cap; every deadline. */
export function PlanPanel({
  plan,
  loading,
  error,
}: {
  readonly plan: Plan | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}) {
  if (error) return <ProblemAlert error={error} />;
  const today = plan?.today ?? '';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        计划日期：{today || '…'}（工作日按国务院公布的节假日安排计算）
      </Typography.Text>
      <Table<PlannedStep>
        rowKey="endpoint"
        loading={loading}
        dataSource={plan?.steps ?? []}
        pagination={false}
        locale={{ emptyText: '没有后续步骤' }}
        caption={<Typography.Title level={5}>后续步骤</Typography.Title>}
        columns={[
          {
            title: '步骤',
            render: (_, step) => (step.step > 0 ? `第${step.step}步 ${step.name}` : step.name),
          },
          { title: '办理组织', render: (_, step) => step.actingOrgUnits.map((unit) => unit.name).join('、') },
          {
            title: '最早日期',
            render: (_, step) =>
              step.earliest ? (
                <Space orientation="vertical" size={0}>
                  <span>{step.earliest}</span>
                  {step.earliestBy && <Rule {...step.earliestBy} />}
                </Space>
              ) : (
                <Typography.Text type="secondary">待前序步骤完成</Typography.Text>
              ),
          },
          {
            title: '今日可办',
            render: (_, step) =>
              step.allowedToday ? (
                <Tag color="success">可办理</Tag>
              ) : (
                <Space orientation="vertical" size={0}>
                  <Tag color="warning">暂不可办理</Tag>
                  {step.notYet.map((reason) => (
                    <Rule key={reason.code + reason.message} {...reason} />
                  ))}
                </Space>
              ),
          },
          {
            title: '办理期限',
            render: (_, step) => <DatedBy date={step.dueOn} by={step.dueBy} today={today} />,
          },
          {
            title: '最迟（逾期不予办理）',
            render: (_, step) => <DatedBy date={step.capOn} by={step.capBy} today={today} />,
          },
        ]}
      />
      <Table<Deadline>
        rowKey={(deadline) => `${deadline.kind}-${deadline.due}`}
        loading={loading}
        dataSource={[...(plan?.deadlines ?? [])].sort((a, b) => a.due.localeCompare(b.due))}
        pagination={false}
        locale={{ emptyText: '没有期限' }}
        caption={<Typography.Title level={5}>期限</Typography.Title>}
        columns={[
          { title: '期限', render: (_, deadline) => deadlineName(deadline.kind) },
          {
            title: '日期',
            render: (_, deadline) => <DatedBy date={deadline.due} by={null} today={today} />,
          },
          {
            title: '性质',
            render: (_, deadline) =>
              deadline.hard ? (
                <Tag color="error">硬性期限：逾期不予办理</Tag>
              ) : (
                <Tag>提醒：逾期预警并上报</Tag>
              ),
          },
          { title: '依据', render: (_, deadline) => deadline.article ?? '本地时限' },
        ]}
      />
    </Space>
  );
}
