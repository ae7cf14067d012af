import { ActionIcon, Alert, Anchor, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustments, IconCheck, IconSearch, IconShoppingCartPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplenishmentOrder, ReplenishmentRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage, fieldErrors, type Translate } from '../../components/errors';
import { formatMoney, formatNumber, localName, toLocale } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryBody } from '../../components/QueryBody';
import { useApiQuery } from '../../components/useApiQuery';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { fillViewport, useWarehouseChoice, WarehouseSelect } from '../../components/WarehouseSelect';
import { navigate, useLocation } from '../../lib/router';

const windows = ['28', '56', '91', '182'] as const;
const serviceLevels = ['90', '95', '97.5', '98', '99', '99.5'] as const;
const ALL = 'all';

interface Filters {
  warehouseId: string;
  supplierId: string;
  categoryId: string;
  q: string;
  window: (typeof windows)[number];
  safety: 'days' | 'service';
  safetyDays: number;
  serviceLevel: (typeof serviceLevels)[number];
  reviewDays: number;
  seasonal: boolean;
  onlyNeeded: boolean;
}

function wholeIn(value: string | null, min: number, max: number, fallback: number): number {
  const n = Number(value ?? '');
  return value !== null && value !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

function readFilters(query: URLSearchParams): Filters {
  const win = query.get('win') ?? '';
  const sl = query.get('sl') ?? '';
  return {
    warehouseId: query.get('w') ?? '',
    supplierId: query.get('supplier') ?? '',
    categoryId: query.get('cat') ?? '',
    q: query.get('q') ?? '',
    window: (windows as readonly string[]).includes(win) ? (win as Filters['window']) : '28',
    safety: query.get('safety') === 'service' ? 'service' : 'days',
    safetyDays: wholeIn(query.get('sd'), 0, 90, 7),
    serviceLevel: (serviceLevels as readonly string[]).includes(sl) ? (sl as Filters['serviceLevel']) : '95',
    reviewDays: wholeIn(query.get('rd'), 1, 90, 7),
    seasonal: query.get('season') === '1',
    onlyNeeded: query.get('all') !== '1',
  };
}

function writeFilters(f: Filters) {
  navigate('/replenishment', {
    w: f.warehouseId || undefined,
    supplier: f.supplierId || undefined,
    cat: f.categoryId || undefined,
    q: f.q || undefined,
    win: f.window === '28' ? undefined : f.window,
    safety: f.safety === 'days' ? undefined : f.safety,
    sd: f.safetyDays === 7 ? undefined : String(f.safetyDays),
    sl: f.serviceLevel === '95' ? undefined : f.serviceLevel,
    rd: f.reviewDays === 7 ? undefined : String(f.reviewDays),
    season: f.seasonal ? '1' : undefined,
    all: f.onlyNeeded ? undefined : '1',
  });
}

/** Reorder suggestions for a warehouse, and one action that turns the chosen ones into draft purchase orders per supplier. */
export function ReplenishmentPage() {
  const { t: rawT, i18n } = useTranslation('replenishment');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const num = (n: number) => formatNumber(n, locale);
  const { query } = useLocation();
  const filters = readFilters(query);
  const write = (next: Partial<Filters>) => writeFilters({ ...filters, ...next });

  const suppliers = useApiQuery(() => getApi()['purchasing.suppliers']({}), []);
  const categories = useApiQuery(() => getApi()['master.categories']({}), []);
  const choice = useWarehouseChoice(filters.warehouseId);
  const { warehouseId } = choice;

  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debounced !== filters.q) write({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const suggestions = useApiQuery(
    () =>
      warehouseId === ''
        ? new Promise<never>(() => undefined)
        : getApi()['replenishment.suggestions']({
            warehouseId,
            windowDays: Number(filters.window) as 28 | 56 | 91 | 182,
            safety: filters.safety,
            safetyDays: filters.safetyDays,
            serviceLevel: filters.serviceLevel,
            reviewDays: filters.reviewDays,
            seasonal: filters.seasonal,
            onlyNeeded: filters.onlyNeeded,
            q: filters.q,
            ...(filters.supplierId ? { supplierId: filters.supplierId } : {}),
            ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
          }),
    [warehouseId, filters.window, filters.safety, filters.safetyDays, filters.serviceLevel, filters.reviewDays, filters.seasonal, filters.onlyNeeded, filters.q, filters.supplierId, filters.categoryId],
    { keepPreviousData: true },
  );

  // The buyer's choices on this list: rows left out, and cases changed from the suggestion.
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [packs, setPacks] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    setExcluded(new Set());
    setPacks(new Map());
  }, [suggestions.data]);
  const packsOf = (r: ReplenishmentRow) => packs.get(r.productId) ?? r.suggestedPacks;
  const orderable = useMemo(() => (suggestions.data?.rows ?? []).filter((r) => r.supplierId !== null), [suggestions.data]);
  const chosen = orderable.filter((r) => !excluded.has(r.productId) && packsOf(r) > 0);
  const chosenValue = chosen.reduce((sum, r) => sum + (r.unitCostFen ?? 0) * packsOf(r), 0);
  const chosenSuppliers = new Set(chosen.map((r) => r.supplierId)).size;

  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<ReplenishmentOrder[]>([]);
  const create = async () => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const result = await getApi()['replenishment.createOrders']({
        warehouseId,
        lines: chosen.map((r) => ({ productId: r.productId, supplierId: r.supplierId ?? '', packs: packsOf(r) })),
      });
      setCreated(result.orders);
      suggestions.reload();
    } catch (error) {
      setCreateError(error);
    } finally {
      setCreating(false);
    }
  };

  const [editing, setEditing] = useState<ReplenishmentRow | null>(null);
  const name = (r: ReplenishmentRow) => localName(locale, r.nameZh, r.nameEn);
  const unitName = (r: ReplenishmentRow) => localName(locale, r.purchaseUnitNameZh, r.purchaseUnitNameEn);
  const allChosen = orderable.length > 0 && orderable.every((r) => !excluded.has(r.productId));

  const columns: VirtualColumn<ReplenishmentRow>[] = [
    {
      key: 'select',
      header: (
        <Checkbox
          aria-label={t('selectAll')}
          checked={allChosen}
          indeterminate={!allChosen && excluded.size < orderable.length}
          onChange={() => setExcluded(allChosen ? new Set(orderable.map((r) => r.productId)) : new Set())}
        />
      ),
      width: '32px',
      render: (r) =>
        r.supplierId === null ? null : (
          <Checkbox
            aria-label={t('selectRow', { name: name(r) })}
            checked={!excluded.has(r.productId)}
            onChange={() =>
              setExcluded((s) => {
                const next = new Set(s);
                if (next.has(r.productId)) next.delete(r.productId);
                else next.add(r.productId);
                return next;
              })
            }
          />
        ),
    },
    {
      key: 'product',
      header: t('product'),
      width: 'minmax(144px, 1fr)',
      render: (r) => (
        <>
          <Text size="sm" fw={600} truncate data-testid="replenish-name">
            {name(r)}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {r.sku} · {r.supplierId === null ? t('noSupplier') : `${r.supplierName} · ${t('lead', { n: r.leadTimeDays })}`}
          </Text>
        </>
      ),
    },
    { key: 'onHand', header: t('onHand'), width: '60px', numeric: true, render: (r) => num(r.onHand) },
    { key: 'onOrder', header: t('onOrder'), width: '60px', numeric: true, render: (r) => num(r.onOrder) },
    { key: 'committed', header: t('committed'), width: '66px', numeric: true, render: (r) => num(r.committed) },
    { key: 'demand', header: t('demand'), width: '60px', numeric: true, render: (r) => r.demandPerDay.toFixed(1) },
    {
      key: 'cover',
      header: t('cover'),
      width: '56px',
      numeric: true,
      render: (r) => (r.daysOfCover === null ? t('noCover') : t('days', { n: Math.floor(r.daysOfCover) })),
    },
    {
      key: 'minMax',
      header: t('minMax'),
      width: '120px',
      numeric: true,
      render: (r) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Text size="xs" ta="right" c={r.policySource === 'override' ? 'blue' : undefined} title={r.policySource === 'override' ? t('override') : undefined} data-testid="replenish-levels">
            {num(r.min)}
            <br />
            {num(r.max)}
          </Text>
          <ActionIcon variant="subtle" size="sm" aria-label={t('editLevels')} onClick={() => setEditing(r)}>
            <IconAdjustments size={16} />
          </ActionIcon>
        </Group>
      ),
    },
    {
      key: 'suggested',
      header: t('suggested'),
      width: '130px',
      numeric: true,
      render: (r) =>
        r.supplierId === null ? (
          <Text size="xs" c="dimmed">
            {num(r.suggestedPacks)} {unitName(r)}
          </Text>
        ) : (
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <NumberInput
              size="xs"
              w={72}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              aria-label={t('packsLabel', { name: name(r) })}
              value={packsOf(r)}
              onChange={(v) => setPacks((m) => new Map(m).set(r.productId, typeof v === 'number' ? v : 0))}
              data-testid="replenish-packs"
            />
            <Text size="xs" title={r.minOrderQty > 0 ? t('moq', { qty: num(r.minOrderQty) }) : undefined}>
              {unitName(r)}
            </Text>
          </Group>
        ),
    },
    {
      key: 'value',
      header: t('value'),
      width: '84px',
      numeric: true,
      render: (r) => (r.unitCostFen === null ? '—' : formatMoney(r.unitCostFen * packsOf(r), locale)),
    },
  ];

  const filtered = filters.q !== '' || filters.supplierId !== '' || filters.categoryId !== '';
  return (
    <Stack gap="md" style={fillViewport}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <WarehouseSelect choice={choice} label={t('warehouse')} t={t} onChange={(id) => write({ warehouseId: id })} />
        <Select
          label={t('supplier')}
          w={190}
          searchable
          data={[{ value: ALL, label: t('allSuppliers') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))]}
          value={filters.supplierId || ALL}
          allowDeselect={false}
          onChange={(v) => write({ supplierId: !v || v === ALL ? '' : v })}
        />
        <Select
          label={t('category')}
          w={160}
          searchable
          data={[{ value: ALL, label: t('allCategories') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: localName(locale, c.nameZh, c.nameEn) }))]}
          value={filters.categoryId || ALL}
          allowDeselect={false}
          onChange={(v) => write({ categoryId: !v || v === ALL ? '' : v })}
        />
        <TextInput
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') write({ q: search.trim() });
          }}
          style={{ flex: '1 1 180px' }}
        />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('window')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={t('window')}
            data={windows.map((w) => ({ value: w, label: t('windowDays', { days: w }) }))}
            value={filters.window}
            onChange={(v) => write({ window: v as Filters['window'] })}
          />
        </Stack>
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('safety')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={t('safety')}
            data={[
              { value: 'days', label: t('safetyDays') },
              { value: 'service', label: t('safetyService') },
            ]}
            value={filters.safety}
            onChange={(v) => write({ safety: v === 'service' ? 'service' : 'days' })}
          />
        </Stack>
        {filters.safety === 'days' ? (
          <NumberInput size="xs" w={90} label={t('safetyDaysLabel')} min={0} max={90} allowDecimal={false} value={filters.safetyDays} onChange={(v) => typeof v === 'number' && write({ safetyDays: v })} />
        ) : (
          <Select size="xs" w={100} label={t('serviceLevel')} data={serviceLevels.map((l) => ({ value: l, label: `${l} %` }))} value={filters.serviceLevel} allowDeselect={false} onChange={(v) => v && write({ serviceLevel: v as Filters['serviceLevel'] })} />
        )}
        <NumberInput size="xs" w={110} label={t('reviewDays')} min={1} max={90} allowDecimal={false} value={filters.reviewDays} onChange={(v) => typeof v === 'number' && v >= 1 && write({ reviewDays: v })} />
        <Switch label={t('seasonal')} checked={filters.seasonal} onChange={(e) => write({ seasonal: e.currentTarget.checked })} />
        <Switch label={t('onlyNeeded')} checked={filters.onlyNeeded} onChange={(e) => write({ onlyNeeded: e.currentTarget.checked })} data-testid="only-needed" />
      </Group>
      {created.length > 0 && (
        <Alert color="teal" icon={<IconCheck />} withCloseButton onClose={() => setCreated([])} data-testid="orders-created">
          <Text size="sm" fw={600}>
            {t('created', { count: created.length })}
          </Text>
          <Group gap="md" mt={4}>
            {created.map((o) => (
              <Anchor key={o.id} href={`#/purchasing/${o.id}`} size="sm">
                {o.docNo} · {o.supplierName} · {formatMoney(o.totalValueFen, locale)}
              </Anchor>
            ))}
          </Group>
        </Alert>
      )}
      {createError !== undefined && (
        <Alert color="red" withCloseButton onClose={() => setCreateError(undefined)} data-testid="create-error">
          {errorMessage(t, createError)}
        </Alert>
      )}
      <QueryBody
        query={suggestions}
        isEmpty={(d) => d.rows.length === 0}
        empty={filtered ? <EmptyState title={t('noMatchTitle')} description={t('noMatchText')} /> : <EmptyState title={t('emptyTitle')} description={t('emptyText')} />}
      >
        {(data) => (
          <>
            <VirtualTable rows={data.rows} columns={columns} rowKey={(r) => r.productId} rowHeight={56} label={t('title')} rowTestId="replenish-row" />
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('rows', { count: data.rows.length })} · {t('asOf', { date: data.asOf, days: data.windowDays })}
              </Text>
              <Group gap="sm">
                <Text size="sm" data-testid="replenish-selection">
                  {t('selected', { count: chosen.length, suppliers: chosenSuppliers, value: formatMoney(chosenValue, locale) })}
                </Text>
                <Button leftSection={<IconShoppingCartPlus size={18} />} disabled={chosen.length === 0} loading={creating} onClick={() => void create()} data-testid="create-orders">
                  {t('create')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </QueryBody>
      {editing && <LevelsModal row={editing} warehouseId={warehouseId} t={t} name={name(editing)} onClose={() => setEditing(null)} onSaved={() => {
        setEditing(null);
        suggestions.reload();
      }} />}
    </Stack>
  );
}

