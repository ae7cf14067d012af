import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import classes from './VirtualTable.module.css';

export interface VirtualColumn<T> {
  key: string;
  header: ReactNode;
  /** A CSS grid track: '120px', 'minmax(200px, 1fr)'. */
  width: string;
  numeric?: boolean;
  render: (row: T, index: number) => ReactNode;
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly VirtualColumn<T>[];
  rowKey: (row: T) => string;
  rowHeight: number;
  label: string;
  /** data-testid of each body row. */
  rowTestId?: string;
}

/**
 * A table of rows already in memory (a whole catalogue's worth) of which only the visible ones
 * are in the DOM, with a sticky head; columns are one CSS grid shared by head and rows.
 */
export function VirtualTable<T>({ rows, columns, rowKey, rowHeight, label, rowTestId }: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });
  const grid = { '--vt-cols': columns.map((c) => c.width).join(' ') } as CSSProperties;
  return (
    <div ref={scrollRef} role="table" aria-label={label} aria-rowcount={rows.length + 1} className={classes.scroller}>
      <div className={classes.table} style={grid}>
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.head}`}>
          {columns.map((c) => (
            <span key={c.key} role="columnheader" className={c.numeric ? classes.num : undefined}>
              {c.header}
            </span>
          ))}
        </div>
        <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <div
                key={rowKey(row)}
                role="row"
                aria-rowindex={item.index + 2}
                className={`${classes.row} ${classes.bodyRow}`}
                style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                data-testid={rowTestId}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className={`${classes.cell} ${c.numeric ? classes.num : ''}`}>
                    {c.render(row, item.index)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
