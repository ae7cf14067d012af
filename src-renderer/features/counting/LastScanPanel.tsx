import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowBackUp, IconBarcode, IconReplace } from '@tabler/icons-react';
import { memo, useSyncExternalStore } from 'react';
import classes from './counting.module.css';
import type { LastAction, LastActionStore } from './useCountingSession';
import type { CountingText } from './useCountingText';

export interface LastScanPanelProps {
  /** The last result; the panel follows it by itself, without the screen around it redrawing. */
  last: LastActionStore;
  blind: boolean;
  text: CountingText;
  onUndo: () => void;
  onChangeLot: (last: LastAction) => void;
  undoDisabled: boolean;
}

const kindColor = { scan: 'green', corrected: 'blue', undone: 'orange' } as const;

/**
 * The answer to "did that scan count?", readable from the shelf: the product, what this scan
 * added, and its line's total so far (all counters together). The book quantity only when the
 * count is not blind.
 */
export const LastScanPanel = memo(function LastScanPanel({ last: store, blind, text, onUndo, onChangeLot, undoDisabled }: LastScanPanelProps) {
  const { t } = text;
  const last = useSyncExternalStore(store.subscribe, store.get);

  if (!last) {
    return (
      <Paper withBorder p="lg" className={classes.panel} data-testid="last-scan" aria-live="polite">
        <Stack align="center" justify="center" gap="sm" mih={220}>
          <ThemeIcon size={64} radius="xl" variant="light">
            <IconBarcode size={36} />
          </ThemeIcon>
          <Text fw={700} fz="xl" ta="center">
            {t('panel.emptyTitle')}
          </Text>
          <Text c="dimmed" ta="center" maw={460}>
            {t('panel.emptyText')}
          </Text>
        </Stack>
      </Paper>
    );
  }

  const { product, line, unit } = last;
  const units = line.units.length > 0 ? line.units : product.units;
  const base = units.find((u) => u.factor === 1);
  const counted = line.countedQty ?? 0;
  const packed = text.qty(counted, units);
  const inBase = base ? text.qty(counted, [base]) : String(counted);
  const book = blind ? null : (line.expectedQty ?? line.bookQty);
  const variance = blind ? null : line.varianceQty;
  const sign = last.delta > 0 ? '+' : '';

  return (
    <Paper
      withBorder
      p="lg"
      className={classes.panel}
      data-testid="last-scan"
      data-kind={last.kind}
      data-flash={last.seq % 2 === 0 ? 'a' : 'b'}
      data-seq={last.seq}
      data-entry-id={last.entryId}
      data-pending={last.pending || undefined}
      aria-live="polite"
    >
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm" mb="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge size="lg" color={kindColor[last.kind]} variant="light">
            {t(`panel.kind.${last.kind}`)}
          </Badge>
          <Text ff="monospace" c="dimmed" truncate>
            {product.sku}
          </Text>
          {!line.expected && (
            <Badge size="lg" color="orange" variant="outline">
              {t('panel.foundLine')}
            </Badge>
          )}
        </Group>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconArrowBackUp size={18} />}
          onClick={onUndo}
          disabled={undoDisabled}
          data-testid="undo-button"
          aria-keyshortcuts="Control+Z"
          title="Ctrl+Z"
        >
          {t('actions.undo')}
        </Button>
      </Group>
      <div className={classes.panelBody}>
        <Stack gap="sm" style={{ minWidth: 0 }}>
          <div className={classes.productName} data-testid="last-product" title={text.name(product)}>
            {text.name(product)}
          </div>
          <Text className={classes.delta} c={last.delta < 0 ? 'orange.8' : 'green.8'} data-testid="last-delta">
            {last.kind === 'undone' ? t('panel.undid') : last.kind === 'corrected' ? t('panel.setTo') : t('panel.thisScan')}{' '}
            {last.kind === 'corrected' && last.scanQty !== null ? text.qty(last.scanQty, units) : `${sign}${text.qty(last.delta, units)}`}
          </Text>
          <Text c="dimmed" fz="md">
            {t('panel.unit', { unit: text.unit(unit, units) })}
          </Text>
          {product.lotTracked && (
            <Group gap="xs" data-testid="last-lot" wrap="wrap">
              <Text fz="lg">
                {t('panel.lot')}{' '}
                <Text span fw={700} ff="monospace" data-testid="last-lot-code">
                  {line.lotCode === '' ? t('lot.noCode') : line.lotCode}
                </Text>
                {line.expiryDate && (
                  <Text span c="dimmed" fz="md">
                    {' · '}
                    {t('lot.expires', { date: text.date(line.expiryDate) })}
                  </Text>
                )}
              </Text>
              <Button variant="subtle" size="compact-md" leftSection={<IconReplace size={16} />} onClick={() => onChangeLot(last)} data-testid="change-lot">
                {t('panel.changeLot')}
              </Button>
            </Group>
          )}
        </Stack>
        <Stack gap={4} className={classes.figures}>
          <span className={classes.figureLabel}>{t('panel.lineTotal')}</span>
          <span className={classes.total} data-testid="line-total" data-qty={counted}>
            {packed}
          </span>
          {packed !== inBase && (
            <Text c="dimmed" fz="md">
              = {inBase}
            </Text>
          )}
          {line.counters.length > 1 && (
            <Text c="dimmed" fz="sm" data-testid="line-counters">
              {t('panel.counters', { names: line.counters.join(t('listSeparator')) })}
            </Text>
          )}
          {book !== null && (
            <Stack gap={0} mt="sm" data-testid="book-qty">
              <span className={classes.figureLabel}>{t('panel.book')}</span>
              <span className={classes.bookQty}>{text.qty(book, units)}</span>
              {variance !== null && variance !== 0 && (
                <Text fw={700} c={variance > 0 ? 'blue.8' : 'red.8'}>
                  {t('panel.variance', { qty: `${variance > 0 ? '+' : ''}${text.qty(variance, units)}` })}
                </Text>
              )}
            </Stack>
          )}
        </Stack>
      </div>
      {last.scanQty !== null && (
        <Text c="dimmed" fz="sm" mt="md">
          {t('panel.correctHint')}
        </Text>
      )}
    </Paper>
  );
});
