/** One ECharts bar chart (the charts the dashboards use), sized to its box and to the window. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Bars by category: `series` by name, each with one value per category; `right` series on a second axis. */
export function BarsChart({ categories, series, height = 280, axes }: { categories: string[]; series: { name: string; data: number[]; right?: boolean; color?: string }[]; height?: number; axes?: [string, string] }) {
  const ref = useRef<HTMLDivElement>(null);
  // Drawn again only when what it shows changes, not on every render of the page (the arrays are new each time).
  const key = JSON.stringify({ categories, series, axes });
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: series.map((s) => s.name) },
      grid: { left: 56, right: axes ? 56 : 16, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: categories },
      yAxis: axes ? [{ type: 'value', name: axes[0] }, { type: 'value', name: axes[1] }] : { type: 'value' },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.data, yAxisIndex: s.right ? 1 : 0, ...(s.color ? { itemStyle: { color: s.color } } : {}) })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return <div ref={ref} style={{ height }} />;
}
