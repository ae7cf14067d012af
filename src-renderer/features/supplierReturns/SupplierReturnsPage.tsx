import { Anchor, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconSearch } from '@tabler/icons-react';
import type { SupplierReturnStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { choiceFilter, dateFilter, textFilter, useUrlFilters } from '../../components/useUrlFilters';
import { navigate } from '../../lib/router';
import { SupplierReturnStatusBadge } from './SupplierReturnStatusBadge';
import { useSupplierReturnText } from './useSupplierReturnText';

const PAGE_SIZE = 50;
const statuses: readonly SupplierReturnStatus[] = ['draft', 'sent', 'accepted', 'credited', 'rejected', 'cancelled'];
type Filter = 'open' | 'all' | SupplierReturnStatus;
const filterSpecs = {
  status: choiceFilter(['open', 'all', ...statuses], 'open'),
  supplier: textFilter,
  from: dateFilter,
  to: dateFilter,
  q: textFilter,
};

/** Supplier returns with their claims: open ones first, by status, supplier and date. */
export function SupplierReturnsPage() {
  const text = useSupplierReturnText();
  const { t } = text;
  const { values, page, write, draft, setDraft, filtered } = useUrlFilters('/returns/supplier', filterSpecs, ['q']);
  const filters = { status: values.status as Filter, supplierId: values.supplier, from: values.from, to: values.to, q: values.q, page };

  const suppliers = useApiQuery(() => getApi()['master.suppliers']({}), []);
  const returns = useApiQuery(
    () =>
      getApi()['supplierReturns.list']({
        ...(filters.status === 'all' ? {} : { status: filters.status }),
        ...(filters.supplierId ? { supplierId: filters.supplierId } : {}),
        ...(filters.from ? { dateFrom: filters.from } : {}),
        ...(filters.to ? { dateTo: filters.to } : {}),
        q: filters.q,
        offset: (filters.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filters.status, filters.supplierId, filters.from, filters.to, filters.q, filters.page],
    { keepPreviousData: true },
  );
  const pages = returns.data ? Math.max(1, Math.ceil(returns.data.total / PAGE_SIZE)) : 1;
  const newReturn = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/returns/supplier/new')} data-testid="new-supplier-return">
      {t('list.newReturn')}
    </Button>
  );

  let body;
  if (returns.error !== undefined && !returns.data) {
    body = <ErrorState error={returns.error} onRetry={returns.reload} />;
  } else if (!returns.data) {
    body = <LoadingState />;
  } else if (returns.data.total === 0) {
    body = (
      <EmptyState
        icon={<IconArrowBackUp size={28} />}
        title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
        description={filtered ? t('list.noMatchText') : t('list.emptyText')}
        action={newReturn}
      />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={780}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.docNo')}</Table.Th>
              <Table.Th>{t('list.supplier')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th>{t('list.date')}</Table.Th>
              <Table.Th ta="right">{t('list.qty')}</Table.Th>
              <Table.Th ta="right">{t('list.claim')}</Table.Th>
              <Table.Th ta="right">{t('list.credited')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {returns.data.rows.map((row) => (
              <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/returns/supplier/${row.id}`)} data-testid="supplier-return-row">
                <Table.Td>
                  <Anchor href={`#/returns/supplier/${row.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {row.docNo}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.warehouseName}
                  </Text>
                </Table.Td>
                <Table.Td style={{ minWidth: 150 }}>
                  <Text size="sm" fw={600}>
                    {row.supplierName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.supplierCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SupplierReturnStatusBadge status={row.status} text={text} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(row.businessDate)}</Table.Td>
                <Table.Td ta="right">{text.number(row.qty)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {text.money(row.claimFen)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {row.status === 'credited' ? text.money(row.creditedFen) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={newReturn} />
      <Group gap="md" wrap="wrap" align="flex-end">
        <Select
          label={t('list.status')}
          data={[
            { value: 'open', label: t('list.filter.open') },
            { value: 'all', label: t('list.filter.all') },
            ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
          value={filters.status}
          allowDeselect={false}
          onChange={(v) => write({ status: v ?? 'open' })}
          w={170}
          data-testid="status-filter"
        />
        <Select
          label={t('list.supplier')}
          placeholder={t('list.allSuppliers')}
          data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          value={filters.supplierId || null}
          onChange={(v) => write({ supplier: v ?? '' })}
          clearable
          searchable
          w={240}
          data-testid="supplier-filter"
        />
        <TextInput type="date" label={t('list.dateFrom')} value={filters.from} onChange={(e) => write({ from: e.currentTarget.value })} w={160} data-testid="date-from" />
        <TextInput type="date" label={t('list.dateTo')} value={filters.to} onChange={(e) => write({ to: e.currentTarget.value })} w={160} data-testid="date-to" />
        <TextInput
          leftSection={<IconSearch size={16} />}
          label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          value={draft('q')}
          onChange={(e) => setDraft('q', e.currentTarget.value)}
          style={{ flex: '1 1 200px', maxWidth: 320 }}
          data-testid="supplier-return-search"
        />
        {returns.data && (
          <Text c="dimmed" size="sm" pb={8}>
            {t('list.count', { count: returns.data.total })}
          </Text>
        )}
      </Group>
      <Paper withBorder radius="md" p={0}>
        {body}
      </Paper>
      {pages > 1 && <Pagination total={pages} value={filters.page} onChange={(p) => write({ page: p })} />}
    </Stack>
  );
}
