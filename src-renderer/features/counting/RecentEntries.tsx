import { Badge, Group, Paper, Text } from '@mantine/core';
import { memo } from 'react';
import type { CountEntry } from '../../../src-main/contract';
import { formatTime } from '../../components/format';
import type { DisplayUnit } from '../../components/format';
import classes from './counting.module.css';
import type { CountingText } from './useCountingText';

export interface RecentEntriesProps {
  entries: readonly CountEntry[];
  loaded: boolean;
  failed: boolean;
  counter: string;
  timeZone: string | undefined;
  /** The product's units when the screen knows them, for '+1箱'; else the entry's own unit code. */
  unitsOf: (productId: string) => readonly DisplayUnit[] | undefined;
  text: CountingText;
}

/**
 * The last entries on this count from every counter and PC, newest first. An entry someone
 * undid is struck through; the undo entries themselves are not listed (the strike says it). So
 * is one that came too late (made offline after the count was posted on another PC).
 */
export const RecentEntries = memo(function RecentEntries({ entries, loaded, failed, counter, timeZone, unitsOf, text }: RecentEntriesProps) {
  const { t } = text;
  const shown = entries.filter((e) => !e.undoes).slice(0, 20);
  return (
    <Paper withBorder>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text fw={700} fz="lg">
          {t('entries.title')}
        </Text>
        <Text c="dimmed" fz="sm">
          {t('entries.allCounters')}
        </Text>
      </Group>
      <div className={classes.entries} data-testid="recent-entries" role="list" aria-label={t('entries.title')}>
        {shown.length === 0 ? (
          <Text c={failed ? 'red' : 'dimmed'} p="md" ta="center">
            {failed ? t('entries.failed') : loaded ? t('entries.empty') : t('states.loading')}
          </Text>
        ) : (
          shown.map((e) => <EntryRow key={e.id} entry={e} mine={e.counter === counter} units={unitsOf(e.productId)} timeZone={timeZone} text={text} />)
        )}
      </div>
    </Paper>
  );
});

interface EntryRowProps {
  entry: CountEntry;
  mine: boolean;
  units: readonly DisplayUnit[] | undefined;
  timeZone: string | undefined;
  text: CountingText;
}

/** One entry; a new entry at the top leaves the rows below as they were drawn. */
const EntryRow = memo(function EntryRow({ entry: e, mine, units, timeZone, text }: EntryRowProps) {
  const qty = units ? text.qty(e.qty, units) : `${text.number(e.unitQty)} ${e.unitCode}`;
  return (
    <div
      role="listitem"
      className={classes.entry}
      data-testid="entry-row"
      data-undone={e.undone || e.late || undefined}
      data-late={e.late || undefined}
      data-mine={mine || undefined}
    >
      <Text c="dimmed" fz="sm">
        {formatTime(e.createdAt, timeZone)}
      </Text>
      <div className={classes.entryMain} style={{ minWidth: 0 }}>
        <Text fw={600} truncate title={text.name(e)}>
          {text.name(e)}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text fz="sm" c="dimmed" truncate>
            {e.counter}
            {e.lotCode ? ` · ${e.lotCode}` : ''}
          </Text>
          {e.undone && (
            <Badge size="sm" color="orange" variant="light" style={{ textDecoration: 'none' }}>
              {text.t('entries.undone')}
            </Badge>
          )}
          {e.late && (
            <Badge size="sm" color="gray" variant="light" style={{ textDecoration: 'none' }} title={text.t('entries.lateHint')}>
              {text.t('entries.late')}
            </Badge>
          )}
        </Group>
      </div>
      <span className={classes.entryQty} data-testid="entry-qty">
        {e.qty > 0 ? '+' : ''}
        {qty}
      </span>
    </div>
  );
});
