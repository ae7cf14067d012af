import { Anchor, Button, Group, Pagination, Paper, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconClipboardCheck, IconPlus } from '@tabler/icons-react';
import type { CountRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';
import { CountStatusBadge } from './CountStatusBadge';
import { useCountsText } from './useCountsText';

const PAGE_SIZE = 50;
const filters = ['open', 'posted', 'cancelled', 'all'] as const;
type Filter = (typeof filters)[number];

function readFilter(query: URLSearchParams): { status: Filter; page: number } {
  const status = query.get('status') ?? 'open';
  const page = Number(query.get('page') ?? '1');
  return {
    status: (filters as readonly string[]).includes(status) ? (status as Filter) : 'open',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Where a count opens: the scanner screen while counting, the review otherwise. */
export function countHref(row: Pick<CountRow, 'id' | 'status'>): string {
  return row.status === 'counting' ? `/counts/${row.id}/count` : `/counts/${row.id}`;
}

export function CountsPage() {
  const text = useCountsText();
  const { t } = text;
  const { info } = useAppInfo();
  const { query } = useLocation();
  const filter = readFilter(query);
  const counts = useApiQuery(
    () =>
      getApi()['counts.list']({
        ...(filter.status === 'all' ? {} : { status: filter.status }),
        offset: (filter.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [filter.status, filter.page],
  );
  const write = (status: Filter, page = 1) => navigate('/counts', { status: status === 'open' ? undefined : status, page: page > 1 ? String(page) : undefined });
  const pages = counts.data ? Math.max(1, Math.ceil(counts.data.total / PAGE_SIZE)) : 1;

  let body;
  if (counts.error !== undefined && !counts.data) {
    body = <ErrorState error={counts.error} onRetry={counts.reload} />;
  } else if (!counts.data) {
    body = <LoadingState />;
  } else if (counts.data.total === 0) {
    body = (
      <EmptyState
        icon={<IconClipboardCheck size={28} />}
        title={filter.status === 'open' || filter.status === 'all' ? t('list.emptyTitle') : t('list.noMatchTitle')}
        description={t('list.emptyText')}
        action={
          <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/counts/new')}>
            {t('list.newCount')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.docNo')}</Table.Th>
              <Table.Th>{t('list.warehouse')}</Table.Th>
              <Table.Th>{t('list.scope')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th w={220}>{t('list.progress')}</Table.Th>
              <Table.Th>{t('list.created')}</Table.Th>
              <Table.Th>{t('list.adjustment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.data.rows.map((row) => {
              const pct = row.expectedLines === 0 ? 0 : Math.round((row.countedLines * 100) / row.expectedLines);
              return (
                <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => navigate(countHref(row))} data-testid="count-row">
                  <Table.Td>
                    <Anchor href={`#${countHref(row)}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {row.docNo}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.warehouseName}</Table.Td>
                  <Table.Td>
                    {t(`scope.${row.scope}`)}
                    {row.blind && (
                      <Text span c="dimmed" size="xs">
                        {' · '}
                        {t('blind')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CountStatusBadge status={row.status} text={text} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Progress value={pct} size="sm" aria-label={t('list.progress')} />
                      <Text size="xs" c="dimmed">
                        {t('list.progressText', { counted: text.number(row.countedLines), expected: text.number(row.expectedLines) })}
                        {row.foundLines > 0 && ` · ${t('list.foundText', { n: row.foundLines })}`}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{text.dateTime(row.createdAt, info.branch?.timeZone)}</Text>
                    <Text size="xs" c="dimmed">
                      {row.createdBy}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {row.adjustment ? (
                      <Anchor href={`#/stock/documents/${row.adjustment.id}`} onClick={(e) => e.stopPropagation()} ff="monospace" size="sm">
                        {row.adjustment.docNo}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/counts/new')}>
            {t('list.newCount')}
          </Button>
        }
      />
      <Group justify="space-between">
        <SegmentedControl
          value={filter.status}
          onChange={(v) => write(v as Filter)}
          data={filters.map((f) => ({ value: f, label: t(`list.filter.${f}`) }))}
          aria-label={t('list.status')}
        />
      </Group>
      <Paper withBorder radius="md" p={0}>
        {body}
      </Paper>
      {pages > 1 && <Pagination total={pages} value={filter.page} onChange={(p) => write(filter.status, p)} />}
    </Stack>
  );
}
