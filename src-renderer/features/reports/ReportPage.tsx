import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { IconChartBar, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { ExportedFile, ReportResult } from '../../../src-main/contract';
import type { ReportId, ReportRequest } from '../../../src-main/contract/reportFilters';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ExportMenu, type ExportFormat, type ExportProgress } from '../../components/ExportMenu';
import { followExportJob } from '../../components/followExportJob';
import { formatNumber, toLocale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';
import { findReport, requestFilters, type CatalogueEntry } from './reportCatalogue';
import { ReportFilterBar } from './ReportFilterBar';
import { REPORT_PAGE_SIZE, ReportTable, type ReportSort } from './ReportTable';

const filterKeys = ['asOf', 'dateFrom', 'dateTo', 'warehouseId', 'categoryId', 'productId', 'customerId', 'salesperson', 'region', 'groupBy', 'dimension'] as const;

/** Makes the export in the report worker and follows it (rows written, cancel, the file). */
async function exportReport(request: ReportRequest, format: ExportFormat, progress: ExportProgress): Promise<ExportedFile> {
  const api = getApi();
  const started = await api['reports.exportStart']({ request, format });
  return followExportJob(started, { progress: (jobId) => api['reports.exportProgress']({ jobId }), cancel: (jobId) => api['reports.exportCancel']({ jobId }) }, progress);
}

/** Each answer's own number: the grid starts afresh (its pages, its scroll) for every new report answer. */
const resultIds = new WeakMap<ReportResult, number>();
let lastResultId = 0;
function resultId(result: ReportResult): number {
  let id = resultIds.get(result);
  if (id === undefined) {
    id = ++lastResultId;
    resultIds.set(result, id);
  }
  return id;
}

function readValues(report: CatalogueEntry, query: URLSearchParams, today: string): Record<string, string> {
  const defaults = report.defaults(today);
  return Object.fromEntries(filterKeys.map((k) => [k, query.get(k) ?? defaults[k] ?? ''] as const).filter(([, v]) => v !== ''));
}

/** One report: its filter bar, its rows and totals, and its export. */
export function ReportPage({ params }: { params: Record<string, string> }) {
  const { t, i18n } = useTranslation('reports');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const report = findReport(params.id ?? '');
  const today = useAppInfo().info.today ?? '';
  const { query } = useLocation();
  const values = report && today ? readValues(report, query, today) : {};
  const needsCustomer = report?.id === 'customerStatement' && !values.customerId;
  const request = report ? ({ reportId: report.id as ReportId, filters: requestFilters(values) } as ReportRequest) : null;
  const ready = request !== null && today !== '' && !needsCustomer;
  const requestKey = JSON.stringify(request);
  // The sort belongs to the report it was chosen on; other filters start unsorted.
  const [sorted, setSorted] = useState<{ requestKey: string; sort: ReportSort } | null>(null);
  const sort = sorted?.requestKey === requestKey ? sorted.sort : null;
  const result = useApiQuery(
    () => (ready ? getApi()['reports.run']({ request, offset: 0, limit: REPORT_PAGE_SIZE, ...(sort ? { sort } : {}) }) : Promise.resolve(null)),
    [ready, requestKey, JSON.stringify(sort)],
    { keepPreviousData: true },
  );
  const loadPage = useCallback(
    (offset: number) => getApi()['reports.run']({ request: JSON.parse(requestKey) as ReportRequest, offset, limit: REPORT_PAGE_SIZE, ...(sort ? { sort } : {}) }),
    [requestKey, sort],
  );

  if (!report) return <EmptyState icon={<IconChartBar size={28} />} title={t('emptyTitle')} description={t('emptyText')} />;
  const title = t(`reports.${report.id}.title`);

  let body;
  if (needsCustomer) body = <EmptyState icon={<IconUser size={28} />} title={t('needCustomer')} description={t('needCustomerText')} />;
  else if (result.error !== undefined && !result.data) body = <ErrorState error={result.error} onRetry={result.reload} />;
  else if (!result.data) body = <LoadingState />;
  else if (result.data.rowCount === 0) body = <EmptyState icon={<IconChartBar size={28} />} title={t('emptyTitle')} description={t('emptyText')} />;
  else body = <ReportTable key={resultId(result.data)} result={result.data} label={title} sort={sort} onSort={(next) => setSorted({ requestKey, sort: next })} loadPage={loadPage} />;

  return (
    <Stack gap="sm" style={{ height: 'calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))', minHeight: 520 }}>
      <PageHeader
        title={title}
        subtitle={t(`reports.${report.id}.text`)}
        actions={
          <ExportMenu
            cancellable
            disabled={!ready || !result.data || result.data.rowCount === 0}
            make={(format, progress) => exportReport(request!, format, progress)}
          />
        }
      />
      <Group justify="space-between" align="flex-end">
        <ReportFilterBar report={report} values={values} onChange={(next) => navigate(`/reports/${report.id}`, next)} />
      </Group>
      <Paper withBorder radius="md" p={0} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', opacity: result.loading && result.data ? 0.6 : 1 }} aria-busy={result.loading}>
        {body}
      </Paper>
      <Group justify="space-between">
        <Anchor size="sm" onClick={() => navigate('/reports')} data-testid="reports-back">
          {t('back')}
        </Anchor>
        {result.data && result.data.rowCount > 0 && (
          <Text size="xs" c="dimmed" data-testid="report-count">
            {t('rows', { n: formatNumber(result.data.rowCount, locale) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
