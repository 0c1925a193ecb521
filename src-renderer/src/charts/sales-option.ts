/** Chart options for the Insights view, built from contract data and already-translated labels. */
import type { ModelName, SalesOverTime, TrainingRunSummary } from '../../../src-main/api/contract.ts';
import type { Locale } from '../../../src-main/api/messages/index.ts';
import type { ChartOption } from './echarts.ts';

export interface SalesLabels {
  orders: string;
  revenue: string;
}

export function formatMoney(locale: Locale, value: number, currency: string | null): string {
  const style = currency ? { style: 'currency' as const, currency } : { maximumFractionDigits: 2 };
  return new Intl.NumberFormat(locale, style).format(value);
}

function bucketLabel(locale: Locale, start: string, bucket: SalesOverTime['bucket']): string {
  const date = new Date(`${start}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    bucket === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Orders as bars on the left axis, revenue as a line on the right axis. */
export function salesChartOption(sales: SalesOverTime, locale: Locale, labels: SalesLabels): ChartOption {
  const numbers = new Intl.NumberFormat(locale);
  return {
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0, data: [labels.orders, labels.revenue] },
    grid: { left: 64, right: 80, top: 64, bottom: 40 },
    xAxis: { type: 'category', data: sales.points.map((point) => bucketLabel(locale, point.start, sales.bucket)) },
    yAxis: [
      { type: 'value', name: labels.orders, axisLabel: { formatter: (value: number) => numbers.format(value) } },
      {
        type: 'value',
        name: labels.revenue,
        axisLabel: { formatter: (value: number) => formatMoney(locale, value, sales.currency) },
      },
    ],
    series: [
      { name: labels.orders, type: 'bar', data: sales.points.map((point) => point.orders) },
      {
        name: labels.revenue,
        type: 'line',
        yAxisIndex: 1,
        data: sales.points.map((point) => point.revenue),
        tooltip: { valueFormatter: (value: number) => formatMoney(locale, value, sales.currency) },
      },
    ],
  };
}

/** HR@10 of each model in each completed run, oldest run first, one line per model. */
export function modelComparisonOption(
  runs: readonly TrainingRunSummary[],
  locale: Locale,
  runLabel: (runId: number) => string,
  modelLabel: (model: ModelName) => string,
): ChartOption {
  const completed = runs.filter((run) => run.status === 'completed' && run.models.length > 0).sort((a, b) => a.runId - b.runId);
  const models = [...new Set(completed.flatMap((run) => run.models.map((metrics) => metrics.model)))];
  // The same plain three-decimal numbers as the metrics table, so 0.492 reads the same in both.
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

  return {
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value: number) => decimal.format(value) },
    legend: { top: 0, data: models.map(modelLabel) },
    grid: { left: 64, right: 32, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: completed.map((run) => runLabel(run.runId)) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (value: number) => decimal.format(value) } },
    series: models.map((model) => ({
      name: modelLabel(model),
      type: 'line',
      symbolSize: 8,
      data: completed.map((run) => run.models.find((metrics) => metrics.model === model)?.hr10 ?? null),
    })),
  };
}
