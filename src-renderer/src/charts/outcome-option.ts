/** Chart options for the outcome and traffic panels of the Insights view. */
import type { ExportOutcome, TrafficPoint } from '../../../src-main/api/contract.ts';
import type { Locale } from '../../../src-main/api/messages/index.ts';
import { formatDate, formatPercent } from '../format.ts';
import type { ChartOption } from './echarts.ts';

/** Two rates per x-axis category, drawn as lines on one percentage axis. */
function rateLines(locale: Locale, categories: string[], lines: { name: string; data: (number | null)[] }[]): ChartOption {
  const percent = (value: number) => formatPercent(locale, value);
  return {
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value: number) => percent(value) },
    legend: { top: 0, data: lines.map((line) => line.name) },
    grid: { left: 64, right: 24, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', axisLabel: { formatter: percent } },
    series: lines.map((line) => ({ name: line.name, type: 'line', connectNulls: false, data: line.data })),
  };
}

/** Purchase rate of the recommended products against the base rate, one point per export. */
export function outcomeChartOption(outcomes: ExportOutcome[], locale: Locale, labels: { rate: string; baseRate: string }): ChartOption {
  const ordered = [...outcomes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return rateLines(
    locale,
    ordered.map((outcome) => `#${outcome.exportId} ${formatDate(locale, outcome.createdAt)}`),
    [
      { name: labels.rate, data: ordered.map((outcome) => outcome.purchaseRate) },
      { name: labels.baseRate, data: ordered.map((outcome) => outcome.baseRate) },
    ],
  );
}

/** Click-through rate and purchase rate of all items per bucket. */
export function trafficChartOption(totals: TrafficPoint[], locale: Locale, labels: { ctr: string; purchaseRate: string }): ChartOption {
  return rateLines(
    locale,
    totals.map((point) => formatDate(locale, `${point.start}T00:00:00Z`)),
    [
      { name: labels.ctr, data: totals.map((point) => point.ctr) },
      { name: labels.purchaseRate, data: totals.map((point) => point.purchaseRate) },
    ],
  );
}
