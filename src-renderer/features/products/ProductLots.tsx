import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPackageOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail } from '../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, toLocale } from '../../components/format';
import { PackQuantity } from '../../components/PackQuantity';
import { expiryColors, expiryStatus, type ExpiryStatus } from './expiryStatus';

function ExpiryBadge({ status }: { status: ExpiryStatus }) {
  const { t } = useTranslation('common');
  switch (status.kind) {
    case 'none':
      return (
        <Text fz="sm" c="dimmed">
          {t('expiry.noExpiry')}
        </Text>
      );
    case 'expired':
      return (
        <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={14} />}>
          {status.days === 0 ? t('expiry.expired') : t('expiry.expiredDaysAgo', { count: status.days })}
        </Badge>
      );
    case 'near':
      return (
        <Badge color="orange" variant="filled">
          {status.days === 0 ? t('expiry.today') : t('expiry.inDays', { count: status.days })}
        </Badge>
      );
    case 'ok':
      return (
        <Text fz="sm" c="dimmed">
          {t('expiry.inDays', { count: status.days })}
        </Text>
      );
  }
}

/** Stock of one product by lot and warehouse, earliest expiry first, near-expiry lots highlighted. */
export function ProductLots({ product, today, nearExpiryDays }: { product: ProductDetail; today: string | null; nearExpiryDays: number }) {
  const { t, i18n } = useTranslation('products');
  const locale = toLocale(i18n.language);
  const lots = product.lots;

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('detail.lots')}</Title>
        {lots.length > 0 && (
          <Text c="dimmed" fz="sm">
            {t('detail.lotsCount', { count: lots.length, n: formatNumber(lots.length, locale) })}
          </Text>
        )}
      </Group>
      {lots.length === 0 ? (
        <EmptyState icon={<IconPackageOff size={28} />} title={t('detail.lotsEmptyTitle')} description={t('detail.lotsEmptyDescription')} minHeight={140} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={600} maxHeight={420}>
            <Table stickyHeader highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('detail.lotCode')}</Table.Th>
                  <Table.Th>{t('detail.expiry')}</Table.Th>
                  <Table.Th>{t('detail.expiryStatus')}</Table.Th>
                  <Table.Th>{t('detail.productionDate')}</Table.Th>
                  <Table.Th>{t('detail.warehouse')}</Table.Th>
                  <Table.Th ta="right">{t('detail.qty')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lots.map((lot) => {
                  const status = expiryStatus(lot.expiryDate, today, nearExpiryDays);
                  const color = expiryColors[status.kind];
                  return (
                    <Table.Tr key={`${lot.lotId}:${lot.warehouseId}`} bg={color ? `${color}.0` : undefined} data-expiry={status.kind}>
                      <Table.Td ff="monospace">{lot.lotCode || <Text span c="dimmed">{t('detail.noLot')}</Text>}</Table.Td>
                      <Table.Td fw={color ? 700 : undefined} c={color ? `${color}.9` : undefined}>
                        {formatDate(lot.expiryDate, locale)}
                      </Table.Td>
                      <Table.Td>
                        <ExpiryBadge status={status} />
                      </Table.Td>
                      <Table.Td>{formatDate(lot.productionDate, locale)}</Table.Td>
                      <Table.Td>{lot.warehouseName}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        <PackQuantity qty={lot.qty} units={product.units} locale={locale} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text fz="xs" c="dimmed" mt="xs">
            {t('detail.nearExpiryLegend', { days: nearExpiryDays })}
          </Text>
        </>
      )}
    </Paper>
  );
}
