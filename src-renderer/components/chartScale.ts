/** What the SVG charts share: a "nice" top for the value axis and its ticks, and the data-table fallback. */

export interface ChartDatum {
  /** The category: a date, a month, a customer's name. */
  label: string;
  value: number;
}

/** A round number at or above `max` (1, 2, 2.5, 5 × a power of ten), so ticks read well; 1 when all values are 0. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** `count` + 1 evenly spaced tick values from 0 to `top`. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}
