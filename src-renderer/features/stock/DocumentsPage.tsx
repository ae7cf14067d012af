import { Badge, Button, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFileText, IconPackageImport, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DocumentRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDateTime } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';
import classes from './stock.module.css';
import { useStockText, type StockText } from './useStockText';

const PAGE_SIZE = 50;
const docTypes = ['receipt', 'adjustment', 'reversal', 'delivery', 'customer_return', 'return_disposition', 'supplier_return', 'transfer_out', 'transfer_in'] as const;
type DocType = (typeof docTypes)[number];
const ALL = 'all';

const typeColors: Record<DocType, string> = {
  receipt: 'teal',
  adjustment: 'orange',
  reversal: 'grape',
  delivery: 'blue',
  customer_return: 'pink',
  return_disposition: 'cyan',
  supplier_return: 'red',
  transfer_out: 'indigo',
  transfer_in: 'lime',
};

interface DocTypeBadgeProps {
  type: DocType;
  text: StockText;
  size?: 'md' | 'lg';
  /** The short name ('Receipt' rather than 'Goods receipt'), for table rows. */
  short?: boolean;
}

export function DocTypeBadge({ type, text, size = 'md', short = false }: DocTypeBadgeProps) {
  return (
    <Badge color={typeColors[type]} variant="light" size={size} data-testid="doc-type" style={{ minWidth: 'max-content' }}>
      {short ? text.t(`documents.typeNames.${type}`) : text.t(`common:docTypes.${type}`)}
    </Badge>
  );
}

interface Filters {
  type: DocType | '';
  q: string;
  page: number;
}

