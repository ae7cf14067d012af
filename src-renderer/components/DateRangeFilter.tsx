import { Button, Group, TextInput } from '@mantine/core';

/** The first day of the month `monthsBack` months before `date`'s ('YYYY-MM-DD'). */
export function monthStart(date: string, monthsBack: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}

export interface DateRangeFilterProps {
  from: string;
  to: string;
  today: string;
  onChange: (range: { from?: string; to?: string }) => void;
  labels: { from: string; to: string; thisMonth: string; lastMonths: string };
  /** data-testid prefix: `<prefix>-from`, `<prefix>-to`. */
  testId: string;
}

/** A report's period: two dates and quick choices for this month and the last three. */
export function DateRangeFilter({ from, to, today, onChange, labels, testId }: DateRangeFilterProps) {
  return (
    <>
      <TextInput type="date" label={labels.from} value={from} max={to || undefined} onChange={(e) => onChange({ from: e.currentTarget.value })} w={160} data-testid={`${testId}-from`} />
      <TextInput type="date" label={labels.to} value={to} min={from || undefined} onChange={(e) => onChange({ to: e.currentTarget.value })} w={160} data-testid={`${testId}-to`} />
      {today && (
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => onChange({ from: monthStart(today, 0), to: today })}>
            {labels.thisMonth}
          </Button>
          <Button variant="default" size="sm" onClick={() => onChange({ from: monthStart(today, 2), to: today })}>
            {labels.lastMonths}
          </Button>
        </Group>
      )}
    </>
  );
}
