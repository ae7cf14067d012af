import { Alert, Badge, Box, Button, CloseButton, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconPackageImport, IconSearch, IconX } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { OnHandRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ExportMenu, type ExportFormat } from '../../components/ExportMenu';
import { formatDate } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PackQuantity } from '../../components/PackQuantity';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { defaultNearExpiryDays, useAppInfo } from '../../components/useAppInfo';
import { navigate, useLocation } from '../../lib/router';
import classes from './stock.module.css';
import { useOnHandRows, type OnHandFilter } from './useOnHandRows';
import { useStockText, type StockText } from './useStockText';

const ROW_HEIGHT = 60;
/** The 'no filter' choice in a select (Mantine options need a non-empty value). */
const ALL = 'all';

interface Filters {
  warehouseId: string;
  q: string;
  groupBy: 'lot' | 'product';
  /** '' for all stock, else a number of days. */
  expiring: string;
}

function readFilters(query: URLSearchParams): Filters {
  const expiring = query.get('exp') ?? '';
  return {
    warehouseId: query.get('w') ?? '',
    q: query.get('q') ?? '',
    groupBy: query.get('g') === 'product' ? 'product' : 'lot',
    expiring: /^\d{1,4}$/.test(expiring) ? expiring : '',
  };
}

function writeFilters(f: Filters) {
  navigate('/stock', { w: f.warehouseId, q: f.q, g: f.groupBy === 'product' ? 'product' : '', exp: f.expiring });
}

