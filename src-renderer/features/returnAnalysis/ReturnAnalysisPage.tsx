import { Group, Paper, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnAnalysisDimension, ReturnAnalysisFigures, ReturnAnalysisRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { DateRangeFilter, monthStart } from '../../components/DateRangeFilter';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatBasisPoints, formatMoney, formatNumber, localName, toLocale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';

const dimensions: readonly ReturnAnalysisDimension[] = ['product', 'customer', 'supplier', 'reason', 'month'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;


/** Return rates for a period by one dimension, worst first, with totals and a bar per row. */
export function ReturnAnalysisPage() {
  const { t: rawT, i18n } = useTranslation('returnAnalysis');
  const t = (key: string, options?: Record<string, unknown>) => String(rawT(key, options as never));
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const today = useAppInfo().info.today ?? '';
  const { query } = useLocation();
  const dimension = (dimensions as readonly string[]).includes(query.get('by') ?? '') ? (query.get('by') as ReturnAnalysisDimension) : 'product';
  const from = isoDate.test(query.get('from') ?? '') ? (query.get('from') ?? '') : today ? monthStart(today, 0) : '';
  const to = isoDate.test(query.get('to') ?? '') ? (query.get('to') ?? '') : today;
  const write = (next: { by?: string; from?: string; to?: string }) => navigate('/returns/analysis', { by: dimension, from, to, ...next });

  const ready = from !== '' && to !== '' && from <= to;
  const analysis = useApiQuery(
    () => (ready ? getApi()['returns.analysis']({ dimension, dateFrom: from, dateTo: to }) : Promise.resolve(null)),
    [dimension, from, to, ready],
    { keepPreviousData: true },
  );
  const rate = (bp: number | null) => (bp === null ? '—' : formatBasisPoints(bp, locale));
  const maxRate = useMemo(() => Math.max(1, ...(analysis.data?.rows ?? []).map((r) => r.qtyRateBp ?? 0)), [analysis.data]);
  const label = (r: ReturnAnalysisRow): { main: string; sub: string } => {
    if (dimension === 'reason') return { main: t(`reasons.${r.key}`), sub: '' };
    if (dimension === 'month') return { main: r.key, sub: '' };
    if (r.key === '') return { main: t('unknownSupplier'), sub: '' };
    return { main: localName(locale, r.label, r.labelEn), sub: r.detail };
  };
  const figures = (f: ReturnAnalysisFigures) => (
    <>
      <Table.Td ta="right">{formatNumber(f.returnedQty, locale)}</Table.Td>
      <Table.Td ta="right">{formatNumber(f.deliveredQty, locale)}</Table.Td>
      <Table.Td ta="right" fw={600} data-testid="qty-rate">
        {rate(f.qtyRateBp)}
      </Table.Td>
      <Table.Td ta="right">{formatMoney(f.returnedFen, locale)}</Table.Td>
      <Table.Td ta="right">{formatMoney(f.deliveredFen, locale)}</Table.Td>
      <Table.Td ta="right" fw={600} data-testid="value-rate">
        {rate(f.valueRateBp)}
      </Table.Td>
    </>
  );

  let body;
  if (!ready) body = <EmptyState icon={<IconChartBar size={28} />} title={t('emptyTitle')} description={t('emptyText')} />;
  else if (analysis.error !== undefined && !analysis.data) body = <ErrorState error={analysis.error} onRetry={analysis.reload} />;
  else if (!analysis.data) body = <LoadingState />;
  else if (analysis.data.rows.length === 0) body = <EmptyState icon={<IconChartBar size={28} />} title={t('emptyTitle')} description={t('emptyText')} />;
  else {
    const data = analysis.data;
    body = (
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" highlightOnHover aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={220}>{t(`dimensions.${dimension}`)}</Table.Th>
              <Table.Th ta="right">
                {t('returnedQty')}
              </Table.Th>
              <Table.Th ta="right">
                {t('deliveredQty')}
              </Table.Th>
              <Table.Th ta="right">
                {t('qtyRate')}
              </Table.Th>
              <Table.Th ta="right">
                {t('returnedValue')}
              </Table.Th>
              <Table.Th ta="right">
                {t('deliveredValue')}
              </Table.Th>
              <Table.Th ta="right">
                {t('valueRate')}
              </Table.Th>
              <Table.Th w={140}>{t('chart')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => {
              const l = label(r);
              return (
                <Table.Tr key={r.key || 'unknown'} data-testid="analysis-row">
                  <Table.Td>
                    <Text size="sm" fw={600} data-testid="analysis-label">
                      {l.main}
                    </Text>
                    {l.sub && (
                      <Text size="xs" c="dimmed">
                        {l.sub}
                      </Text>
                    )}
                  </Table.Td>
                  {figures(r)}
                  <Table.Td>
                    <Progress value={((r.qtyRateBp ?? 0) / maxRate) * 100} color={(r.qtyRateBp ?? 0) >= 1000 ? 'red' : 'orange'} size="lg" aria-label={rate(r.qtyRateBp)} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-testid="analysis-total">
              <Table.Th>{t('total')}</Table.Th>
              {figures(data.totals)}
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
        {data.total > data.rows.length && (
          <Text size="xs" c="dimmed" p="sm">
            {t('moreRows', { count: data.total - data.rows.length })}
          </Text>
        )}
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Group gap="md" wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label={t('dimension')}
          data={dimensions.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
          value={dimension}
          onChange={(v) => write({ by: v })}
          data-testid="dimension"
        />
        <DateRangeFilter
          from={from}
          to={to}
          today={today}
          onChange={write}
          labels={{ from: t('dateFrom'), to: t('dateTo'), thisMonth: t('thisMonth'), lastMonths: t('lastMonths') }}
          testId="analysis"
        />
      </Group>
      <Paper withBorder radius="md" p={0}>
        {body}
      </Paper>
      <Text size="xs" c="dimmed">
        {dimension === 'reason' ? `${t('reasonNote')} ` : ''}
        {t('valueNote')}
      </Text>
    </Stack>
  );
}
