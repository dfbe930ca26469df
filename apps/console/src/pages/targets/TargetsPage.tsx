import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Flex, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

import { targetsApi } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';
import { useMe } from '../../shared/useMe';
import { saveDownload } from '../../shared/download';
import { ChildUnits, childRows } from './ChildUnits';
import { METRIC_GROUPS, type MetricGroup, groupOf, useMetricNames } from './metrics';
import { MUTED, TONES } from '../org/style';
import { PaceAlerts, behindRows } from './PaceAlerts';
import { targetsQueries } from './queries';
import { UnitMetrics, metricRows } from './UnitMetrics';
import { UnitPicker } from './UnitPicker';
import { VillageCadres } from './VillageCadres';

/** Years offered: this one, next year's plan, and the last four for comparison. */
function yearsAround(year: number): number[] {
  return Array.from({ length: 6 }, (_, index) => year + 1 - index);
}

function useTargets(orgUnit: string | undefined, year: number) {
  const queries = targetsQueries(orgUnit, year);
  return {
    progress: useQuery(queries.progress),
    forecast: useQuery(queries.forecast),
    alerts: useQuery(queries.alerts),
    villageCadres: useQuery(queries.villageCadres),
    unit: useQuery(queries.unit),
  };
}

/** 目标: a planner's quotas, actuals, forecasts and pace alerts for a unit and its children, and the 8595 shares. */
export default function TargetsPage() {
  const { message } = App.useApp();
  const me = useMe();
  const nameOf = useMetricNames();
  const [params, setParams] = useSearchParams();
  const root = me.data?.readScope.root;
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const orgUnit = params.get('unit') ?? root?.code;
  const { progress, forecast, alerts, villageCadres, unit } = useTargets(orgUnit, year);
  const [group, setGroup] = useState<MetricGroup>('member');
  const [pickedMetric, setPickedMetric] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const open = (code: string, nextYear = year) => setParams({ unit: code, year: String(nextYear) });
  const unitName = progress.data?.orgUnit.name ?? unit.data?.name ?? orgUnit ?? '';
  const groupMetrics = useMemo(
    () => Object.keys(progress.data?.actuals ?? {}).filter((metric) => groupOf(metric) === group),
    [progress.data, group],
  );
  const rows = useMemo(() => {
    const data = progress.data;
    if (!data) return [];
    return metricRows(
      groupMetrics,
      {
        actuals: data.actuals ?? {},
        quotas: data.quotas ?? {},
        attainment: data.attainment ?? {},
        forecast: forecast.data?.metrics ?? {},
      },
      nameOf,
    );
  }, [progress.data, forecast.data, groupMetrics, nameOf]);
  // The children's metric: the one picked, else the family's first one planned here or below.
  const childMetric =
    pickedMetric && groupMetrics.includes(pickedMetric)
      ? pickedMetric
      : (groupMetrics.find((metric) =>
          [progress.data, ...(progress.data?.children ?? [])].some(
            (u) => (u?.quotas as Readonly<Record<string, number | null>> | undefined)?.[metric] != null,
          ),
        ) ?? groupMetrics[0]);
  const children = useMemo(
    () =>
      progress.data && childMetric
        ? childRows(progress.data.children, forecast.data?.children ?? [], childMetric)
        : [],
    [progress.data, forecast.data, childMetric],
  );
  const behind = useMemo(
    () => (forecast.data ? behindRows(forecast.data, alerts.data ?? []) : []),
    [forecast.data, alerts.data],
  );
  // The way down from the reader's root to the unit shown, to climb back up.
  const trail = useMemo(() => {
    const ancestors = unit.data?.ancestors ?? [];
    const from = ancestors.findIndex((ancestor) => ancestor.code === root?.code);
    return [...(from >= 0 ? ancestors.slice(from) : []), ...(unit.data ? [unit.data] : [])];
  }, [unit.data, root]);

  const exportExcel = async () => {
    if (!orgUnit) return;
    setExporting(true);
    setExportError(null);
    try {
      const name = await saveDownload(
        targetsApi.GET('/v1/targets/export', {
          params: { query: { orgUnit, year, format: 'xlsx' } },
          parseAs: 'blob',
        }),
        `${orgUnit}-targets-${year}.xlsx`,
      );
      void message.success(`已导出 ${name}`);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  if (!root || !orgUnit) {
    return me.error ? <ProblemAlert error={me.error} /> : <Skeleton active />;
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={16}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          目标 <Typography.Text style={MUTED}>{`${unitName} · ${year}年`}</Typography.Text>
        </Typography.Title>
        <Space wrap>
          <label htmlFor="targets-year">年度</label>
          <Select
            id="targets-year"
            value={year}
            style={{ width: 110 }}
            options={yearsAround(thisYear).map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(y) => open(orgUnit, y)}
          />
          <label htmlFor="targets-unit">单位</label>
          <UnitPicker
            key={root.code}
            id="targets-unit"
            root={root}
            value={{ code: orgUnit, name: unitName }}
            onChange={(picked) => open(picked.code)}
          />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
            导出Excel
          </Button>
        </Space>
      </Flex>
      {trail.length > 1 && (
        <Breadcrumb
          items={trail.map((step, index) =>
            index === trail.length - 1
              ? { title: step.name }
              : {
                  title: (
                    <Typography.Link
                      style={{ color: TONES.info }}
                      onClick={(event) => {
                        event.preventDefault();
                        open(step.code);
                      }}
                      href={`?unit=${step.code}&year=${year}`}
                    >
                      {step.name}
                    </Typography.Link>
                  ),
                },
          )}
        />
      )}
      <ProblemAlert error={exportError} />
      <ProblemAlert error={progress.error ?? forecast.error ?? alerts.error} />
      <Card title="进度预警" loading={forecast.isPending}>
        {forecast.data && <PaceAlerts rows={behind} nameOf={nameOf} asOf={forecast.data.asOf} />}
      </Card>
      <Segmented<MetricGroup>
        aria-label="指标类别"
        value={group}
        onChange={setGroup}
        options={METRIC_GROUPS.map(({ key, name }) => ({ value: key, label: name }))}
      />
      <Card title={`${unitName}（含下级）计划与完成`} loading={progress.isPending}>
        <UnitMetrics unitName={unitName} rows={rows} />
      </Card>
      <Card title="下级单位" loading={progress.isPending}>
        {childMetric && (
          <ChildUnits
            rows={children}
            metric={childMetric}
            metricName={nameOf(childMetric)}
            metricOptions={groupMetrics.map((metric) => ({ value: metric, label: nameOf(metric) }))}
            onMetric={setPickedMetric}
            onOpen={(child) => open(child.code)}
          />
        )}
      </Card>
      <Card title="村干部学历结构（8595）" loading={villageCadres.isPending}>
        <ProblemAlert error={villageCadres.error} />
        {villageCadres.data && <VillageCadres structure={villageCadres.data} />}
      </Card>
    </Space>
  );
}
