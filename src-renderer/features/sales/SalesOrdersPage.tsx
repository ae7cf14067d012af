import { Anchor, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconShoppingCart } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SalesOrderStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate, useLocation } from '../../lib/router';
import classes from './sales.module.css';
import { SalesStatusBadge } from './SalesStatusBadge';
import { useSalesText } from './useSalesText';

const PAGE_SIZE = 50;
const statuses: readonly SalesOrderStatus[] = ['quote', 'pending_approval', 'confirmed', 'allocated', 'partly_delivered', 'delivered', 'invoiced', 'paid', 'closed', 'cancelled'];
type Filter = 'open' | 'all' | SalesOrderStatus;

function readFilter(query: URLSearchParams): { status: Filter; page: number; q: string } {
  const status = query.get('status') ?? 'open';
  const page = Number(query.get('page') ?? '1');
  return {
    status: status === 'all' || (statuses as readonly string[]).includes(status) ? (status as Filter) : 'open',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    q: query.get('q') ?? '',
  };
}

/** The sales desk's orders: open ones first, by status, searchable by customer or order number. */
export function SalesOrdersPage() {
  const text = useSalesText();
  const { t } = text;
  const { query } = useLocation();
  const filter = readFilter(query);
  const [search, setSearch] = useState(filter.q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const write = (next: Partial<{ status: Filter; page: number; q: string }>) => {
    const f = { ...filter, page: 1, ...next };
    navigate('/sales', { status: f.status === 'open' ? undefined : f.status, q: f.q || undefined, page: f.page > 1 ? String(f.page) : undefined });
  };
  useEffect(() => {
    if (debounced !== filter.q) write({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const orders = useApiQuery(
    () =>
      getApi()['sales.list']({
        ...(filter.status === 'all' ? {} : { status: filter.status }),
        q: filter.q,
        offset: (filter.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filter.status, filter.page, filter.q],
    { keepPreviousData: true },
  );
  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.total / PAGE_SIZE)) : 1;
  const newOrder = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/sales/new')} data-testid="new-order">
      {t('list.newOrder')}
    </Button>
  );

  let body;
  if (orders.error !== undefined && !orders.data) {
    body = <ErrorState error={orders.error} onRetry={orders.reload} />;
  } else if (!orders.data) {
    body = <LoadingState />;
  } else if (orders.data.total === 0) {
    const filtered = filter.q !== '' || filter.status !== 'open';
    body = (
      <EmptyState
        icon={<IconShoppingCart size={28} />}
        title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
        description={filtered ? t('list.noMatchText') : t('list.emptyText')}
        action={newOrder}
      />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={820}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.docNo')}</Table.Th>
              <Table.Th>{t('list.customer')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th>{t('list.date')}</Table.Th>
              <Table.Th>{t('list.requested')}</Table.Th>
              <Table.Th>{t('list.salesperson')}</Table.Th>
              <Table.Th ta="right">{t('list.lines')}</Table.Th>
              <Table.Th ta="right">{t('list.gross')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.data.rows.map((row) => (
              <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/sales/${row.id}`)} data-testid="order-row">
                <Table.Td>
                  <Anchor href={`#/sales/${row.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" className={classes.nowrap}>
                    {row.docNo}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.customerName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.customerCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SalesStatusBadge status={row.status} text={text} />
                </Table.Td>
                <Table.Td className={classes.nowrap}>{text.date(row.businessDate)}</Table.Td>
                <Table.Td className={classes.nowrap}>{row.requestedDate ? text.date(row.requestedDate) : '—'}</Table.Td>
                <Table.Td>{row.salesperson || '—'}</Table.Td>
                <Table.Td ta="right">{text.number(row.lineCount)}</Table.Td>
                <Table.Td className={classes.amount}>{text.money(row.grossFen)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={newOrder} />
      <Group gap="md" wrap="wrap">
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
          w={200}
          data-testid="status-filter"
        />
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 260px', maxWidth: 420 }}
          data-testid="order-search"
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