function readFilters(query: URLSearchParams): Filters {
  const type = query.get('type') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    type: (docTypes as readonly string[]).includes(type) ? (type as DocType) : '',
    q: query.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function writeFilters(f: Filters) {
  navigate('/stock/documents', { type: f.type, q: f.q, page: f.page > 1 ? String(f.page) : undefined });
}

export function DocumentsPage() {
  const text = useStockText();
  const { t } = text;
  const { info } = useAppInfo();
  const timeZone = info.branch?.timeZone;
  const { query } = useLocation();
  const filters = readFilters(query);

  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debounced !== filters.q) writeFilters({ ...filters, q: debounced, page: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if (filters.q !== search.trim()) setSearch(filters.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.q]);

  const docs = useApiQuery(
    () =>
      getApi()['stock.documents']({
        q: filters.q,
        offset: (filters.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(filters.type ? { docType: filters.type } : {}),
      }),
    [filters.type, filters.q, filters.page],
  );
  const filtered = filters.type !== '' || filters.q !== '';
  const pages = docs.data ? Math.max(1, Math.ceil(docs.data.total / PAGE_SIZE)) : 1;

  const open = (row: DocumentRow) => navigate(`/stock/documents/${row.id}`);

  let body;
  if (docs.error !== undefined && !docs.data) {
    body = <ErrorState error={docs.error} onRetry={docs.reload} />;
  } else if (!docs.data) {
    body = <LoadingState />;
  } else if (docs.data.total === 0) {
    body = filtered ? (
      <EmptyState
        icon={<IconSearch size={28} />}
        title={t('documents.noMatchTitle')}
        description={t('documents.noMatchText')}
        action={
          <Button variant="default" leftSection={<IconX size={18} />} onClick={() => writeFilters({ type: '', q: '', page: 1 })}>
            {t('onHand.clearFilters')}
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={<IconFileText size={28} />}
        title={t('documents.emptyTitle')}
        description={t('documents.emptyText')}
        action={
          <Group>
            <Button leftSection={<IconPackageImport size={18} />} onClick={() => navigate('/stock/receive')}>
              {t('common:nav.stockReceive')}
            </Button>
            <Button variant="default" leftSection={<IconAdjustmentsHorizontal size={18} />} onClick={() => navigate('/stock/adjust')}>
              {t('common:nav.stockAdjust')}
            </Button>
          </Group>
        }
      />
    );
  } else {
    body = (
      <div className={classes.documents}>
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="xs" aria-label={t('documents.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.docNo')}</Table.Th>
                <Table.Th>{t('documents.typeShort')}</Table.Th>
                <Table.Th>{t('documents.businessDate')}</Table.Th>
                <Table.Th className={classes.docWarehouse}>{t('documents.warehouse')}</Table.Th>
                <Table.Th className={classes.fillColumn}>{t('documents.party')}</Table.Th>
                <Table.Th ta="right">{t('documents.totalQty')}</Table.Th>
                <Table.Th ta="right">{t('documents.totalValue')}</Table.Th>
                <Table.Th className={classes.docCreatedBy}>{t('documents.createdBy')}</Table.Th>
                <Table.Th>{t('documents.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.data.rows.map((row) => {
                const party = row.supplierName ?? (row.reasonCode ? t(`common:adjustmentReasons.${row.reasonCode}`, { defaultValue: row.reasonCode }) : '—');
                const link = row.reversedByDocNo
                  ? { label: t('documents.reversedBy'), docNo: row.reversedByDocNo }
                  : row.reversesDocNo
                    ? { label: t('documents.reverses'), docNo: row.reversesDocNo }
                    : null;
                return (
                  <Table.Tr
                    key={row.id}
                    className={classes.clickRow}
                    data-testid="document-row"
                    tabIndex={0}
                    onClick={() => open(row)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') open(row);
                    }}
                  >
                    <Table.Td>
                      <Text ff="monospace" fw={700} fz="sm">
                        {row.docNo}
                      </Text>
                      {link && (
                        <Text fz="xs" c="dimmed" className={classes.linkedDoc}>
                          {link.label}{' '}
                          <Text span inherit ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                            {link.docNo}
                          </Text>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <DocTypeBadge type={row.docType} text={text} short />
                    </Table.Td>
                    <Table.Td>{formatDate(row.businessDate, text.locale)}</Table.Td>
                    <Table.Td className={classes.docWarehouse}>
                      <Text truncate maw={180} title={row.warehouseName}>
                        {row.warehouseName}
                      </Text>
                    </Table.Td>
                    {/* Takes the width the other columns leave, and shortens a long supplier name to fit. */}
                    <Table.Td className={classes.fillColumn}>
                      <Text truncate title={party}>
                        {party}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amount} c={row.totalQty < 0 ? 'red.8' : undefined}>
                      {text.number(row.totalQty)}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amount}>
                      {text.money(row.totalValueFen)}
                    </Table.Td>
                    <Table.Td className={classes.docCreatedBy} title={formatDateTime(row.createdAt, text.locale, timeZone)}>
                      <Text fz="sm" truncate maw={160}>
                        {row.createdByName || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {row.reversedByDocNo ? (
                        <Badge color="gray" variant="filled" style={{ minWidth: 'max-content' }}>
                          {t('detail.reversed')}
                        </Badge>
                      ) : (
                        <Badge color="green" variant="light" style={{ minWidth: 'max-content' }}>
                          {t('documents.posted')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('documents.title')}
        subtitle={t('documents.subtitle')}
        actions={
          <>
            <Button leftSection={<IconPackageImport size={18} />} onClick={() => navigate('/stock/receive')}>
              {t('common:nav.stockReceive')}
            </Button>
            <Button variant="default" leftSection={<IconAdjustmentsHorizontal size={18} />} onClick={() => navigate('/stock/adjust')}>
              {t('common:nav.stockAdjust')}
            </Button>
          </>
        }
      />
      <Group gap="sm" align="center" wrap="wrap">
        <SegmentedControl
          size="md"
          aria-label={t('documents.type')}
          value={filters.type || ALL}
          onChange={(value) => writeFilters({ ...filters, type: value === ALL ? '' : (value as DocType), page: 1 })}
          data={[{ value: ALL, label: t('documents.allTypes') }, ...docTypes.map((d) => ({ value: d, label: t(`documents.typeNames.${d}`) }))]}
        />
        <TextInput
          aria-label={t('documents.search')}
          placeholder={t('documents.searchPlaceholder')}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') writeFilters({ ...filters, q: search.trim(), page: 1 });
          }}
          style={{ flex: '1 1 260px' }}
          data-testid="documents-search"
        />
      </Group>
      <Paper withBorder>{body}</Paper>
      {docs.data && docs.data.total > 0 && (
        <Group justify="space-between">
          <Text c="dimmed">{t('documents.count', { count: docs.data.total, n: text.number(docs.data.total) })}</Text>
          {pages > 1 && (
            <Pagination total={pages} value={Math.min(filters.page, pages)} onChange={(page) => writeFilters({ ...filters, page })} />
          )}
        </Group>
      )}
    </Stack>
  );
}