export function OnHandPage() {
  const text = useStockText();
  const { t } = text;
  const { settings } = useAppInfo();
  const nearDays = settings?.nearExpiryDays ?? defaultNearExpiryDays;
  const { query } = useLocation();
  const filters = readFilters(query);
  const warehouses = useApiQuery(() => getApi()['master.warehouses']({}), []);
  // Goods on the road between warehouses or branches are in no warehouse: said here, valued, so the total is not mistaken for all the stock.
  const transit = useApiQuery(() => getApi()['transfers.inTransit']({}), []);

  // The search box is local while typing and reaches the URL (and the query) after a pause.
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debouncedSearch !== filters.q) writeFilters({ ...filters, q: debouncedSearch });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);
  useEffect(() => {
    // Back/forward or a link changed the URL: show its search.
    if (filters.q !== search.trim()) setSearch(filters.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.q]);

  const apiFilter: OnHandFilter = useMemo(
    () => ({
      q: filters.q,
      groupBy: filters.groupBy,
      ...(filters.warehouseId ? { warehouseId: filters.warehouseId } : {}),
      ...(filters.expiring !== '' ? { expiringWithinDays: Number(filters.expiring) } : {}),
    }),
    [filters.q, filters.groupBy, filters.warehouseId, filters.expiring],
  );
  const rows = useOnHandRows(apiFilter);
  const filtered = filters.q !== '' || filters.warehouseId !== '' || filters.expiring !== '';

  const expiryChoices = useMemo(() => [...new Set([7, nearDays, 90])].sort((a, b) => a - b), [nearDays]);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const total = rows.totals?.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { ensure } = rows;
  useEffect(() => {
    ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, rows.version]);

  const openRow = (row: OnHandRow) => navigate(`/products/${row.productId}`);

  let body;
  if (rows.error !== undefined) {
    body = <ErrorState error={rows.error} onRetry={rows.retry} />;
  } else if (rows.loading) {
    body = <LoadingState />;
  } else if (total === 0) {
    body = filtered ? (
      <EmptyState
        icon={<IconSearch size={28} />}
        title={t('onHand.noMatchTitle')}
        description={t('onHand.noMatchText')}
        action={
          <Button variant="default" leftSection={<IconX size={18} />} onClick={() => writeFilters({ warehouseId: '', q: '', groupBy: filters.groupBy, expiring: '' })}>
            {t('onHand.clearFilters')}
          </Button>
        }
      />
    ) : (
      <EmptyState
        title={t('onHand.emptyTitle')}
        description={t('onHand.emptyText')}
        action={
          <Button size="lg" leftSection={<IconPackageImport size={20} />} onClick={() => navigate('/stock/receive')}>
            {t('onHand.receiveGoods')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <>
        <div
          ref={scrollRef}
          role="table"
          aria-label={t('onHand.tableLabel')}
          aria-rowcount={total}
          className={classes.onHandScroller}
        >
          <div className={classes.onHandTable}>
            <div role="row" className={`${classes.grid} ${classes.gridHead} ${classes.onHandColumns}`}>
              <span role="columnheader">{t('onHand.sku')}</span>
              <span role="columnheader">{t('onHand.product')}</span>
              <span role="columnheader">{t('onHand.warehouse')}</span>
              <span role="columnheader">{t('onHand.lot')}</span>
              <span role="columnheader">{filters.groupBy === 'product' ? t('onHand.earliestExpiry') : t('onHand.expiry')}</span>
              <span role="columnheader" className={classes.num}>
                {t('onHand.qty')}
              </span>
              <span role="columnheader" className={`${classes.num} ${classes.baseQtyColumn}`}>
                {t('onHand.baseQty')}
              </span>
              <span role="columnheader" className={classes.num}>
                {t('onHand.value')}
              </span>
            </div>
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows.row(item.index);
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 1}
                    className={`${classes.grid} ${classes.gridRow} ${classes.onHandColumns}`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    data-testid={row ? 'onhand-row' : undefined}
                    tabIndex={row ? 0 : -1}
                    onClick={row ? () => openRow(row) : undefined}
                    onKeyDown={
                      row
                        ? (event: KeyboardEvent) => {
                            if (event.key === 'Enter') openRow(row);
                          }
                        : undefined
                    }
                  >
                    {row ? <OnHandCells row={row} text={text} nearDays={nearDays} /> : <SkeletonCells />}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {rows.pageError !== undefined && (
          <Alert color="red" icon={<IconAlertCircle />} mt="xs" data-testid="page-error">
            <Group justify="space-between">
              <Text>{text.error(rows.pageError)}</Text>
              <Button size="xs" variant="white" color="red" onClick={rows.retry}>
                {t('common:actions.retry')}
              </Button>
            </Group>
          </Alert>
        )}
        {rows.totals && (
          <div className={`${classes.grid} ${classes.gridFoot}`} style={{ gridTemplateColumns: '1fr auto auto', overflowX: 'auto' }} data-testid="onhand-totals">
            <Text fw={700}>{t('onHand.rowsTotal', { count: rows.totals.total, n: text.number(rows.totals.total) })}</Text>
            <Text fw={700} className={classes.num}>
              {t('onHand.totalBaseQty')} <span data-testid="onhand-total-qty">{text.number(rows.totals.totalQty)}</span>
            </Text>
            <Text fw={700} className={classes.num} miw={200}>
              {t('onHand.totalValue')} <span data-testid="onhand-total-value">{text.money(rows.totals.totalValueFen)}</span>
            </Text>
          </div>
        )}
        {transit.data && transit.data.outgoing.qty + transit.data.incoming.qty > 0 && (
          <Text size="sm" c="orange.8" mt={4} data-testid="onhand-in-transit">
            {t('onHand.inTransit', {
              out: text.number(transit.data.outgoing.qty),
              in: text.number(transit.data.incoming.qty),
              value: text.money(transit.data.outgoing.valueFen + transit.data.incoming.valueFen),
            })}{' '}
            <a href="#/transfers?status=sent">{t('onHand.inTransitLink')}</a>
          </Text>
        )}
      </>
    );
  }

  return (
    <Stack gap="md" style={{ height: 'calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))', minHeight: 520 }}>
      <PageHeader
        title={t('onHand.title')}
        subtitle={t('onHand.subtitle')}
        actions={
          <Group gap="sm">
            <ExportMenu make={(format: ExportFormat) => getApi()['stock.exportOnHand']({ ...apiFilter, format })} disabled={total === 0} />
            <Button leftSection={<IconPackageImport size={18} />} onClick={() => navigate('/stock/receive')}>
              {t('onHand.receiveGoods')}
            </Button>
          </Group>
        }
      />
      <Box>
        <Group gap="sm" align="center" wrap="wrap">
          <TextInput
            aria-label={t('onHand.search')}
            placeholder={t('onHand.searchPlaceholder')}
            leftSection={<IconSearch size={18} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') writeFilters({ ...filters, q: search.trim() });
              if (event.key === 'Escape') setSearch('');
            }}
            style={{ flex: '1 1 260px' }}
            rightSection={search ? <CloseButton aria-label={t('common:actions.clear')} onClick={() => setSearch('')} /> : undefined}
          />
          <Select
            aria-label={t('onHand.warehouse')}
            style={{ flex: '0 1 200px' }}
            data={[{ value: ALL, label: t('onHand.allWarehouses') }, ...(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))]}
            value={filters.warehouseId || ALL}
            allowDeselect={false}
            onChange={(value) => writeFilters({ ...filters, warehouseId: !value || value === ALL ? '' : value })}
            error={warehouses.error ? text.error(warehouses.error) : undefined}
          />
          <SegmentedControl
            size="md"
            aria-label={t('onHand.groupBy')}
            value={filters.groupBy}
            onChange={(value) => writeFilters({ ...filters, groupBy: value === 'product' ? 'product' : 'lot' })}
            data={[
              { value: 'lot', label: t('onHand.byLot') },
              { value: 'product', label: t('onHand.byProduct') },
            ]}
          />
          <SegmentedControl
            size="md"
            aria-label={t('onHand.expiring')}
            value={filters.expiring || ALL}
            onChange={(value) => writeFilters({ ...filters, expiring: value === ALL ? '' : value })}
            data={[
              { value: ALL, label: t('onHand.allStock') },
              ...expiryChoices.map((days) => ({
                value: String(days),
                label: days === nearDays ? t('onHand.nearExpiry', { count: days }) : t('onHand.withinDays', { count: days }),
              })),
            ]}
          />
        </Group>
        {filters.expiring !== '' && (
          <Text fz="sm" c="dimmed" mt={6}>
            {t('onHand.expiringHint', { count: Number(filters.expiring) })}
          </Text>
        )}
      </Box>
      <Paper withBorder style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        {body}
      </Paper>
    </Stack>
  );
}

