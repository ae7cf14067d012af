import { Anchor, Group, Pagination, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconReceipt, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ReceivablesReport } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate, useLocation } from '../../lib/router';
import { CustomersTabs } from './CustomersTabs';
import { InvoiceAge, InvoiceNumber } from './InvoiceAge';
import { useCustomersText, type CustomersText } from './useCustomersText';

const PAGE_SIZE = 50;
const buckets = ['0-30', '31-60', '61-90', '90+'] as const;

function Ageing({ report, text }: { report: ReceivablesReport; text: CustomersText }) {
  const { t } = text;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="ageing">
      <Paper withBorder radius="md" p="sm">
        <Text size="xs" c="dimmed">
          {t('receivables.totalOpen')}
        </Text>
        <Text fw={700} size="lg" data-testid="receivables-total">
          {text.money(report.openFen)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('receivables.invoiceCount', { n: report.total })}
        </Text>
      </Paper>
      {buckets.map((b) => (
        <Paper key={b} withBorder radius="md" p="sm" data-testid={`ageing-${b}`}>
          <Text size="xs" c="dimmed">
            {t(`receivables.buckets.${b}`)}
          </Text>
          <Text fw={600} size="lg" c={b !== '0-30' && report.ageing[b] > 0 ? 'red' : undefined}>
            {text.money(report.ageing[b])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function ReceivablesPage() {
  const text = useCustomersText();
  const { t } = text;
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const pageParam = Number(query.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  useEffect(() => {
    if (debounced !== q) navigate('/customers/receivables', { q: debounced || undefined });
    // Only the debounced text writes the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const report = useApiQuery(() => getApi()['sales.receivables']({ q, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }), [q, page], { keepPreviousData: true });
  const pages = report.data ? Math.max(1, Math.ceil(report.data.total / PAGE_SIZE)) : 1;

  let body;
  if (report.error !== undefined && !report.data) {
    body = <ErrorState error={report.error} onRetry={report.reload} />;
  } else if (!report.data) {
    body = <LoadingState />;
  } else if (report.data.total === 0) {
    body = q ? (
      <EmptyState icon={<IconSearch size={28} />} title={t('receivables.noMatchTitle')} />
    ) : (
      <EmptyState icon={<IconReceipt size={28} />} title={t('receivables.emptyTitle')} description={t('receivables.emptyText')} />
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover aria-label={t('receivables.title')} data-testid="receivables-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invoices.docNo')}</Table.Th>
              <Table.Th>{t('invoices.customer')}</Table.Th>
              <Table.Th>{t('invoices.due')}</Table.Th>
              <Table.Th ta="right">{t('invoices.gross')}</Table.Th>
              <Table.Th ta="right">{t('invoices.open')}</Table.Th>
              <Table.Th>{t('invoices.age')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.data.rows.map((i) => (
              <Table.Tr key={i.id} data-testid="receivable-row">
                <Table.Td>
                  <InvoiceNumber invoice={i} text={text} />
                </Table.Td>
                <Table.Td>
                  <Anchor href={`#/customers/${i.customerId}`} size="sm">
                    {i.customerName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('invoices.order')}{' '}
                    <Anchor href={`#/sales/${i.orderId}`} ff="monospace" inherit>
                      {i.orderNo}
                    </Anchor>
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(i.dueDate)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {text.money(i.grossFen)}
                </Table.Td>
                <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {text.money(i.openFen)}
                </Table.Td>
                <Table.Td>
                  <InvoiceAge invoice={i} text={text} />
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
      <PageHeader title={t('receivables.title')} subtitle={t('receivables.subtitle')} />
      <CustomersTabs active="receivables" text={text} />
      {report.data && <Ageing report={report.data} text={text} />}
      <Group>
        <TextInput
          label={t('receivables.search')}
          placeholder={t('receivables.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          data-testid="receivables-search"
        />
      </Group>
      <Paper withBorder radius="md" p={0}>
        {body}
      </Paper>
      {pages > 1 && <Pagination total={pages} value={page} onChange={(p) => navigate('/customers/receivables', { q: q || undefined, page: p > 1 ? String(p) : undefined })} />}
    </Stack>
  );
}
