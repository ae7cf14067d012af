import { niceMax, ticks } from './chartScale';
import { ChartFrame, type ChartProps } from './ChartFrame';

export interface ColumnChartProps extends ChartProps {
  /** Short axis labels ("¥1.2万"); the full value is in each column's tooltip and the hidden table. */
  formatTick: (value: number) => string;
  /** Label under a column; every `labelEvery`-th column is labelled. */
  formatLabel?: (label: string) => string;
  labelEvery?: number;
  /** 'line' joins the values (a trend by day); 'column' draws bars (months). @default 'column' */
  kind?: 'column' | 'line';
}

const W = 480;
const H = 220;
const left = 56;
const right = 8;
const top = 10;
const bottom = 26;

/**
 * Values over time as columns or a line, in plain SVG (no chart library): a value axis with
 * round ticks, a baseline, and a label under every few categories. Negative values (a day of
 * more returns than sales) are drawn as 0 on the axis but their figure is in the tooltip.
 */
export function ColumnChart({ title, summary, data, formatValue, formatTick, formatLabel = (l) => l, labelEvery = 1, valueLabel, categoryLabel, kind = 'column', testId }: ColumnChartProps) {
  const topValue = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const step = data.length > 0 ? plotW / data.length : plotW;
  const y = (v: number) => top + plotH - (Math.max(0, v) / topValue) * plotH;
  const x = (i: number) => left + step * i + step / 2;
  const points = data.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(' ');
  return (
    <ChartFrame title={title} summary={summary} data={data} formatValue={formatValue} valueLabel={valueLabel} categoryLabel={categoryLabel} width={W} height={H} {...(testId ? { testId } : {})}>
      {ticks(topValue).map((t) => (
        <g key={t}>
          <line x1={left} x2={W - right} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-dimmed)">
            {formatTick(t)}
          </text>
        </g>
      ))}
      {kind === 'line' && data.length > 0 && <polyline points={points} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={2} strokeLinejoin="round" />}
      {data.map((d, i) => (
        <g key={d.label} data-value={d.value}>
          <title>{`${formatLabel(d.label)}: ${formatValue(d.value)}`}</title>
          {kind === 'column' ? (
            <rect x={x(i) - step * 0.35} width={step * 0.7} y={y(d.value)} height={top + plotH - y(d.value)} fill="var(--mantine-color-blue-6)" rx={2} />
          ) : (
            <circle cx={x(i)} cy={y(d.value)} r={2.5} fill="var(--mantine-color-blue-6)" />
          )}
          {/* A transparent hit area so the tooltip shows over the whole column. */}
          <rect x={x(i) - step / 2} width={step} y={top} height={plotH} fill="transparent" />
          {i % labelEvery === 0 && (
            <text x={x(i)} y={H - 8} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
              {formatLabel(d.label)}
            </text>
          )}
        </g>
      ))}
      <line x1={left} x2={W - right} y1={top + plotH} y2={top + plotH} stroke="var(--mantine-color-gray-6)" strokeWidth={1} />
    </ChartFrame>
  );
}
