import { Box, Group, Kbd, Text, type MantineSize } from '@mantine/core';
import { Fragment, type RefObject } from 'react';
import type { ProductRow } from '../../src-main/contract';
import { ProductPicker, type ProductPickerLabels } from './ProductPicker';
import classes from './ScanBar.module.css';
import { ScanField, type ScanOutcome } from './ScanField';

export interface ScanBarProps {
  scanRef: RefObject<HTMLInputElement | null>;
  onScan: (code: string) => Promise<ScanOutcome>;
  onPick: (product: ProductRow) => void;
  /** Enter on the empty scan field: go to what is still missing. */
  onEmptyEnter: () => void;
  disabled?: boolean;
  /** Changes when a document was posted: the last scan's message no longer applies. */
  resetSignal?: unknown;
  labels: { scan: string; scanPlaceholder: string; picker: ProductPickerLabels };
  /** The screen's keys, shown under the fields: [['Ctrl', 'Enter'], 'post']. */
  hints: readonly (readonly [readonly string[], string])[];
  size?: MantineSize;
}

/**
 * Scan first, search second, for every lines form (receipt, adjustment, sales order): the scan
 * field is where the cursor lives, the product picker is the fallback.
 */
export function ScanBar({ scanRef, onScan, onPick, onEmptyEnter, disabled, resetSignal, labels, hints, size = 'xl' }: ScanBarProps) {
  return (
    <Box className={classes.scanBar} p="md">
      <Group align="flex-start" gap="md" wrap="wrap">
        <Box style={{ flex: '3 1 320px' }}>
          <ScanField
            inputRef={scanRef}
            label={labels.scan}
            placeholder={labels.scanPlaceholder}
            size={size}
            autoFocus
            disabled={disabled}
            onScan={onScan}
            onEmptyEnter={onEmptyEnter}
            resetSignal={resetSignal}
          />
        </Box>
        <Box style={{ flex: '2 1 260px' }}>
          <ProductPicker size={size} disabled={disabled} onPick={onPick} labels={labels.picker} />
        </Box>
      </Group>
      <Group gap="lg" mt="xs" c="dimmed" fz="sm">
        {hints.map(([keys, label]) => (
          <Text span fz="sm" key={label}>
            {keys.map((k, i) => (
              <Fragment key={k}>
                {i > 0 && ' + '}
                <Kbd>{k}</Kbd>
              </Fragment>
            ))}{' '}
            {label}
          </Text>
        ))}
      </Group>
    </Box>
  );
}
