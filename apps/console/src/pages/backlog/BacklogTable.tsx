import { Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';

import { DueTag, PIPELINES, caseLink, pipelineOf } from '../../shared/cases';
import { type BacklogItem, chinaDate, daysWaiting } from './queries';

/** Short cells kept on one line (names, tags, dates); the task and the units may wrap. */
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** The backlog's tasks, with check boxes for a bulk decision and the next page on demand. */
export function BacklogTable({
  items,
  today,
  loading,
  selected,
  onSelect,
  hasMore,
  loadingMore,
  onMore,
}: {
  readonly items: readonly BacklogItem[];
  readonly today: string | undefined;
  readonly loading: boolean;
  readonly selected: readonly string[];
  readonly onSelect: (ids: string[]) => void;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onMore: () => void;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<BacklogItem>
        rowKey="id"
        loading={loading}
        dataSource={[...items]}
        pagination={false}
        rowClassName={(item) => (item.overdue ? 'row-overdue' : '')}
        rowSelection={{
          selectedRowKeys: [...selected],
          onChange: (keys) => onSelect(keys.map(String)),
          // A task already done takes no decision.
          getCheckboxProps: (item) => ({
            disabled: item.status !== 'OPEN',
            'aria-label': `选择${item.candidate.name}的${item.actionName}`,
          }),
        }}
        columns={[
          {
            title: '对象',
            onCell: oneLine,
            render: (_, item) => (
              <Link to={caseLink(item.workflowKind, item.caseId, item.action)}>{item.candidate.name}</Link>
            ),
          },
          {
            title: '类别',
            onCell: oneLine,
            render: (_, item) => <Tag>{PIPELINES[pipelineOf(item.workflowKind)].name}</Tag>,
          },
          { title: '所处阶段', onCell: oneLine, render: (_, item) => item.candidate.stageName },
          {
            title: '待办事项',
            render: (_, item) => (
              <span>
                第{item.step}步 {item.actionName}
              </span>
            ),
          },
          { title: '办理单位', render: (_, item) => item.orgUnit.name },
          { title: '所在组织', render: (_, item) => item.branch.name },
          {
            title: '期限',
            onCell: oneLine,
            render: (_, item) =>
              item.status === 'OPEN' ? (
                <DueTag dueOn={item.dueOn} daysLeft={item.daysLeft} overdue={item.overdue} />
              ) : (
                <Tag color="success">已办</Tag>
              ),
          },
          {
            title: '等待自',
            onCell: oneLine,
            render: (_, item) => (
              <span>
                {chinaDate(item.createdAt)}
                {today && item.status === 'OPEN' && (
                  <Typography.Text type="secondary">{`（${daysWaiting(item.createdAt, today)}天）`}</Typography.Text>
                )}
              </span>
            ),
          },
        ]}
      />
      {hasMore && (
        <Button block loading={loadingMore} onClick={onMore}>
          加载更多
        </Button>
      )}
    </Space>
  );
}
