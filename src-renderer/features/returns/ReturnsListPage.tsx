import { Anchor, Badge, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowBackUp, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CustomerReturnStatus } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate, useLocation } from '../../lib/router';
import { ReturnStatusBadge } from './ReturnStatusBadge';
import { useReturnsText } from './useReturnsText';

const PAGE_SIZE = 50;
const statuses: readonly CustomerReturnStatus[] = ['pending_approval', 'approved', 'received', 'inspected', 'settled', 'rejected', 'cancelled'];
const ALL = 'all';
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

interface Filter {
  status: CustomerReturnStatus | typeof ALL;
  q: string;
  from: string;
  to: string;
  page: number;
}

function readFilter(query: URLSearchParams): Filter {
  const status = query.get('status') ?? ALL;
  const page = Number(query.get('page') ?? '1');
  const date = (key: string) => {
    const v = query.get(key) ?? '';
    return isoDate.test(v) ? v : '';
  };
  return {
    status: (statuses as readonly string[]).includes(status) ? (status as CustomerReturnStatus) : ALL,
    q: query.get('q') ?? '',
    from: date('from'),
    to: date('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** '/returns': customer returns by status, date and customer or number, newest first. */
export function ReturnsListPage() {
  const text = useReturnsText();
  const { t } = text;
  const { query } = useLocation();
  const filter = readFilter(query);
  const [search, setSearch] = useState(filter.q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const write = (next: Partial<Filter>) => {
    const f = { ...filter, page: 1, ...next };
    navigate('/returns', {
      status: f.status === ALL ? undefined : f.status,
      q: f.q || undefined,
      from: f.from || undefined,
      to: f.to || undefined,
      page: f.page > 1 ? String(f.page) : undefined,
    });
  };
  useEffect(() => {
    if (debounced !== filter.q) write({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const returns = useApiQuery(
    () =>
      getApi()['returns.list']({
        ...(filter.status === ALL ? {} : { status: filter.status }),
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        q: filter.q,
        offset: (filter.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filter.status, filter.page, filter.q, filter.from, filter.to],
    { keepPreviousData: true },
  );
  const pages = returns.data ? Math.max(1, Math.ceil(returns.data.total / PAGE_SIZE)) : 1;
  const actions = (
    <Group gap="sm">
      <Button variant="default" leftSection={<IconAlertTriangle size={18} />} onClick={() => navigate('/returns/recall')} data-testid="recall">
        {t('list.recall')}
      </Button>
      <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/returns/new')} data-testid="new-return">
        {t('list.newReturn')}
      </Button>
    </Group>
  );

  let body;
  if (returns.error !== undefined && !returns.data) {
    body = <ErrorState error={returns.error} onRetry={returns.reload} />;
  } else if (!returns.data) {
    body = <LoadingState />;
  } else if (returns.data.total === 0) {
    const filtered = filter.q !== '' || filter.status !== ALL || filter.from !== '' || filter.to !== '';
    body = (
      <EmptyState
        icon={<IconArrowBackUp size={28} />}
        title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}
        description={filtered ? t('list.noMatchText') : t('list.emptyText')}
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
              <Table.Th>{t('list.delivery')}</Table.Th>
              <Table.Th ta="right">{t('list.lines')}</Table.Th>
              <Table.Th ta="right">{t('list.gross')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {returns.data.rows.map((row) => (
              <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/returns/${row.id}`)} data-testid="return-row">
                <Table.Td>
                  <Anchor href={`#/returns/${row.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {row.docNo}
                  </Anchor>
                  {row.recall && (
                    <Badge ml="xs" color="red" variant="outline" size="sm">
                      {t('list.recallTag')}
                    </Badge>
                  )}
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
                  <ReturnStatusBadge status={row.status} text={text} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(row.businessDate)}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {row.deliveryNo ?? '—'}
                </Table.Td>
                <Table.Td ta="right">{text.number(row.lineCount)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {text.money(row.grossFen)}
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
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={actions} />
      <Group gap="md" wrap="wrap" align="flex-end">
        <Select
          label={t('list.status')}
          data={[{ value: ALL, label: t('list.all') }, ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          value={filter.status}
          allowDeselect={false}
          onChange={(v) => write({ status: (v ?? ALL) as Filter['status'] })}
          w={180}
          data-testid="status-filter"
        />
        <TextInput type="date" label={t('list.from')} value={filter.from} onChange={(e) => write({ from: e.currentTarget.value })} w={160} data-testid="from-filter" />
        <TextInput type="date" label={t('list.to')} value={filter.to} onChange={(e) => write({ to: e.currentTarget.value })} w={160} data-testid="to-filter" />
        <TextInput
          label={t('list.search')}
          leftSection={<IconSearch size={16} />}
          placeholder={t('list.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          data-testid="return-search"
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
      {pages > 1 && <Pagination total={pages} value={filter.page} onChange={(p) => write({ page: p })} />}
    </Stack>
  );
}
