import { Box, Group, Kbd, Text } from '@mantine/core';
import type { RefObject } from 'react';
import type { ProductRow } from '../../../src-main/contract';
import { ProductPicker } from '../../components/ProductPicker';
import { ScanField, type ScanOutcome } from '../../components/ScanField';
import classes from './stock.module.css';
import { useStockText } from './useStockText';

export interface ScanBarProps {
  scanRef: RefObject<HTMLInputElement | null>;
  onScan: (code: string) => Promise<ScanOutcome>;
  onPick: (product: ProductRow) => void;
  /** Enter on the empty scan field: go to what is still missing. */
  onEmptyEnter: () => void;
  disabled?: boolean;
  /** Changes when a document was posted: the last scan's message no longer applies. */
  resetSignal?: unknown;
}

/** Scan first, search second: the scan field is where the cursor lives, the picker is the fallback. */
export function ScanBar({ scanRef, onScan, onPick, onEmptyEnter, disabled, resetSignal }: ScanBarProps) {
  const { t } = useStockText();
  return (
    <Box className={classes.scanBar} p="md" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
      <Group align="flex-start" gap="md" wrap="wrap">
        <Box style={{ flex: '3 1 340px' }}>
          <ScanField
            inputRef={scanRef}
            label={t('scan.label')}
            placeholder={t('scan.placeholder')}
            size="xl"
            autoFocus
            disabled={disabled}
            onScan={onScan}
            onEmptyEnter={onEmptyEnter}
            resetSignal={resetSignal}
          />
        </Box>
        <Box style={{ flex: '2 1 280px' }}>
          <ProductPicker
            size="xl"
            disabled={disabled}
            onPick={onPick}
            labels={{
              label: t('picker.label'),
              placeholder: t('picker.placeholder'),
              nothingFound: t('picker.nothingFound'),
              loadFailed: t('picker.loadFailed'),
              inactive: t('picker.inactive'),
              more: (shown, total) => t('picker.more', { shown, total }),
            }}
          />
        </Box>
      </Group>
      <Group gap="lg" mt="xs" c="dimmed" fz="sm">
        <Text span fz="sm">
          <Kbd>F2</Kbd> {t('keys.scan')}
        </Text>
        <Text span fz="sm">
          <Kbd>Enter</Kbd> {t('keys.next')}
        </Text>
        <Text span fz="sm">
          <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> {t('keys.post')}
        </Text>
      </Group>
    </Box>
  );
}
