import { Table, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { ChartDatum } from './chartScale';

/** What every chart is given: its data and the words that make it readable without seeing it. */
export interface ChartProps {
  /** What the chart shows, read by screen readers and shown as the SVG's title. */
  title: string;
  /** A sentence summarising the data (highest, total…). */
  summary: string;
  data: readonly ChartDatum[];
  formatValue: (value: number) => string;
  /** Header of the hidden data table's value column. */
  valueLabel: string;
  /** Header of its category column. */
  categoryLabel: string;
  testId?: string;
}

export interface ChartFrameProps extends ChartProps {
  /** Width and height in chart units; the chart keeps this shape at any width. */
  width: number;
  height: number;
  children: ReactNode;
}

/**
 * The accessible shell of every chart: an SVG that scales to its container's width (viewBox,
 * no fixed pixel width, so it fits at 1024 px and on a wide screen), titled and described for
 * screen readers, with the same figures as a table only they read.
 */
export function ChartFrame({ title, summary, data, formatValue, valueLabel, categoryLabel, width, height, testId, children }: ChartFrameProps) {
  const id = useId();
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ display: 'block', overflow: 'visible' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {children}
      </svg>
      <VisuallyHidden>
        <Table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <td>{d.label}</td>
                <td>{formatValue(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </figure>
  );
}
