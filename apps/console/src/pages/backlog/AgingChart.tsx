import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what a stacked bar needs: this file is imported by the backlog page alone, so ECharts stays in its chunk.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

/**
 * Open tasks per unit as horizontal stacked bars, one segment per bucket. The counts are in the table beside
 * it too; the chart is described for screen readers by `summary`.
 */
export function AgingChart({
  units,
  series,
  summary,
}: {
  readonly units: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly summary: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The card's width changes with the page (a scroll bar, the side menu), not only with the window.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, itemWidth: 12, itemHeight: 12 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        // Top to bottom in the order given.
        yAxis: { type: 'category', data: [...units].reverse(), axisTick: { show: false } },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          stack: 'tasks',
          barMaxWidth: 22,
          itemStyle: { color: s.color },
          data: [...s.values].reverse(),
        })),
      },
      { notMerge: true },
    );
  }, [units, series]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={summary}
      style={{ width: '100%', height: Math.max(160, 48 + units.length * 34) }}
    />
  );
}
