import { Anchor, Button, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowsExchange, IconPlus, IconSearch } from '@tabler/icons-react';
import type { TransferDirection, TransferStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { choiceFilter, dateFilter, textFilter, useUrlFilters } from '../../components/useUrlFilters';
import { navigate } from '../../lib/router';
import { TransferStatusBadge } from './TransferStatusBadge';
import { useTransfersText } from './useTransfersText';

const PAGE_SIZE = 50;
const statuses: readonly TransferStatus[] = ['draft', 'sent', 'received', 'closed', 'cancelled'];
const directions: readonly TransferDirection[] = ['internal', 'out', 'in'];
type Filter = 'open' | 'all' | TransferStatus;
const filterSpecs = {
  status: choiceFilter(['open', 'all', ...statuses], 'open'),
  direction: choiceFilter(['', ...directions], ''),
  other: textFilter,
  from: dateFilter,
  to: dateFilter,
  q: textFilter,
};

/** Stock transfers, open ones first, with what is in transit out of and into this branch. */
export function TransfersPage() {
  const text = useTransfersText();
  const { t } = text;
  const { values, page, write, draft, setDraft, filtered } = useUrlFilters('/transfers', filterSpecs, ['q', 'other']);
  const filters = {
    status: values.status as Filter,
    direction: values.direction as TransferDirection | '',
    other: values.other,
    from: values.from,
    to: values.to,
    q: values.q,
    page,
  };

  const transit = useApiQuery(() => getApi()['transfers.inTransit']({}), []);
  const list = useApiQuery(
    () =>
      getApi()['transfers.list']({
        ...(filters.status === 'all' ? {} : { status: filters.status }),
        ...(filters.direction ? { direction: filters.direction } : {}),
        other: filters.other,
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        q: filters.q,
        offset: (filters.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filters.status, filters.direction, filters.other, filters.from, filters.to, filters.q, filters.page],
    { keepPreviousData: true },
  );
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const newTransfer = (
    <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/transfers/new')} data-testid="new-transfer">
      {t('list.newTransfer')}
    </Button>
  );

  let body;
  if (list.error !== undefined && !list.data) {
    body = <ErrorState error={list.error} onRetry={list.reload} />;
  } else if (!list.data) {
    body = <LoadingState />;
  } else if (list.data.total === 0) {
    body = (
      <EmptyState
        icon={<IconArrowsExchange size={28} />}
        title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
        description={filtered ? t('list.noMatchText') : t('list.emptyText')}
        action={newTransfer}
      />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={800}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.docNo')}</Table.Th>
              <Table.Th>{t('list.from')}</Table.Th>
              <Table.Th>{t('list.to')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th>{t('list.date')}</Table.Th>
              <Table.Th ta="right">{t('list.qty')}</Table.Th>
              <Table.Th ta="right">{t('list.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.rows.map((row) => (
              <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/transfers/${row.id}`)} data-testid="transfer-row">
                <Table.Td>
                  <Anchor href={`#/transfers/${row.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {row.docNo}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`list.directions.${row.direction}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.fromWarehouseName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.fromBranchCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {row.toWarehouseName || t('list.chooseWarehouse')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.toBranchCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TransferStatusBadge status={row.status} text={text} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(row.businessDate)}</Table.Td>
                <Table.Td ta="right">
                  {text.number(row.totalQty)}
                  {row.receivedQty !== null && row.receivedQty !== row.totalQty && (
                    <Text size="xs" c="orange">
                      {t('list.received')} {text.number(row.receivedQty)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {row.status === 'draft' || row.status === 'cancelled' ? '—' : text.money(row.totalValueFen)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  const figures = (f: { transfers: number; qty: number; valueFen: number }) => t('list.transitFigures', { count: f.transfers, qty: text.number(f.qty), value: text.money(f.valueFen) });
  return (
    <Stack gap="md">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={newTransfer} />
      {transit.data && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Paper withBorder radius="md" p="sm" data-testid="transit-outgoing">
            <Text size="xs" c="dimmed">
              {t('list.inTransit')} · {t('list.outgoing')}
            </Text>
            <Text fw={600}>{figures(transit.data.outgoing)}</Text>
          </Paper>
          <Paper withBorder radius="md" p="sm" data-testid="transit-incoming">
            <Text size="xs" c="dimmed">
              {t('list.inTransit')} · {t('list.incoming')}
            </Text>
            <Text fw={600}>{figures(transit.data.incoming)}</Text>
          </Paper>
        </SimpleGrid>
      )}
      <Group gap="md" wrap="wrap" align="flex-end">
        <Select
          label={t('list.status')}
          data={[{ value: 'open', label: t('list.filter.open') }, { value: 'all', label: t('list.filter.all') }, ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          value={filters.status}
          allowDeselect={false}
          onChange={(v) => write({ status: (v ?? 'open') as Filter })}
          w={150}
          data-testid="status-filter"
        />
        <Select
          label={t('list.direction')}
          data={[{ value: '', label: t('list.directions.all') }, ...directions.map((d) => ({ value: d, label: t(`list.directions.${d}`) }))]}
          value={filters.direction}
          allowDeselect={false}
          onChange={(v) => write({ direction: (v ?? '') as TransferDirection | '' })}
          w={170}
          data-testid="direction-filter"
        />
        <TextInput label={t('list.other')} placeholder={t('list.otherPlaceholder')} value={draft('other')} onChange={(e) => setDraft('other', e.currentTarget.value)} w={180} data-testid="other-filter" />
        <TextInput type="date" label={t('list.dateFrom')} value={filters.from} onChange={(e) => write({ from: e.currentTarget.value })} w={150} data-testid="date-from" />
        <TextInput type="date" label={t('list.dateTo')} value={filters.to} onChange={(e) => write({ to: e.currentTarget.value })} w={150} data-testid="date-to" />
        <TextInput
          leftSection={<IconSearch size={16} />}
          label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          value={draft('q')}
          onChange={(e) => setDraft('q', e.currentTarget.value)}
          style={{ flex: '1 1 160px', maxWidth: 260 }}
          data-testid="transfer-search"
        />
        {list.data && (
          <Text c="dimmed" size="sm" pb={8}>
            {t('list.count', { count: list.data.total })}
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
