import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';

import { type Schemas, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { type OrgUnitNode } from '../backlog/useOrgUnits';
import { DecisionModal } from './DecisionModal';
import { CATEGORY_NAMES, OUTCOME_NAMES, STATUS_COLORS, STATUS_NAMES, TASK_STATUS_NAMES } from './labels';
import { periodName } from './ReviewsTab';

type Task = Schemas['ReserveReviewTask'];

const TASK_COLORS: Readonly<Record<Task['status'], string>> = {
  OPEN: 'processing',
  DECIDED: 'success',
  LAPSED: 'default',
  OVERDUE: 'error',
};

/** One half-year review: its dates and counts, the villages short of reservists, a task per reservist. */
export function ReviewDetail({
  id,
  villages,
  mayDecide,
}: {
  readonly id: string;
  readonly villages: ReadonlyMap<string, OrgUnitNode>;
  /** The township committee decides; others read. */
  readonly mayDecide: boolean;
}) {
  const review = useQuery({
    queryKey: ['reserve-review', id],
    queryFn: () => unwrap(api.GET('/v1/reserve-pool/reviews/{id}', { params: { path: { id } } })),
  });
  const [deciding, setDeciding] = useState<Task | null>(null);
  const villageName = (villageId: string) => villages.get(villageId)?.name ?? villageId;
  const data = review.data;
  return (
    <Card title={data ? `${periodName(data.period)}分析研判` : '分析研判'} loading={review.isPending}>
      <ProblemAlert error={review.error} />
      {data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'opened', label: '开始日期', children: data.openedOn },
              { key: 'due', label: '研判截止', children: data.dueOn },
              {
                key: 'status',
                label: '状态',
                children: data.status === 'OPEN' ? '进行中' : `已结束（${data.closedOn ?? ''}）`,
              },
              { key: 'decided', label: '已研判', children: `${data.tasks.decided}人` },
              { key: 'open', label: '待研判', children: `${data.tasks.open}人` },
              { key: 'overdue', label: '逾期未研判', children: `${data.tasks.overdue}人` },
            ]}
          />
          {data.shortfalls.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="后备力量不足的村"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {data.shortfalls.map((s) => (
                    <li key={s.villageId}>
                      {`${villageName(s.villageId)}：应有${s.required}人，研判开始时在库${s.active}人，缺${s.shortfall}人`}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Table<Task>
            rowKey="entryId"
            size="small"
            dataSource={data.items}
            pagination={false}
            columns={[
              {
                title: '姓名',
                render: (_, t) => <Link to={`/cases/reserve/${t.entryId}`}>{t.entry.person.name}</Link>,
              },
              { title: '村', render: (_, t) => villageName(t.entry.villageId) },
              { title: '类别', render: (_, t) => CATEGORY_NAMES[t.entry.category] },
              {
                title: '库内状态',
                render: (_, t) => (
                  <Tag color={STATUS_COLORS[t.entry.status]}>{STATUS_NAMES[t.entry.status]}</Tag>
                ),
              },
              {
                title: '研判',
                render: (_, t) => <Tag color={TASK_COLORS[t.status]}>{TASK_STATUS_NAMES[t.status]}</Tag>,
              },
              {
                title: '结论',
                render: (_, t) =>
                  t.outcome
                    ? `${OUTCOME_NAMES[t.outcome]}${t.entry.inspectionPost && t.outcome === 'LIST_FOR_INSPECTION' ? `（${t.entry.inspectionPost}）` : ''}`
                    : '—',
              },
              { title: '研判日期', render: (_, t) => t.decidedOn ?? '—' },
              {
                title: '操作',
                render: (_, t) =>
                  mayDecide && (t.status === 'OPEN' || t.status === 'OVERDUE') && data.status === 'OPEN' ? (
                    <Button size="small" type="primary" ghost onClick={() => setDeciding(t)}>
                      {`研判${t.entry.person.name}`}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
      {deciding && data && <DecisionModal review={data} task={deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
