import { ActionIcon, Anchor, Badge, DataList, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconBarcode, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorCode, recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatBasisPoints, formatMoney, formatNumber, formatQuantity, localName, otherName, toLocale, type Locale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { defaultNearExpiryDays, useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';
import { ProductLocations } from './ProductLocations';
import { ProductLots } from './ProductLots';
import { ProductMovements } from './ProductMovements';

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text c="dimmed" fz="sm" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text c="dimmed" fz="sm">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function baseUnitName(product: ProductDetail, locale: Locale): string {
  const base = product.units.find((u) => u.factor === 1);
  if (!base) return product.baseUnitCode;
  return locale === 'zh-CN' ? base.nameZh || base.code : base.nameEn || base.code;
}

function ProductView({ product, scannedUnit, onRefresh, refreshing }: { product: ProductDetail; scannedUnit: string | null; onRefresh: () => void; refreshing: boolean }) {
  const { t, i18n } = useTranslation('products');
  const locale = toLocale(i18n.language);
  const { info, settings } = useAppInfo();
  const nearExpiryDays = settings?.nearExpiryDays ?? defaultNearExpiryDays;
  const name = localName(locale, product.nameZh, product.nameEn);
  const other = otherName(locale, product.nameZh, product.nameEn);
  const baseName = baseUnitName(product, locale);
  const largest = [...product.units].sort((a, b) => b.factor - a.factor)[0];
  const units = [...product.units].sort((a, b) => a.factor - b.factor);

  return (
    <Stack gap="md">
      <PageHeader
        title={name}
        documentTitle={`${product.sku} ${name}`}
        subtitle={
          <>
            {other && <>{other} · </>}
            <Text span ff="monospace">
              {product.sku}
            </Text>
          </>
        }
        backTo="/products"
        backLabel={t('detail.back')}
        badges={
          <>
            {product.active ? (
              <Badge color="teal" variant="light" size="lg">
                {t('common:status.active')}
              </Badge>
            ) : (
              <Badge color="gray" variant="filled" size="lg">
                {t('common:status.inactive')}
              </Badge>
            )}
            {product.lotTracked && (
              <Badge color="blue" variant="light" size="lg">
                {t('detail.lotTrackedBadge')}
              </Badge>
            )}
          </>
        }
        actions={
          <Tooltip label={t('common:actions.refresh')}>
            <ActionIcon variant="default" size="lg" onClick={onRefresh} loading={refreshing} aria-label={t('common:actions.refresh')}>
              <IconRefresh size={20} />
            </ActionIcon>
          </Tooltip>
        }
      />

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stat
          label={t('detail.onHand')}
          value={formatQuantity(product.onHand, product.units, locale)}
          hint={product.units.length > 1 ? `= ${formatNumber(product.onHand, locale)} ${baseName}` : undefined}
        />
        <Stat label={t('detail.value')} value={formatMoney(product.valueFen, locale)} />
        <Stat
          label={t('detail.averageCost')}
          value={
            product.averageUnitCostFen === null ? (
              <Text span c="dimmed" fz={22}>
                {t('detail.noCost')}
              </Text>
            ) : (
              <>
                {formatMoney(product.averageUnitCostFen, locale)}
                <Text span fz="md" c="dimmed" fw={500}>
                  {' '}
                  {t('detail.perUnit', { unit: baseName })}
                </Text>
              </>
            )
          }
          hint={
            product.averageUnitCostFen !== null && largest && largest.factor > 1
              ? `${formatMoney(product.averageUnitCostFen * largest.factor, locale)} ${t('detail.perUnit', {
                  unit: locale === 'zh-CN' ? largest.nameZh : largest.nameEn,
                })}`
              : undefined
          }
        />
      </SimpleGrid>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={3} mb="sm">
              {t('detail.facts')}
            </Title>
            <DataList withDivider labelWidth={110} size="md">
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.sku')}</DataList.ItemLabel>
                <DataList.ItemValue ff="monospace">{product.sku}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.category')}</DataList.ItemLabel>
                <DataList.ItemValue>{localName(locale, product.categoryZh, product.categoryEn) || '—'}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.brand')}</DataList.ItemLabel>
                <DataList.ItemValue>{product.brand || '—'}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.baseUnit')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {baseName} <Text span c="dimmed" ff="monospace" fz="sm">({product.baseUnitCode})</Text>
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.shelfLife')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {product.shelfLifeDays === null ? t('detail.noShelfLife') : t('common:units.days', { count: product.shelfLifeDays })}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.taxRate')}</DataList.ItemLabel>
                <DataList.ItemValue>{formatBasisPoints(product.taxRateBp, locale)}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.lotTracked')}</DataList.ItemLabel>
                <DataList.ItemValue>{product.lotTracked ? t('common:status.yes') : t('common:status.no')}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('detail.location')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  <ProductLocations product={product} onSaved={onRefresh} />
                </DataList.ItemValue>
              </DataList.Item>
            </DataList>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={3} mb="sm">
              {t('detail.units')}
            </Title>
            <Table.ScrollContainer minWidth={480}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('detail.unitCode')}</Table.Th>
                    <Table.Th>{t('detail.unitName')}</Table.Th>
                    <Table.Th ta="right">{t('detail.unitFactor')}</Table.Th>
                    <Table.Th>{t('detail.unitBarcode')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {units.map((u) => {
                    const scanned = scannedUnit === u.code;
                    return (
                      <Table.Tr key={u.code} bg={scanned ? 'var(--mantine-primary-color-light)' : undefined}>
                        <Table.Td ff="monospace">{u.code}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {locale === 'zh-CN' ? u.nameZh : u.nameEn}
                          <Text span c="dimmed" fz="sm">
                            {' '}
                            / {locale === 'zh-CN' ? u.nameEn : u.nameZh}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {u.factor === 1 ? t('common:units.baseUnit') : `${formatNumber(u.factor, locale)} ${baseName}`}
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Text ff="monospace" fz="sm" c={u.barcode ? undefined : 'dimmed'}>
                              {u.barcode ?? t('detail.noBarcode')}
                            </Text>
                            {scanned && (
                              <Badge size="sm" leftSection={<IconBarcode size={12} />}>
                                {t('detail.scannedUnit')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </Grid.Col>
      </Grid>

      <ProductLots product={product} today={info.today} nearExpiryDays={nearExpiryDays} />
      <ProductMovements product={product} timeZone={info.branch?.timeZone} />
    </Stack>
  );
}

/** '/products/:id': one product — names, units, lots with expiry, value and its movement history. */
export function ProductDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation('products');
  const id = params.id ?? '';
  const { query } = useLocation();
  const product = useApiQuery(() => getApi()['products.get']({ id }), [id]);

  // Esc goes back to the list (the search and selection are remembered there).
  useHotkeys([['Escape', () => navigate('/products')]]);

  if (product.data) {
    return <ProductView product={product.data} scannedUnit={query.get('unit')} onRefresh={product.reload} refreshing={product.loading} />;
  }
  if (product.error) {
    const error = recordLoadError(product.error, 'product');
    const missing = errorCode(error) === 'NOT_FOUND';
    return (
      <Stack gap="md">
        <PageHeader title={t('list.title')} backTo="/products" backLabel={t('detail.back')} />
        <ErrorState
          error={error}
          title={missing ? t('detail.notFound') : t('detail.loadFailed')}
          onRetry={missing ? undefined : product.reload}
          actions={
            <Anchor href="#/products">
              <Group gap={4} component="span">
                <IconArrowLeft size={16} />
                {t('detail.back')}
              </Group>
            </Anchor>
          }
        />
      </Stack>
    );
  }
  return <LoadingState minHeight={320} />;
}
