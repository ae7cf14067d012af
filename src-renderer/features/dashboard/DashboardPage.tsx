import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardPoint } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { BarList } from '../../components/BarList';
import type { ChartDatum } from '../../components/chartScale';
import { ColumnChart } from '../../components/ColumnChart';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatMoney, formatNumber, formatRatio, localName, toLocale, type Locale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { TargetsTable } from '../../components/TargetsTable';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate, useLocation } from '../../lib/router';

const dayChoices = ['7', '30', '90'] as const;

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="xs">
        <Title order={3} fz="md">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Stat({ label, value, hint, color, testId }: { label: string; value: string; hint?: string; color?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text c="dimmed" fz="sm">
        {label}
      </Text>
      <Text fz={26} fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text c="dimmed" fz="xs">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const compact = new Map<Locale, Intl.NumberFormat>();
/** An axis label: ¥1.2万 / ¥12K. */
function compactYuan(fen: number, locale: Locale): string {
  let f = compact.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    compact.set(locale, f);
  }
  return `¥${f.format(fen / 100)}`;
}


/** '/dashboard': the branch at a glance. Every figure comes from one aggregate call (dashboard.get). */
export function DashboardPage() {
  const { t: rawT, i18n } = useTranslation('dashboard');
  const t = (key: string, options?: Record<string, unknown>) => String(rawT(key, options as never));
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const { query } = useLocation();
  const days = (dayChoices as readonly string[]).includes(query.get('days') ?? '') ? Number(query.get('days')) : 30;
  const dashboard = useApiQuery(() => getApi()['dashboard.get']({ days }), [days], { keepPreviousData: true });
  const money = (fen: number) => formatMoney(fen, locale);

  const trendSummary = (points: readonly DashboardPoint[], label: (p: string) => string) => {
    if (points.length === 0) return t('noSales');
    const best = points.reduce((a, b) => (b.netFen > a.netFen ? b : a));
    return t('trendSummary', { total: money(points.reduce((s, p) => s + p.netFen, 0)), max: money(best.netFen), at: label(best.period) });
  };

  let body: ReactNode;
  const d = dashboard.data;
  if (!d && dashboard.error !== undefined) body = <ErrorState error={dashboard.error} title={t('loadFailed')} onRetry={dashboard.reload} />;
  else if (!d) body = <LoadingState />;
  else {
    const noSales = d.monthly.every((p) => p.netFen === 0) && d.topCustomers.length === 0;
    const dayLabel = (p: string) => (locale === 'en' ? p.slice(5) : `${Number(p.slice(5, 7))}/${Number(p.slice(8, 10))}`);
    const customers = d.topCustomers.map((c) => ({ label: c.label, value: c.netFen }));
    const products = d.topProducts.map((p) => ({ label: localName(locale, p.label, p.labelEn), value: p.netFen }));
    const ranking = (key: 'topCustomers' | 'topProducts', rows: ChartDatum[], category: string, testId: string) => (
      <Card title={`${t(key)} · ${t('days', { count: days })}`}>
        {rows.length === 0 ? (
          <Text c="dimmed">{t('noSales')}</Text>
        ) : (
          <BarList
            title={t(key)}
            summary={t('topSummary', { first: rows[0]?.label, value: money(rows[0]?.value ?? 0) })}
            data={rows}
            formatValue={money}
            valueLabel={t('netSales')}
            categoryLabel={t(category)}
            testId={testId}
          />
        )}
      </Card>
    );
    body = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm">
          <Stat label={t('activeProducts')} value={formatNumber(d.stock.activeProducts, locale)} testId="stat-active" />
          <Stat label={t('stockouts')} value={formatNumber(d.stock.stockouts, locale)} color={d.stock.stockouts > 0 ? 'red' : undefined} testId="stat-stockouts" />
          <Stat label={t('nearExpiry', { days: d.stock.nearExpiryDays })} value={formatNumber(d.stock.nearExpiryLots, locale)} color={d.stock.nearExpiryLots > 0 ? 'orange' : undefined} testId="stat-near-expiry" />
          <Stat label={t('expired')} value={formatNumber(d.stock.expiredLots, locale)} color={d.stock.expiredLots > 0 ? 'red' : undefined} testId="stat-expired" />
          <Stat label={t('returnRate')} value={formatRatio(d.returns.rate, locale)} hint={t('returnRateHint', { returns: money(d.returns.returnsNetFen), sales: money(d.returns.salesNetFen) })} testId="stat-return-rate" />
          <Paper withBorder radius="md" p="md">
            <Text c="dimmed" fz="sm">
              {t('latePostings')}
            </Text>
            <Anchor fz={26} fw={700} c={d.openLatePostings > 0 ? 'orange' : undefined} href="#/finance" data-testid="stat-late">
              {formatNumber(d.openLatePostings, locale)}
            </Anchor>
          </Paper>
        </SimpleGrid>
        {noSales ? (
          <Paper withBorder radius="md">
            <EmptyState title={t('emptyTitle')} description={t('emptyText')} />
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card title={`${t('dailyTrend')} · ${t('days', { count: days })}`}>
              <ColumnChart
                kind="line"
                title={t('dailyTrend')}
                summary={trendSummary(d.daily, (p) => formatDate(p, locale))}
                data={d.daily.map((p) => ({ label: p.period, value: p.netFen }))}
                formatValue={money}
                formatTick={(v) => compactYuan(v, locale)}
                formatLabel={dayLabel}
                labelEvery={Math.ceil(d.daily.length / 7)}
                valueLabel={t('netSales')}
                categoryLabel={t('date')}
                testId="chart-daily"
              />
            </Card>
            <Card title={t('monthlyTrend')}>
              <ColumnChart
                title={t('monthlyTrend')}
                summary={trendSummary(d.monthly, (p) => p)}
                data={d.monthly.map((p) => ({ label: p.period, value: p.netFen }))}
                formatValue={money}
                formatTick={(v) => compactYuan(v, locale)}
                formatLabel={(p) => (locale === 'en' ? p.slice(5) : `${Number(p.slice(5))}月`)}
                valueLabel={t('netSales')}
                categoryLabel={t('month')}
                testId="chart-monthly"
              />
            </Card>
            {ranking('topCustomers', customers, 'customer', 'chart-customers')}
            {ranking('topProducts', products, 'product', 'chart-products')}
          </SimpleGrid>
        )}
        <Card title={t('targets', { month: d.targets.month })} testId="dashboard-targets">
          <TargetsTable targets={d.targets} />
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Group gap="xs">
            <Text fz="sm" c="dimmed">
              {t('period')}
            </Text>
            <SegmentedControl
              aria-label={t('period')}
              value={String(days)}
              onChange={(v) => navigate('/dashboard', { days: v })}
              data={dayChoices.map((c) => ({ value: c, label: t('days', { count: Number(c) }) }))}
            />
          </Group>
        }
      />
      {body}
    </Stack>
  );
}
