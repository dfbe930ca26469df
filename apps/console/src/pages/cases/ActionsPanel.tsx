import { Button, Empty, Space, Table, Tag, Typography } from 'antd';

import { type AvailableAction } from '../../shared/forms/ActionForm';
import { ProblemAlert } from '../../shared/ProblemAlert';

/** 办理: what may be recorded on the case now, each opening its form. */
export function ActionsPanel({
  actions,
  loading,
  error,
  open,
  selected,
  dueDates,
  onOpen,
}: {
  readonly actions: readonly AvailableAction[] | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  readonly open: boolean;
  /** The endpoint of the action whose form is open. */
  readonly selected?: string;
  /** Each action's due date and hard cap by endpoint (from the plan). */
  readonly dueDates: ReadonlyMap<string, { readonly dueOn: string | null; readonly capOn: string | null }>;
  readonly onOpen: (action: AvailableAction) => void;
}) {
  if (error) return <ProblemAlert error={error} />;
  if (!loading && !open) return <Empty description="案件已结束，无可办理事项" />;
  return (
    <Table<AvailableAction>
      rowKey="endpoint"
      loading={loading}
      dataSource={actions ? [...actions] : []}
      pagination={false}
      locale={{ emptyText: '当前没有可办理的事项' }}
      columns={[
        {
          title: '事项',
          width: 200,
          render: (_, action) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{action.name}</Typography.Text>
              {action.step > 0 && <Typography.Text type="secondary">第{action.step}步</Typography.Text>}
            </Space>
          ),
        },
        {
          title: '办理组织',
          width: 180,
          render: (_, action) => action.actingOrgUnits.map((unit) => unit.name).join('、') || '—',
        },
        {
          title: '最早可办理',
          render: (_, action) =>
            action.earliest ? (
              <Space orientation="vertical" size={0}>
                <span>{action.earliest}</span>
                {action.earliestBy && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {action.earliestBy.message}
                    {action.earliestBy.article && `（${action.earliestBy.article}）`}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">待前序步骤完成</Typography.Text>
            ),
        },
        {
          title: '期限',
          width: 130,
          render: (_, action) => {
            const due = dueDates.get(action.endpoint);
            if (!due?.dueOn && !due?.capOn) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <Space orientation="vertical" size={0}>
                {due.dueOn && <span>{due.dueOn}前</span>}
                {due.capOn && <Typography.Text type="danger">最迟{due.capOn}</Typography.Text>}
              </Space>
            );
          },
        },
        {
          title: '今日',
          render: (_, action) =>
            action.notYet.length === 0 ? (
              <Tag color="success">可办理</Tag>
            ) : (
              <Space orientation="vertical" size={0}>
                <Tag color="warning">暂不可办理</Tag>
                {action.notYet.map((reason) => (
                  <Typography.Text
                    key={reason.code + reason.message}
                    type="secondary"
                    style={{ fontSize: 12 }}
                  >
                    {reason.message}
                    {reason.article && `（${reason.article}）`}
                  </Typography.Text>
                ))}
              </Space>
            ),
        },
        {
          title: '操作',
          width: 160,
          render: (_, action) =>
            action.yours ? (
              <Button
                type={action.endpoint === selected ? 'default' : 'primary'}
                size="small"
                disabled={action.endpoint === selected}
                onClick={() => onOpen(action)}
                aria-label={`${action.endpoint === selected ? '办理中' : '办理'} ${action.name}`}
              >
                {action.endpoint === selected ? '办理中' : '办理'}
              </Button>
            ) : (
              <Typography.Text type="secondary">
                由{action.actingOrgUnits[0]?.name ?? '上级'}办理
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}
