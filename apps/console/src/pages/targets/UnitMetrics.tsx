import { Empty, Progress, Table, Tag } from 'antd';
import { useMemo } from 'react';

import { EChart, quotaBars } from './EChart';
import { type ByMetric, type MetricForecast, STATUS_TAGS, percent } from './metrics';
import { MUTED } from '../org/style';

/** A metric's figures for one unit: progress and, for the metrics planned against a quota, the forecast. */
export interface MetricRow {
  readonly metric: string;
  readonly name: string;
  readonly quota: number | null;
  readonly actual: number;
  readonly attainment: number | null;
  readonly forecast: MetricForecast | undefined;
}

/** The rows of a unit's figures for the metrics asked for, in the API's order. */
export function metricRows(
  metrics: readonly string[],
  figures: {
    readonly actuals: ByMetric<number>;
    readonly quotas: ByMetric<number | null>;
    readonly attainment: ByMetric<number | null>;
    readonly forecast: ByMetric<MetricForecast>;
  },
  nameOf: (metric: string) => string,
): MetricRow[] {
  return metrics.map((metric) => ({
    metric,
    name: nameOf(metric),
    quota: figures.quotas[metric] ?? null,
    actual: figures.actuals[metric] ?? 0,
    attainment: figures.attainment[metric] ?? null,
    forecast: figures.forecast[metric],
  }));
}

export function StatusTag({ forecast }: { readonly forecast: MetricForecast | undefined }) {
  if (!forecast) return <Tag>不作预测</Tag>;
  const tag = STATUS_TAGS[forecast.status];
  return <Tag color={tag.color}>{tag.name}</Tag>;
}

function chartLabel(unitName: string, rows: readonly MetricRow[]): string {
  const parts = rows.map(
    (row) =>
      `${row.name}：计划${row.quota ?? '未下达'}，完成${row.actual}` +
      (row.forecast ? `，预计年末${row.forecast.expected}` : ''),
  );
  return `${unitName}计划与完成柱状图。${parts.join('；')}`;
}

/** The unit's own figures (its whole subtree) for one family of metrics: a bar chart and the table. */
export function UnitMetrics({ unitName, rows }: { readonly unitName: string; readonly rows: MetricRow[] }) {
  const charted = useMemo(
    () => rows.filter((row) => row.quota !== null || row.actual > 0 || (row.forecast?.expected ?? 0) > 0),
    [rows],
  );
  const option = useMemo(() => quotaBars(charted, { fitFlat: 5, bottom: 72 }), [charted]);
  return (
    <>
      {charted.length > 0 ? (
        <EChart option={option} label={chartLabel(unitName, charted)} />
      ) : (
        <Empty description={<span style={MUTED}>本类指标未下达计划，也暂无完成数</span>} />
      )}
      <Table<MetricRow>
        rowKey="metric"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '计划数', align: 'right', render: (_, row) => row.quota ?? '—' },
          { title: '完成数', align: 'right', dataIndex: 'actual' },
          {
            title: '完成率',
            width: 160,
            render: (_, row) =>
              row.attainment === null ? (
                '—'
              ) : (
                <Progress
                  aria-label={`${row.name}完成率`}
                  percent={Math.round(row.attainment * 1000) / 10}
                  size="small"
                  status={row.attainment >= 1 ? 'success' : 'normal'}
                  format={() => <span style={MUTED}>{percent(row.attainment)}</span>}
                />
              ),
          },
          { title: '预计年末', align: 'right', render: (_, row) => row.forecast?.expected ?? '—' },
          { title: '在途可计入', align: 'right', render: (_, row) => row.forecast?.reachable ?? '—' },
          { title: '按进度应完成', align: 'right', render: (_, row) => row.forecast?.dueByNow ?? '—' },
          { title: '状态', render: (_, row) => <StatusTag forecast={row.forecast} /> },
        ]}
      />
    </>
  );
}
