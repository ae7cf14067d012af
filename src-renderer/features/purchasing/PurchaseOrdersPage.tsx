import { Anchor, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch, IconTruckDelivery } from '@tabler/icons-react';
import type { PurchaseOrderStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { choiceFilter, dateFilter, textFilter, useUrlFilters } from '../../components/useUrlFilters';
import { navigate } from '../../lib/router';
import { PurchaseStatusBadge } from './PurchaseStatusBadge';
import { usePurchasingText } from './usePurchasingText';

const PAGE_SIZE = 50;
const statuses: readonly PurchaseOrderStatus[] = ['draft', 'sent', 'partly_received', 'received', 'closed', 'cancelled'];
type Filter = 'open' | 'all' | PurchaseOrderStatus;
const filterSpecs = {
  status: choiceFilter(['open', 'all', ...statuses], 'open'),
  supplier: textFilter,
  from: dateFilter,
  to: dateFilter,
  q: textFilter,
};

/** Purchase orders: open ones first, by status, supplier and order date, searchable by number or supplier. */
export function PurchaseOrdersPage() {
  const text = usePurchasingText();
  const { t } = text;
  const { values, page, write, draft, setDraft, filtered } = useUrlFilters('/purchasing', filterSpecs, ['q']);
  const filter = { status: values.status as Filter, supplierId: values.supplier, from: values.from, to: values.to, q: values.q, page };

  const suppliers = useApiQuery(() => getApi()['purchasing.suppliers']({}), []);
  const orders = useApiQuery(
    () =>
      getApi()['purchasing.list']({
        ...(filter.status === 'all' ? {} : { status: filter.status }),
        ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        q: filter.q,
        offset: (filter.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filter.status, filter.supplierId, filter.from, filter.to, filter.page, filter.q],
    { keepPreviousData: true },
  );
  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.total / PAGE_SIZE)) : 1;
  const newOrder = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/purchasing/new')} data-testid="new-po">
      {t('list.newOrder')}
    </Button>
  );

  const body = (
    <QueryBody
      query={orders}
      isEmpty={(data) => data.total === 0}
      empty={
        <EmptyState
          icon={<IconTruckDelivery size={28} />}
          title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
          description={filtered ? t('list.noMatchText') : t('list.emptyText')}
          action={newOrder}
        />
      }
    >
      {(data) => (
        <Table.ScrollContainer minWidth={820}>
          <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.docNo')}</Table.Th>
                <Table.Th>{t('list.supplier')}</Table.Th>
                <Table.Th>{t('list.status')}</Table.Th>
                <Table.Th>{t('list.orderDate')}</Table.Th>
                <Table.Th>{t('list.expected')}</Table.Th>
                <Table.Th ta="right">{t('list.lines')}</Table.Th>
                <Table.Th ta="right">{t('list.received')}</Table.Th>
                <Table.Th ta="right">{t('list.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((row) => (
                <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/purchasing/${row.id}`)} data-testid="po-row">
                  <Table.Td>
                    <Anchor href={`#/purchasing/${row.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {row.docNo}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {row.supplierName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {row.supplierCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PurchaseStatusBadge status={row.status} text={text} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(row.orderDate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(row.expectedDate)}</Table.Td>
                  <Table.Td ta="right">{text.number(row.lineCount)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {text.number(row.receivedQty)} / {text.number(row.totalQty)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {text.money(row.totalValueFen)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryBody>
  );

  return (
    <Stack gap="md">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={newOrder} />
      <Group gap="md" wrap="wrap" align="flex-end">
        <Select
          aria-label={t('list.status')}
          data={[
            { value: 'open', label: t('list.filter.open') },
            { value: 'all', label: t('list.filter.all') },
            ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
          value={filter.status}
          allowDeselect={false}
          onChange={(v) => write({ status: (v ?? 'open') as Filter })}
          w={170}
          data-testid="po-status-filter"
        />
        <Select
          aria-label={t('list.supplier')}
          placeholder={t('list.allSuppliers')}
          data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          value={filter.supplierId || null}
          onChange={(v) => write({ supplier: v ?? '' })}
          clearable
          searchable
          w={240}
        />
        <TextInput type="date" aria-label={t('list.from')} value={filter.from} onChange={(e) => write({ from: e.currentTarget.value })} w={170} />
        <TextInput type="date" aria-label={t('list.to')} value={filter.to} onChange={(e) => write({ to: e.currentTarget.value })} w={170} />
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.search')}
          value={draft('q')}
          onChange={(e) => setDraft('q', e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
        />
        {orders.data && (
          <Text c="dimmed" size="sm">
            {t('list.count', { count: orders.data.total })}
          </Text>
        )}
      </Group>
      <Paper withBorder radius="md" p={0}>
        {body}
      </Paper>
      {pages > 1 && <Pagination total={pages} value={filter.page} onChange={(p) => write({ page: p })} />}
    </Stack>
  );
}
