import { Anchor, Badge, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CustomerChannel } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate, useLocation } from '../../lib/router';
import { CustomersTabs } from './CustomersTabs';
import { useCustomersText } from './useCustomersText';

const PAGE_SIZE = 50;
export const channels: readonly CustomerChannel[] = ['supermarket', 'convenience', 'restaurant', 'wholesaler'];

function readFilter(query: URLSearchParams): { q: string; channel: CustomerChannel | undefined; page: number } {
  const channel = query.get('channel') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    q: query.get('q') ?? '',
    channel: (channels as readonly string[]).includes(channel) ? (channel as CustomerChannel) : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function CustomersPage() {
  const text = useCustomersText();
  const { t } = text;
  const { query } = useLocation();
  const filter = readFilter(query);
  const [search, setSearch] = useState(filter.q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const write = (next: { q?: string; channel?: CustomerChannel | undefined; page?: number }) => {
    const merged = { ...filter, page: 1, ...next };
    navigate('/customers', { q: merged.q || undefined, channel: merged.channel, page: merged.page > 1 ? String(merged.page) : undefined });
  };
  useEffect(() => {
    if (debounced !== filter.q) write({ q: debounced });
    // Only the debounced text writes the address; the filter it merges into is read fresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const customers = useApiQuery(
    () => getApi()['customers.list']({ q: filter.q, ...(filter.channel ? { channel: filter.channel } : {}), offset: (filter.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [filter.q, filter.channel, filter.page],
    { keepPreviousData: true },
  );
  const pages = customers.data ? Math.max(1, Math.ceil(customers.data.total / PAGE_SIZE)) : 1;
  const filtered = filter.q !== '' || filter.channel !== undefined;

  let body;
  if (customers.error !== undefined && !customers.data) {
    body = <ErrorState error={customers.error} onRetry={customers.reload} />;
  } else if (!customers.data) {
    body = <LoadingState />;
  } else if (customers.data.total === 0) {
    body = filtered ? (
      <EmptyState icon={<IconSearch size={28} />} title={t('list.noMatchTitle')} description={t('list.noMatchText')} />
    ) : (
      <EmptyState icon={<IconUsers size={28} />} title={t('list.emptyTitle')} description={t('list.emptyText')} />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={840}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.code')}</Table.Th>
              <Table.Th>{t('list.name')}</Table.Th>
              <Table.Th>{t('list.channel')}</Table.Th>
              <Table.Th>{t('list.class')}</Table.Th>
              <Table.Th>{t('list.regionSalesperson')}</Table.Th>
              <Table.Th ta="right">{t('list.creditLimit')}</Table.Th>
              <Table.Th ta="right">{t('list.receivable')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customers.data.rows.map((c) => (
              <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/customers/${c.id}`)} data-testid="customer-row">
                <Table.Td>
                  <Anchor href={`#/customers/${c.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm">
                    {c.code}
                  </Anchor>
                </Table.Td>
                <Table.Td miw={180}>
                  <Text size="sm">{c.name}</Text>
                  {(c.contact || c.phone) && (
                    <Text size="xs" c="dimmed">
                      {[c.contact, c.phone].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`channels.${c.channel}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {c.customerClass === 'key' ? (
                    <Text span size="sm" c="grape" fw={600}>
                      {t('classes.key')}
                    </Text>
                  ) : (
                    t('classes.ordinary')
                  )}
                  {!c.active && (
                    <Badge variant="light" color="gray" ml={4}>
                      {t('list.inactive')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{c.region || '—'}</Text>
                  <Text size="xs" c="dimmed">
                    {c.salesperson || '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {c.creditLimitFen === undefined ? '—' : text.money(c.creditLimitFen)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={overLimit(c) ? 600 : undefined} c={overLimit(c) ? 'red' : undefined}>
                  {c.receivableFen === undefined ? '—' : text.money(c.receivableFen)}
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
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} />
      <CustomersTabs active="customers" text={text} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          data-testid="customer-search"
        />
        <Select
          label={t('list.channel')}
          placeholder={t('list.allChannels')}
          data={channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={filter.channel ?? null}
          onChange={(v) => write({ channel: (v ?? undefined) as CustomerChannel | undefined })}
          clearable
          w={200}
        />
        {customers.data && (
          <Text size="sm" c="dimmed" pb={8}>
            {t('list.total', { n: text.number(customers.data.total) })}
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

/** Over its credit limit; unknown (false) for roles that are not sent credit data. */
function overLimit(c: { receivableFen?: number; creditLimitFen?: number }): boolean {
  return c.receivableFen !== undefined && c.creditLimitFen !== undefined && c.receivableFen > c.creditLimitFen;
}
