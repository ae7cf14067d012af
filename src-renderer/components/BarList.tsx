import { niceMax } from './chartScale';
import { ChartFrame, type ChartProps } from './ChartFrame';

const W = 480;
const rowH = 26;
const labelW = 170;
const valueW = 90;

/** A name cut to what the label column holds: about 26 Latin letters, a Chinese character counting two. */
function fitLabel(label: string): string {
  let width = 0;
  let out = '';
  for (const ch of label) {
    width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    if (width > 26) return `${out}…`;
    out += ch;
  }
  return out;
}

/** A ranking (top customers, top products) as horizontal bars in plain SVG, name on the left and figure on the right. */
export function BarList({ title, summary, data, formatValue, valueLabel, categoryLabel, testId }: ChartProps) {
  const topValue = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const barW = W - labelW - valueW;
  const H = Math.max(rowH, data.length * rowH);
  return (
    <ChartFrame title={title} summary={summary} data={data} formatValue={formatValue} valueLabel={valueLabel} categoryLabel={categoryLabel} width={W} height={H} {...(testId ? { testId } : {})}>
      {data.map((d, i) => {
        const w = (Math.max(0, d.value) / topValue) * barW;
        const yMid = i * rowH + rowH / 2;
        const name = fitLabel(d.label);
        return (
          <g key={`${d.label}-${i}`} data-value={d.value}>
            <title>{`${d.label}: ${formatValue(d.value)}`}</title>
            <text x={labelW - 8} y={yMid + 4} textAnchor="end" fontSize={12} fill="var(--mantine-color-text)">
              {name}
            </text>
            <rect x={labelW} y={yMid - 8} width={Math.max(w, 1)} height={16} rx={2} fill="var(--mantine-color-teal-6)" />
            <text x={labelW + w + 6} y={yMid + 4} fontSize={12} fill="var(--mantine-color-dimmed)">
              {formatValue(d.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
