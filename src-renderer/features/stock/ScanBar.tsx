import { productPickerLabels } from '../../components/ProductPicker';
import type { ScanBarProps } from '../../components/ScanBar';
import { ScanBar as SharedScanBar } from '../../components/ScanBar';
import { useStockText } from './useStockText';

/** The stock forms' scan bar: the shared one with the stock screens' words and keys. */
export function ScanBar(props: Omit<ScanBarProps, 'labels' | 'hints'>) {
  const { t } = useStockText();
  return (
    <SharedScanBar
      {...props}
      labels={{
        scan: t('scan.label'),
        scanPlaceholder: t('scan.placeholder'),
        picker: productPickerLabels(t),
      }}
      hints={[
        [['F2'], t('keys.scan')],
        [['Enter'], t('keys.next')],
        [['Ctrl', 'Enter'], t('keys.post')],
      ]}
    />
  );
}
