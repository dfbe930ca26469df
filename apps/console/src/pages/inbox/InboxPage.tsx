import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';

import { ProblemAlert } from '../../shared/ProblemAlert';
import { DueTag, PIPELINES, caseLink, pipelineOf } from '../../shared/cases';
import { byChinese } from '../../shared/labels';
import { type InboxItem, inboxQuery } from './queries';

/** 我的待办: what the signed-in unit must do now, across the three pipelines, soonest deadline first. */
export default function InboxPage() {
  const inbox = useQuery(inboxQuery);
  const [stage, setStage] = useState<string>('全部');
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data]);
  const stages = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const key = `${PIPELINES[pipelineOf(item.workflowKind)].name} · ${item.candidate.stageName}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()].sort(([a], [b]) => byChinese(a, b));
  }, [items]);
  const shown = items.filter(
    (item) =>
      stage === '全部' ||
      `${PIPELINES[pipelineOf(item.workflowKind)].name} · ${item.candidate.stageName}` === stage,
  );
  const overdue = items.filter((item) => item.overdue).length;
  const soon = items.filter((item) => !item.overdue && item.daysLeft !== null && item.daysLeft <= 7).length;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的待办 {inbox.data && <Typography.Text type="secondary">{inbox.data.orgUnit.name}</Typography.Text>}
      </Typography.Title>
      <ProblemAlert error={inbox.error} />
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Statistic title="待办" value={items.length} loading={inbox.isPending} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title="已逾期"
              value={overdue}
              loading={inbox.isPending}
              styles={{ content: { color: '#cf1322' } }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title="7日内到期"
              value={soon}
              loading={inbox.isPending}
              styles={{ content: { color: '#d46b08' } }}
            />
          </Card>
        </Col>
      </Row>
      <Segmented
        aria-label="按阶段筛选"
        value={stage}
        onChange={(value) => setStage(String(value))}
        options={[
          { value: '全部', label: `全部 ${items.length}` },
          ...stages.map(([key, count]) => ({ value: key, label: `${key} ${count}` })),
        ]}
      />
      <Table<InboxItem>
        rowKey="id"
        loading={inbox.isPending}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowClassName={(item) => (item.overdue ? 'row-overdue' : '')}
        columns={[
          {
            title: '对象',
            render: (_, item) => (
              <Link to={caseLink(item.workflowKind, item.caseId, item.action)}>{item.candidate.name}</Link>
            ),
          },
          { title: '类别', render: (_, item) => <Tag>{PIPELINES[pipelineOf(item.workflowKind)].name}</Tag> },
          { title: '所处阶段', render: (_, item) => item.candidate.stageName },
          { title: '待办事项', render: (_, item) => `第${item.step}步 ${item.actionName}` },
          { title: '所在组织', render: (_, item) => item.branch.name },
          {
            title: '期限',
            render: (_, item) => (
              <DueTag dueOn={item.dueOn} daysLeft={item.daysLeft} overdue={item.overdue} />
            ),
          },
          {
            title: '操作',
            render: (_, item) => <Link to={caseLink(item.workflowKind, item.caseId, item.action)}>办理</Link>,
          },
        ]}
      />
    </Space>
  );
}
