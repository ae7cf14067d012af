import { Anchor, Badge, Button, Group, NumberInput, Pagination, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockHealth, StockHealthKind, StockHealthRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import type { Translate } from '../../components/errors';
import { formatDate, formatMoney, formatNumber, localName, toLocale } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { fillViewport, useWarehouseChoice, WarehouseSelect } from '../../components/WarehouseSelect';
import { navigate, useLocation } from '../../lib/router';

const kinds: readonly StockHealthKind[] = ['stockout', 'overstock', 'slow', 'nearExpiry'];
const WINDOW_DAYS = 28;
/** Near-expiry lots come from the ledger a page at a time (a branch may hold 100,000); each page is a virtual table. */
const EXPIRY_PAGE = 500;

function whole(value: string | null, fallback: number): number {
  const n = Number(value ?? '');
  return value !== null && value !== '' && Number.isInteger(n) && n >= 1 && n <= 3650 ? n : fallback;
}

/** Stockouts, overstock, slow movers and near-expiry lots of a warehouse, each row with the screen that deals with it. */
export function StockHealthPage() {
  const { t: rawT, i18n } = useTranslation('stockHealth');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const num = (n: number) => formatNumber(n, locale);
  const { query } = useLocation();
  const kindParam = query.get('kind') ?? '';
  const kind: StockHealthKind = (kinds as readonly string[]).includes(kindParam) ? (kindParam as StockHealthKind) : 'stockout';
  const f = {
    warehouseId: query.get('w') ?? '',
    q: query.get('q') ?? '',
    overstockDays: whole(query.get('over'), 90),
    slowDays: whole(query.get('slow'), 60),
    expiryDays: whole(query.get('exp'), 30),
    expiryPage: whole(query.get('ep'), 1),
  };
  const write = (next: Partial<typeof f> & { kind?: StockHealthKind }) => {
    const v = { ...f, kind, ...next };
    navigate('/stock-health', {
      kind: v.kind === 'stockout' ? undefined : v.kind,
      w: v.warehouseId || undefined,
      q: v.q || undefined,
      over: v.overstockDays === 90 ? undefined : String(v.overstockDays),
      slow: v.slowDays === 60 ? undefined : String(v.slowDays),
      exp: v.expiryDays === 30 ? undefined : String(v.expiryDays),
      // Any other change starts the near-expiry list again from its first page.
      ep: next.expiryPage !== undefined && next.expiryPage > 1 ? String(next.expiryPage) : undefined,
    });
  };
  const choice = useWarehouseChoice(f.warehouseId);
  const { warehouseId } = choice;
  const [search, setSearch] = useState(f.q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debounced !== f.q) write({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const health = useApiQuery(
    () =>
      warehouseId === ''
        ? new Promise<never>(() => undefined)
        : getApi()['stock.health']({
            warehouseId,
            q: f.q,
            windowDays: WINDOW_DAYS,
            overstockDays: f.overstockDays,
            slowDays: f.slowDays,
            expiryDays: f.expiryDays,
            expiryOffset: (f.expiryPage - 1) * EXPIRY_PAGE,
            expiryLimit: EXPIRY_PAGE,
          }),
    [warehouseId, f.q, f.overstockDays, f.slowDays, f.expiryDays, f.expiryPage],
    { keepPreviousData: true },
  );

  const count = (d: StockHealth, k: StockHealthKind) => (k === 'nearExpiry' ? d.nearExpiryTotal : d[k].length);
  const listValue = (d: StockHealth, k: StockHealthKind) => (k === 'nearExpiry' ? d.nearExpiryValueFen : d[k].reduce((n, r) => n + r.valueFen, 0));
  const name = (r: StockHealthRow) => localName(locale, r.nameZh, r.nameEn);
  const product: VirtualColumn<StockHealthRow> = {
    key: 'product',
    header: t('product'),
    width: 'minmax(160px, 1fr)',
    render: (r) => (
      <>
        <Anchor href={`#/products/${r.productId}`} size="sm" fw={600} display="block" truncate="end" data-testid="health-name">
          {name(r)}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          {r.sku}
          {r.supplierName ? ` · ${r.supplierName}` : ''}
        </Text>
      </>
    ),
  };
  const qty = (key: 'onHand' | 'onOrder'): VirtualColumn<StockHealthRow> => ({ key, header: t(key), width: '64px', numeric: true, render: (r) => num(r[key]) });
  const demand: VirtualColumn<StockHealthRow> = { key: 'demand', header: t('demand'), width: '80px', numeric: true, render: (r) => r.demandPerDay.toFixed(1) };
  const cover: VirtualColumn<StockHealthRow> = { key: 'cover', header: t('cover'), width: '72px', numeric: true, render: (r) => (r.daysOfCover === null ? '—' : t('days', { n: Math.floor(r.daysOfCover) })) };
  const lastSale: VirtualColumn<StockHealthRow> = { key: 'lastSale', header: t('lastSale'), width: '100px', render: (r) => (r.lastSaleDate ? formatDate(r.lastSaleDate, locale) : t('never')) };
  const value: VirtualColumn<StockHealthRow> = { key: 'value', header: t('value'), width: '88px', numeric: true, render: (r) => formatMoney(r.valueFen, locale) };
  const action = (buttons: (r: StockHealthRow) => { label: string; href: string }[]): VirtualColumn<StockHealthRow> => ({
    key: 'actions',
    header: t('actions'),
    width: '140px',
    render: (r) => (
      <Group gap={4} wrap="nowrap">
        {buttons(r).map((b) => (
          <Button key={b.label} size="compact-xs" variant="light" component="a" href={`#${b.href}`}>
            {b.label}
          </Button>
        ))}
      </Group>
    ),
  });
  const reorder = (r: StockHealthRow) => ({ label: t('order'), href: `/replenishment?w=${warehouseId}&q=${encodeURIComponent(r.sku)}&all=1` });
  const toSupplier = () => ({ label: t('returnToSupplier'), href: '/returns/supplier/new' });
  const adjust = () => ({ label: t('adjust'), href: '/stock/adjust' });
  const columns: Record<StockHealthKind, VirtualColumn<StockHealthRow>[]> = {
    stockout: [product, qty('onHand'), qty('onOrder'), demand, lastSale, action((r) => [reorder(r)])],
    overstock: [product, qty('onHand'), qty('onOrder'), demand, cover, value, action(() => [toSupplier(), adjust()])],
    slow: [product, qty('onHand'), lastSale, value, action(() => [toSupplier(), adjust()])],
    nearExpiry: [
      product,
      { key: 'lot', header: t('lot'), width: '96px', render: (r) => r.lotCode ?? '' },
      { key: 'expiry', header: t('expiry'), width: '104px', render: (r) => formatDate(r.expiryDate, locale) },
      {
        key: 'left',
        header: t('daysLeft'),
        width: '84px',
        numeric: true,
        render: (r) =>
          (r.daysToExpiry ?? 0) < 0 ? (
            <Badge color="red" variant="light">
              {t('expired', { n: -(r.daysToExpiry ?? 0) })}
            </Badge>
          ) : (
            <Badge color={(r.daysToExpiry ?? 0) <= 7 ? 'orange' : 'yellow'} variant="light">
              {t('inDays', { n: r.daysToExpiry ?? 0 })}
            </Badge>
          ),
      },
      qty('onHand'),
      value,
      action(() => [toSupplier(), adjust()]),
    ],
  };
  const help =
    kind === 'stockout'
      ? t('kindHelp.stockout', { window: WINDOW_DAYS })
      : kind === 'overstock'
        ? t('kindHelp.overstock', { days: f.overstockDays })
        : kind === 'slow'
          ? t('kindHelp.slow', { days: f.slowDays })
          : t('kindHelp.nearExpiry', { days: f.expiryDays });

  return (
    <Stack gap="md" style={fillViewport}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <WarehouseSelect choice={choice} label={t('warehouse')} t={t} onChange={(id) => write({ warehouseId: id })} />
        <TextInput label={t('search')} placeholder={t('searchPlaceholder')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: '1 1 180px' }} />
        <NumberInput w={130} label={t('overstockDays')} min={1} max={3650} allowDecimal={false} value={f.overstockDays} onChange={(v) => typeof v === 'number' && v >= 1 && write({ overstockDays: v })} />
        <NumberInput w={130} label={t('slowDays')} min={1} max={3650} allowDecimal={false} value={f.slowDays} onChange={(v) => typeof v === 'number' && v >= 1 && write({ slowDays: v })} />
        <NumberInput w={130} label={t('expiryDays')} min={1} max={3650} allowDecimal={false} value={f.expiryDays} onChange={(v) => typeof v === 'number' && v >= 1 && write({ expiryDays: v })} />
      </Group>
      <Tabs value={kind} onChange={(v) => v && write({ kind: v as StockHealthKind })} keepMounted={false}>
        <Tabs.List>
          {kinds.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`health-tab-${k}`} rightSection={health.data ? <Badge size="sm" variant="light" color={count(health.data, k) > 0 ? 'orange' : 'gray'}>{num(count(health.data, k))}</Badge> : undefined}>
              {t(`kinds.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="dimmed">
        {help}
      </Text>
      <QueryBody query={health} isEmpty={(d) => count(d, kind) === 0} empty={<EmptyState title={t('emptyTitle')} description={t(`emptyText.${kind}`)} />}>
        {(data) => (
          <>
            <VirtualTable
              rows={data[kind]}
              columns={columns[kind]}
              rowKey={(r) => `${r.productId}:${r.lotId ?? ''}`}
              rowHeight={52}
              label={t(`kinds.${kind}`)}
              rowTestId="health-row"
            />
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" data-testid="health-summary">
                {t('rows', { count: count(data, kind), value: formatMoney(listValue(data, kind), locale) })}
                {kind === 'nearExpiry' && data.nearExpiryTotal > data.nearExpiry.length
                  ? ` · ${t('showing', { from: num((f.expiryPage - 1) * EXPIRY_PAGE + 1), to: num((f.expiryPage - 1) * EXPIRY_PAGE + data.nearExpiry.length) })}`
                  : ''}{' '}
                · {t('asOf', { date: data.asOf })}
              </Text>
              {kind === 'nearExpiry' && data.nearExpiryTotal > EXPIRY_PAGE && (
                <Pagination size="sm" total={Math.ceil(data.nearExpiryTotal / EXPIRY_PAGE)} value={f.expiryPage} onChange={(p) => write({ expiryPage: p })} siblings={1} boundaries={1} />
              )}
            </Group>
          </>
        )}
      </QueryBody>
    </Stack>
  );
}
