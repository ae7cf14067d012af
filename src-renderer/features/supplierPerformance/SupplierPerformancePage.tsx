import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SupplierPerformanceRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { DateRangeFilter, monthStart } from '../../components/DateRangeFilter';
import { EmptyState } from '../../components/EmptyState';
import type { Translate } from '../../components/errors';
import { formatBasisPoints, formatMoney, formatNumber, toLocale } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Suppliers' delivery record over a period: a table of one row per supplier (a branch has tens, not thousands). */
export function SupplierPerformancePage() {
  const { t: rawT, i18n } = useTranslation('supplierPerformance');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const num = (n: number) => formatNumber(n, locale);
  const rate = (bp: number | null) => (bp === null ? '—' : formatBasisPoints(bp, locale));
  const tenths = (v: number | null) => (v === null ? '—' : (v / 10).toFixed(1));
  const today = useAppInfo().info.today ?? '';
  const { query } = useLocation();
  const from = isoDate.test(query.get('from') ?? '') ? (query.get('from') ?? '') : today ? monthStart(today, 2) : '';
  const to = isoDate.test(query.get('to') ?? '') ? (query.get('to') ?? '') : today;
  const write = (next: { from?: string; to?: string }) => navigate('/supplier-performance', { from, to, ...next });
  const ready = from !== '' && to !== '' && from <= to;
  const perf = useApiQuery(
    () => (ready ? getApi()['purchasing.supplierPerformance']({ dateFrom: from, dateTo: to }) : new Promise<never>(() => undefined)),
    [from, to, ready],
    { keepPreviousData: true },
  );

  const row = (r: SupplierPerformanceRow) => (
    <Table.Tr key={r.supplierId} data-testid="performance-row">
      <Table.Td>
        <Text size="sm" fw={600} data-testid="performance-supplier">
          {r.supplierName}
        </Text>
        <Text size="xs" c="dimmed">
          {r.supplierCode}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{num(r.orders)}</Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} c={r.onTimeRateBp !== null && r.onTimeRateBp < 9000 ? 'red' : undefined} data-testid="on-time-rate">
          {r.dueOrders === 0 ? t('notDue') : rate(r.onTimeRateBp)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('onTimeDetail', { onTime: num(r.onTimeOrders), due: num(r.dueOrders) })}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} c={r.fillRateBp !== null && r.fillRateBp < 9500 ? 'red' : undefined} data-testid="fill-rate">
          {rate(r.fillRateBp)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('fillDetail', { received: num(r.receivedQty), ordered: num(r.orderedQty) })}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" data-testid="lead-time">
          {t('leadDetail', { promised: tenths(r.promisedLeadTimeTenths), actual: r.actualLeadTimeTenths === null ? t('noReceipt') : tenths(r.actualLeadTimeTenths) })}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{num(r.supplierReturnQty)}</Text>
        <Text size="xs" c="dimmed">
          {formatMoney(r.supplierReturnFen, locale)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600}>
          {rate(r.customerReturnRateBp)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('customerDetail', { returned: num(r.customerReturnQty), supplied: num(r.suppliedQty) })}
        </Text>
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Group gap="md" align="flex-end" wrap="wrap">
        <DateRangeFilter
          from={from}
          to={to}
          today={today}
          onChange={write}
          labels={{ from: t('dateFrom'), to: t('dateTo'), thisMonth: t('thisMonth'), lastMonths: t('lastMonths') }}
          testId="performance"
        />
      </Group>
      <Paper withBorder radius="md" p={0}>
        <QueryBody query={perf} isEmpty={(d) => d.rows.length === 0} empty={<EmptyState icon={<IconTruckDelivery size={28} />} title={t('emptyTitle')} description={t('emptyText')} />}>
          {(data) => (
            <Table.ScrollContainer minWidth={960}>
              <Table verticalSpacing="xs" highlightOnHover aria-label={t('title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={200}>{t('supplier')}</Table.Th>
                    <Table.Th ta="right">{t('orders')}</Table.Th>
                    <Table.Th ta="right">{t('onTime')}</Table.Th>
                    <Table.Th ta="right">{t('fillRate')}</Table.Th>
                    <Table.Th ta="right">{t('leadTime')}</Table.Th>
                    <Table.Th ta="right">{t('supplierReturns')}</Table.Th>
                    <Table.Th ta="right">{t('customerReturns')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>{data.rows.map(row)}</Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryBody>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('note')}
      </Text>
    </Stack>
  );
}
