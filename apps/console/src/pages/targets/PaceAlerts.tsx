import { Alert, Table, Tag, Typography } from 'antd';

import { type MetricForecast, SEVERITY, STATUS_TAGS, type TargetAlert, type TargetForecast } from './metrics';
import { MUTED } from '../org/style';

type Level = 'BEHIND_PACE' | 'UNREACHABLE';

/** A metric of a unit that is behind: as today's forecast has it, or as the alert raised on schedule says. */
export interface BehindRow {
  readonly key: string;
  readonly unit: { readonly code: string; readonly name: string };
  readonly metric: string;
  readonly level: Level;
  readonly quota: number | null;
  readonly actual: number;
  readonly expected: number;
  readonly dueByNow: number | null;
  readonly upperBound: number | null;
  /** The day the pace alert was raised; null when today's forecast finds it but no alert was raised yet. */
  readonly raisedOn: string | null;
}

const isBehind = (figures: MetricForecast): figures is MetricForecast & { status: Level } =>
  figures.status === 'BEHIND_PACE' || figures.status === 'UNREACHABLE';

/**
 * Today's forecast of the unit and its children, and the open alerts of the whole subtree (deeper units'
 * too, with the figures they were raised on), worst first.
 */
export function behindRows(forecast: TargetForecast, alerts: readonly TargetAlert[]): BehindRow[] {
  const raised = new Map(alerts.map((alert) => [`${alert.orgUnit.code}|${alert.metric}`, alert]));
  const rows = new Map<string, BehindRow>();
  for (const unit of [forecast, ...forecast.children]) {
    for (const [metric, figures] of Object.entries<MetricForecast>(unit.metrics ?? {})) {
      if (!isBehind(figures)) continue;
      const key = `${unit.orgUnit.code}|${metric}`;
      rows.set(key, {
        key,
        unit: unit.orgUnit,
        metric,
        level: figures.status,
        quota: figures.quota,
        actual: figures.actual,
        expected: figures.expected,
        dueByNow: figures.dueByNow,
        upperBound: figures.upperBound,
        raisedOn: raised.get(key)?.raisedOn ?? null,
      });
    }
  }
  for (const [key, alert] of raised) {
    if (rows.has(key) || alert.clearedOn) continue;
    rows.set(key, {
      key,
      unit: alert.orgUnit,
      metric: alert.metric,
      level: alert.level,
      ...alert.forecast,
      raisedOn: alert.raisedOn,
    });
  }
  return [...rows.values()].sort(
    (a, b) => SEVERITY[a.level] - SEVERITY[b.level] || a.unit.code.localeCompare(b.unit.code),
  );
}

/** The pace alerts: a banner counting them and a table of each, the ones out of reach first. */
export function PaceAlerts({
  rows,
  nameOf,
  asOf,
}: {
  readonly rows: BehindRow[];
  readonly nameOf: (metric: string) => string;
  readonly asOf: string;
}) {
  const unreachable = rows.filter((row) => row.level === 'UNREACHABLE').length;
  const behind = rows.length - unreachable;
  if (rows.length === 0) {
    return <Alert type="success" showIcon title={`截至${asOf}，各项已下达计划的指标进度正常`} />;
  }
  return (
    <>
      <Alert
        type={unreachable > 0 ? 'error' : 'warning'}
        showIcon
        role="alert"
        title={`进度预警：${unreachable}项预计无法完成，${behind}项进度滞后（截至${asOf}）`}
        description="“预计无法完成”：已完成数加上年底前按时间规则仍可计入的在途案件，仍达不到计划数；“进度滞后”：完成数不到按年度时间比例应完成数的八成，且按目前进度年末达不到计划数。"
      />
      <Table<BehindRow>
        rowKey="key"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={rows}
        columns={[
          {
            title: '级别',
            render: (_, row) => <Tag color={STATUS_TAGS[row.level].color}>{STATUS_TAGS[row.level].name}</Tag>,
          },
          { title: '单位', render: (_, row) => row.unit.name },
          { title: '指标', render: (_, row) => nameOf(row.metric) },
          { title: '计划数', align: 'right', render: (_, row) => row.quota ?? '—' },
          { title: '完成数', align: 'right', dataIndex: 'actual' },
          { title: '按进度应完成', align: 'right', render: (_, row) => row.dueByNow ?? '—' },
          { title: '预计年末', align: 'right', dataIndex: 'expected' },
          { title: '可达上限', align: 'right', render: (_, row) => row.upperBound ?? '—' },
          {
            title: '预警发出',
            render: (_, row) =>
              row.raisedOn ?? <Typography.Text style={MUTED}>今日预测，待定时评估</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
