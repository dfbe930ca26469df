import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';

import { kindName } from '../../shared/orgUnits';
import { EChart, quotaBars } from './EChart';
import { type MetricForecast, type UnitForecast, type UnitProgress, percent } from './metrics';
import { LINK, MUTED, TONES } from '../org/style';
import { StatusTag } from './UnitMetrics';

export interface ChildRow {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly quota: number | null;
  readonly actual: number;
  readonly attainment: number | null;
  readonly forecast: MetricForecast | undefined;
  /** Metrics of the child behind pace or out of reach today. */
  readonly behind: number;
  readonly unreachable: number;
}

/** Each child's figures for one metric, with how many of its metrics are behind. */
export function childRows(
  children: readonly UnitProgress[],
  forecasts: readonly UnitForecast[],
  metric: string,
): ChildRow[] {
  const forecastOf = new Map(forecasts.map((forecast) => [forecast.orgUnit.code, forecast]));
  return children.map((child) => {
    const forecast = forecastOf.get(child.orgUnit.code);
    const statuses = Object.values<MetricForecast>(forecast?.metrics ?? {}).map((figures) => figures.status);
    const quotas: Readonly<Record<string, number | null>> = child.quotas ?? {};
    const actuals: Readonly<Record<string, number>> = child.actuals ?? {};
    const attainment: Readonly<Record<string, number | null>> = child.attainment ?? {};
    const metrics: Readonly<Record<string, MetricForecast>> = forecast?.metrics ?? {};
    return {
      code: child.orgUnit.code,
      name: child.orgUnit.name,
      kind: child.orgUnit.kind,
      quota: quotas[metric] ?? null,
      actual: actuals[metric] ?? 0,
      attainment: attainment[metric] ?? null,
      forecast: metrics[metric],
      behind: statuses.filter((status) => status === 'BEHIND_PACE').length,
      unreachable: statuses.filter((status) => status === 'UNREACHABLE').length,
    };
  });
}

/**
 * The children of the unit side by side on one metric (a bar chart and a table); a child's name, or its bars,
 * drill down into it.
 */
export function ChildUnits({
  rows,
  metric,
  metricName,
  metricOptions,
  onMetric,
  onOpen,
}: {
  readonly rows: ChildRow[];
  readonly metric: string;
  readonly metricName: string;
  readonly metricOptions: readonly { value: string; label: string }[];
  readonly onMetric: (metric: string) => void;
  readonly onOpen: (unit: { code: string; name: string }) => void;
}) {
  const option = useMemo(() => quotaBars(rows, { fitFlat: 6, bottom: 56 }), [rows]);
  const label =
    `各下级单位${metricName}柱状图。` +
    rows.map((row) => `${row.name}：计划${row.quota ?? '未下达'}，完成${row.actual}`).join('；');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="targets-child-metric">指标</label>
        <Select
          id="targets-child-metric"
          style={{ minWidth: 240 }}
          value={metric}
          options={[...metricOptions]}
          onChange={onMetric}
        />
      </Space>
      {rows.length === 0 ? (
        <Empty description={<span style={MUTED}>没有下级单位</span>} />
      ) : (
        <>
          <EChart
            option={option}
            label={label}
            height={300}
            onClick={(event) => {
              const row = rows[event.dataIndex];
              if (row) onOpen(row);
            }}
          />
          <Table<ChildRow>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: '单位',
                render: (_, row) => (
                  <Button type="link" style={LINK} onClick={() => onOpen(row)}>
                    {row.name}
                  </Button>
                ),
              },
              { title: '类别', render: (_, row) => kindName(row.kind) },
              { title: '计划数', align: 'right', render: (_, row) => row.quota ?? '—' },
              { title: '完成数', align: 'right', dataIndex: 'actual' },
              { title: '完成率', align: 'right', render: (_, row) => percent(row.attainment) },
              { title: '预计年末', align: 'right', render: (_, row) => row.forecast?.expected ?? '—' },
              { title: '状态', render: (_, row) => <StatusTag forecast={row.forecast} /> },
              {
                title: '各项指标预警',
                render: (_, row) =>
                  row.unreachable + row.behind === 0 ? (
                    <Typography.Text style={MUTED}>无</Typography.Text>
                  ) : (
                    <>
                      {row.unreachable > 0 && (
                        <Tag color={TONES.bad}>{`${row.unreachable}项预计无法完成`}</Tag>
                      )}
                      {row.behind > 0 && <Tag color={TONES.warn}>{`${row.behind}项进度滞后`}</Tag>}
                    </>
                  ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