interface LevelsModalProps {
  row: ReplenishmentRow;
  warehouseId: string;
  name: string;
  t: Translate;
  onClose: () => void;
  onSaved: () => void;
}

/** The buyer's own min and max for one product in the warehouse; empty fields go back to the computed levels. */
function LevelsModal({ row, warehouseId, name, t, onClose, onSaved }: LevelsModalProps) {
  const [min, setMin] = useState<number | ''>(row.overrideMin ?? '');
  const [max, setMax] = useState<number | ''>(row.overrideMax ?? '');
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const save = async (minQty: number | null, maxQty: number | null) => {
    setSaving(true);
    setError(undefined);
    try {
      await getApi()['replenishment.setPolicies']({ warehouseId, policies: [{ productId: row.productId, minQty, maxQty }] });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const fields = error === undefined ? {} : fieldErrors(error, t);
  return (
    <Modal opened onClose={onClose} title={t('levelsTitle', { name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(min === '' ? null : min, max === '' ? null : max);
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('levelsHelp', { min: row.min, max: row.max })}
          </Text>
          <NumberInput label={t('minLabel')} min={0} allowDecimal={false} allowNegative={false} value={min} onChange={(v) => setMin(typeof v === 'number' ? v : '')} error={fields['policies.0.minQty']} data-autofocus data-testid="override-min" />
          <NumberInput label={t('maxLabel')} min={0} allowDecimal={false} allowNegative={false} value={max} onChange={(v) => setMax(typeof v === 'number' ? v : '')} error={fields['policies.0.maxQty']} data-testid="override-max" />
          {error !== undefined && Object.keys(fields).length === 0 && (
            <Alert color="red">{errorMessage(t, error)}</Alert>
          )}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => void save(null, null)} disabled={saving}>
              {t('clearOverride')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={saving} data-testid="override-save">
                {t('save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