function ExpiryCell({ row, text, nearDays }: { row: OnHandRow; text: StockText; nearDays: number }) {
  const { t } = text;
  if (!row.expiryDate) return <Text c="dimmed">{t('common:expiry.noExpiry')}</Text>;
  const days = row.daysToExpiry;
  const date = formatDate(row.expiryDate, text.locale);
  // Date above, badge below: both stay whole in a narrow column and in either language.
  if (days !== null && days < 0) {
    return (
      <Stack gap={2} align="flex-start">
        <Text c="red.8" fw={700} lh={1.2}>
          {date}
        </Text>
        <Badge color="red" variant="filled" size="sm" data-testid="expiry-badge" style={{ minWidth: 'max-content' }}>
          {t('common:expiry.expiredDaysAgo', { count: -days })}
        </Badge>
      </Stack>
    );
  }
  if (days !== null && days <= nearDays) {
    return (
      <Stack gap={2} align="flex-start">
        <Text c="orange.9" fw={700} lh={1.2}>
          {date}
        </Text>
        <Badge color="orange" variant="light" size="sm" data-testid="expiry-badge" style={{ minWidth: 'max-content' }}>
          {days === 0 ? t('common:expiry.today') : t('onHand.daysLeft', { count: days })}
        </Badge>
      </Stack>
    );
  }
  return <Text>{date}</Text>;
}

function OnHandCells({ row, text, nearDays }: { row: OnHandRow; text: StockText; nearDays: number }) {
  const base = row.units.find((u) => u.factor === 1);
  const baseQty = base ? text.qty(row.qty, [base]) : text.number(row.qty);
  const packQty = text.qty(row.qty, row.units);
  return (
    <>
      <Text role="cell" className={classes.cell} ff="monospace" fz="sm" title={row.sku}>
        {row.sku}
      </Text>
      <Text role="cell" fw={600} fz="md" lh={1.25} lineClamp={2} title={text.name(row)} style={{ minWidth: 0 }}>
        {text.name(row)}
      </Text>
      <Text role="cell" lh={1.25} lineClamp={2} title={row.warehouseName} style={{ minWidth: 0 }}>
        {row.warehouseName}
      </Text>
      {row.lotId !== null && row.lotCode ? (
        <Text role="cell" className={classes.cell} ff="monospace" fz="sm" title={row.lotCode}>
          {row.lotCode}
        </Text>
      ) : (
        <Text role="cell" className={classes.cell} fz="sm" c="dimmed">
          {row.lotId === null ? text.t('onHand.allLots') : text.t('onHand.noLot')}
        </Text>
      )}
      <div role="cell" className={classes.cell}>
        <ExpiryCell row={row} text={text} nearDays={nearDays} />
      </div>
      <div role="cell" className={classes.num} title={packQty === baseQty ? undefined : `${packQty} = ${baseQty}`}>
        <div className={classes.qtyText} data-testid="onhand-qty">
          <PackQuantity qty={row.qty} units={row.units} locale={text.locale} />
        </div>
        {/* Without its own column (narrow windows), the base quantity sits under the packs. */}
        {packQty !== baseQty && (
          <Text fz="xs" c="dimmed" lh={1.3} className={classes.baseQtyUnder}>
            = {baseQty}
          </Text>
        )}
      </div>
      <Text role="cell" className={`${classes.cell} ${classes.num} ${classes.baseQtyColumn}`} c="dimmed">
        {baseQty}
      </Text>
      <Text role="cell" className={`${classes.cell} ${classes.num}`}>
        {text.money(row.valueFen)}
      </Text>
    </>
  );
}

function SkeletonCells() {
  return (
    <>
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={14} radius="sm" aria-hidden className={i === 6 ? classes.baseQtyColumn : undefined} />
      ))}
    </>
  );
}
