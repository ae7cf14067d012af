import { Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportCell, ReportColumn, ReportResult } from '../../../src-main/contract';
import { formatMoney, formatNumber, toLocale, type Locale } from '../../components/format';
import classes from './reports.module.css';

const ROW_HEIGHT = 36;

function cellText(column: ReportColumn, value: ReportCell | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  switch (column.type) {
    case 'money':
      return formatMoney(value, locale);
    case 'percent':
      return `${formatNumber(Math.round(value * 10_000) / 100, locale)}%`;
    default:
      return formatNumber(value, locale);
  }
}

const numeric = (c: ReportColumn) => c.type === 'int' || c.type === 'qty' || c.type === 'money' || c.type === 'percent';
const widthOf = (c: ReportColumn) => `minmax(${Math.max(80, (c.width ?? (numeric(c) ? 11 : 12)) * 8)}px, ${c.type === 'text' && (c.width ?? 0) > 20 ? 2 : 1}fr)`;

/**
 * A report's rows in a virtualized grid (tens of thousands of rows stay smooth), a header that
 * sorts by its column (again to reverse), and the totals row under it.
 */
export function ReportTable({ result, label }: { result: ReportResult; label: string }) {
  const { t, i18n } = useTranslation('reports');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const rows = useMemo(() => {
    if (!sort) return result.rows;
    const dir = sort.desc ? -1 : 1;
    return [...result.rows].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), locale)) * dir;
    });
  }, [result.rows, sort, locale]);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 16 });
  const template = result.columns.map(widthOf).join(' ');
  const header = (c: ReportColumn) => (locale === 'en' ? c.en : c.zh);
  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, desc: !s.desc } : { key, desc: false }));
  const firstTotalless = result.columns.find((c) => result.totals[c.key] === undefined || result.totals[c.key] === null)?.key;

  return (
    <div ref={scrollRef} role="table" aria-label={label} aria-rowcount={rows.length + 2} className={classes.scroller} data-testid="report-table">
      <div className={classes.table} style={{ ['--report-cols' as string]: template }}>
        <div role="row" className={`${classes.row} ${classes.head}`}>
          {result.columns.map((c) => (
            <span role="columnheader" key={c.key} aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'} className={numeric(c) ? classes.num : undefined}>
              <UnstyledButton onClick={() => toggle(c.key)} title={t('sortBy')} className={classes.sortButton} data-testid={`sort-${c.key}`}>
                {header(c)}
                {sort?.key === c.key && (sort.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />)}
              </UnstyledButton>
            </span>
          ))}
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={classes.row}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, position: 'absolute', left: 0, right: 0 }}
                data-testid="report-row"
              >
                {result.columns.map((c) => (
                  <span role="cell" key={c.key} className={numeric(c) ? classes.num : classes.text}>
                    {cellText(c, row[c.key], locale)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
        <div role="row" className={`${classes.row} ${classes.foot}`} data-testid="report-totals">
          {result.columns.map((c) => (
            <span role="cell" key={c.key} className={numeric(c) ? classes.num : classes.text} data-testid={`total-${c.key}`}>
              {c.key === firstTotalless ? <Text fw={700} span>{t('total')}</Text> : cellText(c, result.totals[c.key], locale)}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
