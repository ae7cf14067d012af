import { Text } from '@mantine/core';
import type { PurchasingText } from './usePurchasingText';

/** A line's product as the purchasing tables show it: name in the current language, SKU under it. */
export function ProductCell({ line, text }: { line: { sku: string; nameZh: string; nameEn: string }; text: PurchasingText }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {text.name(line)}
      </Text>
      <Text size="xs" c="dimmed">
        {line.sku}
      </Text>
    </>
  );
}
