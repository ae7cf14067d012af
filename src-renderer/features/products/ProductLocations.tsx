import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorMessage, errorPayload, fieldIssueMessage, type Translate } from '../../components/errors';

/** One warehouse's bin for the product: typed, saved with Enter or the check button. */
function LocationField({ productId, entry, onSaved }: { productId: string; entry: ProductDetail['locations'][number]; onSaved: () => void }) {
  const { t: rawT } = useTranslation('products');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const [value, setValue] = useState(entry.location ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const changed = value.trim().toUpperCase() !== (entry.location ?? '');

  const save = async () => {
    if (!changed) return;
    setSaving(true);
    setError(null);
    try {
      await getApi()['products.setLocation']({ productId, warehouseId: entry.warehouseId, location: value });
      notifications.show({ color: 'teal', message: t('detail.locationSaved', { warehouse: entry.warehouseName }) });
      onSaved();
    } catch (e) {
      const field = errorPayload(e)?.fields?.find((f) => f.path === 'location');
      setError(field ? fieldIssueMessage(t, field.code, field.params) : errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" w="100%">
      <Text size="sm" w={56} pt={6} truncate style={{ flexShrink: 0 }}>
        {entry.warehouseName}
      </Text>
      <TextInput
        size="sm"
        style={{ flex: 1, minWidth: 96, maxWidth: 160 }}
        value={value}
        placeholder={t('detail.locationPlaceholder')}
        aria-label={t('detail.locationIn', { warehouse: entry.warehouseName })}
        onChange={(e) => setValue(e.currentTarget.value.toUpperCase())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
        error={error}
        data-testid="product-location"
      />
      <Tooltip label={t('detail.locationSave')}>
        <ActionIcon variant="light" size="lg" disabled={!changed} loading={saving} onClick={() => void save()} aria-label={t('detail.locationSave')}>
          <IconCheck size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** Where the product is kept in each warehouse; counts by zone and count sheets use it. */
export function ProductLocations({ product, onSaved }: { product: ProductDetail; onSaved: () => void }) {
  return (
    <>
      {product.locations.map((entry) => (
        <LocationField key={`${entry.warehouseId}:${entry.location ?? ''}`} productId={product.id} entry={entry} onSaved={onSaved} />
      ))}
    </>
  );
}
