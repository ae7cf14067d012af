import { CloseButton, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/getApi';
import { localName, toLocale } from '../../components/format';
import { ProductPicker } from '../../components/ProductPicker';
import { useApiQuery } from '../../components/useApiQuery';
import type { CatalogueEntry } from './reportCatalogue';

const ALL = 'all';
const groupings = ['customer', 'product', 'salesperson', 'region', 'month'] as const;
const dimensions = ['product', 'customer', 'supplier', 'reason', 'month'] as const;

interface Props {
  report: CatalogueEntry;
  values: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}

/** The filters one report takes, each written back to the address as it changes. */
export function ReportFilterBar({ report, values, onChange }: Props) {
  const { t, i18n } = useTranslation('reports');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const has = (f: CatalogueEntry['fields'][number]) => report.fields.includes(f);
  const set = (key: string, value: string | null) => onChange({ ...values, [key]: value === null || value === ALL ? '' : value });
  const master = useApiQuery(
    async () => {
      const api = getApi();
      const [warehouses, categories, customers] = await Promise.all([
        has('warehouseId') ? api['master.warehouses']({}) : Promise.resolve([]),
        has('categoryId') ? api['master.categories']({}) : Promise.resolve([]),
        has('customerId') ? api['customers.list']({ limit: 500 }) : Promise.resolve({ rows: [], total: 0 }),
      ]);
      return { warehouses, categories, customers: customers.rows };
    },
    [report.id],
  );
  const product = useApiQuery(() => (values.productId ? getApi()['products.get']({ id: values.productId }) : Promise.resolve(null)), [values.productId]);

  /** A choice of one master-data row, or all of them. */
  const allOrOne = (key: 'warehouseId' | 'categoryId', options: { value: string; label: string }[]) => (
    <Select
      label={t(`filters.${key}`)}
      data={[{ value: ALL, label: t('filters.all') }, ...options]}
      value={values[key] || ALL}
      onChange={(v) => set(key, v)}
      allowDeselect={false}
      w={150}
      data-testid={`filter-${key}`}
    />
  );

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="report-filters">
      {has('asOf') && <TextInput type="date" label={t('filters.asOf')} value={values.asOf ?? ''} onChange={(e) => set('asOf', e.currentTarget.value)} w={160} data-testid="filter-asOf" />}
      {has('period') && (
        <>
          <TextInput type="date" label={t('filters.dateFrom')} value={values.dateFrom ?? ''} max={values.dateTo || undefined} onChange={(e) => set('dateFrom', e.currentTarget.value)} w={160} data-testid="filter-dateFrom" />
          <TextInput type="date" label={t('filters.dateTo')} value={values.dateTo ?? ''} min={values.dateFrom || undefined} onChange={(e) => set('dateTo', e.currentTarget.value)} w={160} data-testid="filter-dateTo" />
        </>
      )}
      {has('groupBy') && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('filters.groupBy')}
          </Text>
          <SegmentedControl aria-label={t('filters.groupBy')} data={groupings.map((g) => ({ value: g, label: t(`groupBy.${g}`) }))} value={values.groupBy ?? 'customer'} onChange={(v) => set('groupBy', v)} data-testid="filter-groupBy" />
        </div>
      )}
      {has('dimension') && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('filters.dimension')}
          </Text>
          <SegmentedControl aria-label={t('filters.dimension')} data={dimensions.map((d) => ({ value: d, label: t(`dimension.${d}`) }))} value={values.dimension ?? 'product'} onChange={(v) => set('dimension', v)} data-testid="filter-dimension" />
        </div>
      )}
      {has('warehouseId') && allOrOne('warehouseId', (master.data?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name })))}
      {has('categoryId') && allOrOne('categoryId', (master.data?.categories ?? []).map((c) => ({ value: c.id, label: localName(locale, c.nameZh, c.nameEn) })))}
      {has('customerId') && (
        <Select
          label={t('filters.customerId')}
          placeholder={t('filters.chooseCustomer')}
          searchable
          clearable={report.id !== 'customerStatement'}
          data={[...(report.id === 'customerStatement' ? [] : [{ value: ALL, label: t('filters.all') }]), ...(master.data?.customers ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))]}
          value={values.customerId || (report.id === 'customerStatement' ? null : ALL)}
          onChange={(v) => set('customerId', v)}
          w={220}
          data-testid="filter-customerId"
        />
      )}
      {has('salesperson') && <TextInput label={t('filters.salesperson')} value={values.salesperson ?? ''} onChange={(e) => set('salesperson', e.currentTarget.value)} w={120} data-testid="filter-salesperson" />}
      {has('region') && <TextInput label={t('filters.region')} value={values.region ?? ''} onChange={(e) => set('region', e.currentTarget.value)} w={120} data-testid="filter-region" />}
      {has('productId') &&
        (values.productId ? (
          <TextInput
            label={t('filters.productId')}
            readOnly
            value={product.data ? `${product.data.sku} ${localName(locale, product.data.nameZh, product.data.nameEn)}` : '…'}
            rightSection={<CloseButton aria-label={t('filters.clearProduct')} onClick={() => set('productId', '')} />}
            w={260}
            data-testid="filter-productId"
          />
        ) : (
          <div style={{ width: 260 }}>
            <ProductPicker
              size="sm"
              onPick={(p) => set('productId', p.id)}
              labels={{ label: t('filters.productId'), placeholder: t('filters.productPlaceholder'), nothingFound: t('filters.nothingFound'), loadFailed: t('filters.loadFailed') }}
              aria-label={t('filters.productId')}
            />
          </div>
        ))}
    </Group>
  );
}
