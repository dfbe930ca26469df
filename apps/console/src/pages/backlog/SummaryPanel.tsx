import { Button, Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';

import { type Schemas } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { AgingChart, type ChartSeries } from './AgingChart';
import { type BacklogSummary } from './queries';

type Buckets = Schemas['BacklogBuckets'];
type BucketKey = Exclude<keyof Buckets, 'open'>;

const BY_DEADLINE: readonly { key: BucketKey; name: string; color: string }[] = [
  { key: 'overdue', name: '已逾期', color: '#cf1322' },
  { key: 'dueWithin7Days', name: '7日内到期', color: '#fa8c16' },
  { key: 'dueWithin30Days', name: '8–30日到期', color: '#fadb14' },
  { key: 'dueLater', name: '30日后到期', color: '#1677ff' },
  { key: 'noDeadline', name: '无期限', color: '#bfbfbf' },
];
const BY_WAITING: readonly { key: BucketKey; name: string; color: string }[] = [
  { key: 'waiting0to7Days', name: '等待0–7天', color: '#95de64' },
  { key: 'waiting8to30Days', name: '等待8–30天', color: '#ffd666' },
  { key: 'waiting31to90Days', name: '等待31–90天', color: '#ff9c6e' },
  { key: 'waitingOver90Days', name: '等待90天以上', color: '#a8071a' },
];

interface Row extends Buckets {
  readonly key: string;
  readonly name: string;
  /** A child unit's code (clicking it filters the backlog to it); none for the unit's own tasks. */
  readonly code: string | null;
}

/**
 * 审批台的概况: the open tasks of the unit in view and of each child unit (with its subtree), by deadline and by
 * time waiting, as a stacked bar per unit and as a table; a child's name filters the backlog to it.
 */
export function SummaryPanel({
  summary,
  error,
  loading,
  scoped,
  onUnit,
}: {
  readonly summary: BacklogSummary | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** The backlog is filtered to a unit below the caller's scope root. */
  readonly scoped: boolean;
  readonly onUnit: (code: string | undefined) => void;
}) {
  const [view, setView] = useState<'deadline' | 'waiting'>('deadline');
  const rows = useMemo<Row[]>(
    () =>
      summary
        ? [
            { key: 'own', name: `${summary.orgUnit.name}（本级）`, code: null, ...summary.own },
            ...summary.children.map((child) => ({
              ...child,
              key: child.orgUnit.id,
              name: child.orgUnit.name,
              code: child.orgUnit.code,
            })),
          ]
        : [],
    [summary],
  );
  const buckets = view === 'deadline' ? BY_DEADLINE : BY_WAITING;
  const series = useMemo<ChartSeries[]>(
    () => buckets.map((b) => ({ name: b.name, color: b.color, values: rows.map((row) => row[b.key]) })),
    [buckets, rows],
  );
  const total = summary?.total;
  const description = total
    ? `${summary.orgUnit.name}共有待办${total.open}项，其中已逾期${total.overdue}项，7日内到期${total.dueWithin7Days}项，` +
      `等待超过90天${total.waitingOver90Days}项；各下级单位的数字见下表。`
    : '正在统计';

  return (
    <Card
      title={
        <Space>
          <span>{summary ? `${summary.orgUnit.name} 待办概况` : '待办概况'}</span>
          {summary && <Typography.Text type="secondary">截至{summary.today}</Typography.Text>}
        </Space>
      }
      extra={
        scoped && (
          <Button type="link" onClick={() => onUnit(undefined)}>
            返回本人全部范围
          </Button>
        )
      }
    >
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ['待办', total?.open, undefined],
            ['已逾期', total?.overdue, '#cf1322'],
            ['7日内到期', total?.dueWithin7Days, '#ad4e00'],
            ['等待超过90天', total?.waitingOver90Days, '#a8071a'],
          ] as const
        ).map(([title, value, color]) => (
          <Col key={title} xs={12} md={6}>
            <Statistic
              title={title}
              value={value ?? 0}
              loading={loading}
              styles={color ? { content: { color } } : undefined}
            />
          </Col>
        ))}
      </Row>
      <Segmented
        aria-label="分布方式"
        value={view}
        onChange={(value) => setView(value as 'deadline' | 'waiting')}
        options={[
          { value: 'deadline', label: '按期限' },
          { value: 'waiting', label: '按等待时长' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {summary && <AgingChart units={rows.map((row) => row.name)} series={series} summary={description} />}
      <Table<Row>
        size="small"
        rowKey="key"
        loading={loading}
        dataSource={rows}
        pagination={false}
        style={{ marginTop: 16 }}
        columns={[
          {
            title: '单位',
            render: (_, row) =>
              row.code ? (
                <Button
                  type="link"
                  size="small"
                  style={{ paddingInline: 0 }}
                  aria-label={`只看${row.name}的待办`}
                  onClick={() => onUnit(row.code ?? undefined)}
                >
                  {row.name}
                </Button>
              ) : (
                row.name
              ),
          },
          { title: '待办', dataIndex: 'open', align: 'right' },
          ...BY_DEADLINE.map((b) => ({ title: b.name, dataIndex: b.key, align: 'right' as const })),
          ...BY_WAITING.map((b) => ({ title: b.name, dataIndex: b.key, align: 'right' as const })),
        ]}
        summary={() =>
          total && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {(['open', ...BY_DEADLINE.map((b) => b.key), ...BY_WAITING.map((b) => b.key)] as const).map(
                (key, index) => (
                  <Table.Summary.Cell key={key} index={index + 1} align="right">
                    {total[key]}
                  </Table.Summary.Cell>
                ),
              )}
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
