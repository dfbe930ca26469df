import { BarChart, type BarSeriesOption, GaugeChart, type GaugeSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECElementEvent, init, use as registerParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws: bars and gauges on a grid, with tooltips, legends and goal lines.
registerParts([
  BarChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | GaugeSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** A row of the dashboard's bar charts: a metric of a unit, or a child unit for a metric. */
interface BarRow {
  readonly name: string;
  readonly quota: number | null;
  readonly actual: number;
  readonly forecast: { readonly expected: number } | undefined;
}

/**
 * Quota, actual and expected year-end figure side by side per row. Labels turn once more than `fitFlat` rows
 * share the axis; `bottom` leaves room for them.
 */
export function quotaBars(
  rows: readonly BarRow[],
  { fitFlat, bottom }: { readonly fitFlat: number; readonly bottom: number },
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: rows.length > fitFlat ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '计划数', type: 'bar', data: rows.map((row) => row.quota), itemStyle: { color: '#bfbfbf' } },
      { name: '完成数', type: 'bar', data: rows.map((row) => row.actual), itemStyle: { color: '#c8102e' } },
      {
        name: '预计年末',
        type: 'bar',
        data: rows.map((row) => row.forecast?.expected ?? null),
        itemStyle: { color: '#fa8c16' },
      },
    ],
  };
}

/**
 * One ECharts instance in a box: created on mount, given each new option whole, resized with its box, disposed
 * on unmount. The canvas says nothing to a screen reader, so the box is an image named by `label` (a summary of
 * the figures, which the tables beside each chart give in full).
 */
export function EChart({
  option,
  label,
  height = 320,
  onClick,
}: {
  readonly option: ChartOption;
  readonly label: string;
  readonly height?: number;
  readonly onClick?: (event: ECElementEvent) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init>>(null);
  // The latest handler, read when a click comes: the instance keeps one listener for its whole life.
  const clicked = useRef(onClick);
  useEffect(() => {
    clicked.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = box.current!;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => clicked.current?.(event));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
