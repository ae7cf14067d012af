import { Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
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

export interface ReportSort {
  key: string;
  desc: boolean;
}

/** Rows per page asked of the report worker as the grid scrolls. */
export const REPORT_PAGE_SIZE = 200;

/**
 * A report's rows in a virtualized grid over every row the report matches: the first page comes
 * with the report, the others are asked for (`loadPage`, REPORT_PAGE_SIZE rows from an offset)
 * as they scroll into view, so a report of a million rows opens as fast as one of ten. A header
 * sorts by its column (again to reverse) in the report worker, over every row; the totals row
 * is the report's, over every row. Mounted afresh (a `key`) for every new first page.
 */
export function ReportTable({
  result,
  label,
  sort,
  onSort,
  loadPage,
}: {
  result: ReportResult;
  label: string;
  sort: ReportSort | null;
  onSort: (sort: ReportSort) => void;
  loadPage: (offset: number) => Promise<ReportResult>;
}) {
  const { t, i18n } = useTranslation('reports');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  // Pages by index, the first from the report; the pages asked for so far, so each is asked once.
  const [current, setCurrent] = useState<Map<number, ReportResult['rows']>>(() => new Map([[0, result.rows]]));
  const asked = useRef(new Set([0]));
  const [failed, setFailed] = useState<unknown>(undefined);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: result.rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 16 });
  const items = virtualizer.getVirtualItems();
  const wanted = [...new Set(items.map((item) => Math.floor(item.index / REPORT_PAGE_SIZE)))].filter((p) => !current.has(p));
  const wantedKey = wanted.join(',');

  useEffect(() => {
    // Answers are kept even when the grid has scrolled on: a page asked for is asked once.
    for (const page of wantedKey === '' ? [] : wantedKey.split(',').map(Number)) {
      if (asked.current.has(page)) continue;
      asked.current.add(page);
      loadPage(page * REPORT_PAGE_SIZE).then(
        (answer) => setCurrent((s) => new Map(s).set(page, answer.rows)),
        (error: unknown) => {
          asked.current.delete(page);
          setFailed(error);
        },
      );
    }
  }, [wantedKey, loadPage]);

  const template = result.columns.map(widthOf).join(' ');
  const header = (c: ReportColumn) => (locale === 'en' ? c.en : c.zh);
  const toggle = (key: string) => onSort(sort?.key === key ? { key, desc: !sort.desc } : { key, desc: false });
  const firstTotalless = result.columns.find((c) => result.totals[c.key] === undefined || result.totals[c.key] === null)?.key;
  const rowAt = (index: number) => current.get(Math.floor(index / REPORT_PAGE_SIZE))?.[index % REPORT_PAGE_SIZE];

  return (
    <div ref={scrollRef} role="table" aria-label={label} aria-rowcount={result.rowCount + 2} aria-busy={wanted.length > 0} className={classes.scroller} data-testid="report-table">
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
          {items.map((item) => {
            const row = rowAt(item.index);
            const style = { height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, position: 'absolute' as const, left: 0, right: 0 };
            if (!row) {
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className={classes.row} style={style} data-testid="report-row-loading">
                  <span role="cell" className={classes.text}>
                    <Text size="sm" c="dimmed" span>
                      {failed !== undefined ? t('pageFailed') : t('pageLoading')}
                    </Text>
                  </span>
                </div>
              );
            }
            return (
              <div key={item.key} role="row" aria-rowindex={item.index + 2} className={classes.row} style={style} data-testid="report-row">
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
