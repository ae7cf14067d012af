import { ActionIcon, Alert, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProductRow, SupplierProductTerms } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorPayload } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { fenToYuanText, parseYuanToFen } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { productPickerLabels } from '../../components/ProductPicker';
import { ScanBar } from '../../components/ScanBar';
import type { ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { defaultCostFen, roundLineUp, unitFactor, type PoLine } from './poDraft';
import { usePurchasingText } from './usePurchasingText';

let nextKey = 0;
const newKey = () => `po-line-${++nextKey}`;

function lineFrom(terms: SupplierProductTerms, unitCode: string, qty: number, costFen: number | null): PoLine {
  const rounded = roundLineUp(terms, unitCode, qty);
  return { key: newKey(), terms, unitCode, qty: rounded.qty, roundedFrom: rounded.roundedFrom, costText: costFen === null ? '' : fenToYuanText(costFen) };
}

/** A new purchase order, or a draft's changes: supplier and its terms, products by scan or search, rounded to packs. */
export function PurchaseEntryPage({ params }: { params: Record<string, string> }) {
  const text = usePurchasingText();
  const { t } = text;
  const editing = params.id;
  const scanRef = useRef<HTMLInputElement | null>(null);
  const masters = useApiQuery(() => Promise.all([getApi()['purchasing.suppliers']({}), getApi()['master.warehouses']({})]), []);
  const existing = useApiQuery(() => (editing ? getApi()['purchasing.get']({ id: editing }) : Promise.resolve(null)), [editing]);
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [expectedDate, setExpectedDate] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<PoLine[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const suppliers = masters.data?.[0] ?? [];
  const warehouses = useMemo(() => (masters.data?.[1] ?? []).filter((w) => w.active), [masters.data]);
  const supplier = suppliers.find((s) => s.id === supplierId);

  useEffect(() => {
    if (warehouseId === null && warehouses.length > 0) setWarehouseId((warehouses.find((w) => w.kind === 'main') ?? warehouses[0])?.id ?? null);
  }, [warehouses, warehouseId]);

  // A draft being edited: its header and lines, each with the supplier's terms.
  useEffect(() => {
    const po = existing.data;
    if (!po) return;
    setSupplierId(po.supplierId);
    setWarehouseId(po.warehouseId);
    setExpectedDate(po.expectedDate);
    setNote(po.note);
    void Promise.all(po.lines.map((l) => getApi()['purchasing.productTerms']({ supplierId: po.supplierId, productId: l.productId }))).then((terms) =>
      setLines(po.lines.map((l, i) => ({ key: newKey(), terms: terms[i] as SupplierProductTerms, unitCode: l.unitCode, qty: l.unitQty, roundedFrom: null, costText: fenToYuanText(l.unitCostFen) }))),
    );
  }, [existing.data]);

  const addProduct = async (productId: string, unitCode?: string, count = 1): Promise<SupplierProductTerms | null> => {
    if (!supplierId) {
      setFailure(t('entry.chooseSupplier'));
      return null;
    }
    const terms = await getApi()['purchasing.productTerms']({ supplierId, productId });
    const unit = unitCode ?? terms.purchaseUnitCode;
    setLines((prev) => {
      const same = prev.find((l) => l.terms.productId === productId && l.unitCode === unit);
      if (same) return prev.map((l) => (l === same ? { ...l, ...roundLineUp(terms, unit, l.qty + count) } : l));
      return [...prev, lineFrom(terms, unit, count, defaultCostFen(terms, unit))];
    });
    setFailure(null);
    return terms;
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    try {
      const hit = await getApi()['products.lookupBarcode']({ barcode: code });
      const terms = await addProduct(hit.product.id, hit.unit.code);
      return terms ? { ok: true, message: text.name(terms) } : { ok: false, message: t('entry.chooseSupplier') };
    } catch (error) {
      const code_ = errorPayload(error)?.code;
      return { ok: false, message: code_ === 'BARCODE_UNKNOWN' || code_ === 'NOT_FOUND' ? t('entry.scanUnknown', { code }) : text.error(error) };
    }
  };
  const onPick = (p: ProductRow) => void addProduct(p.id).catch((e: unknown) => setFailure(text.error(e)));

  const edit = (key: string, patch: Partial<PoLine>) => setLines((prev) => prev.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const costFen = (l: PoLine) => {
    const parsed = parseYuanToFen(l.costText);
    return parsed.ok ? parsed.fen : null;
  };
  const totals = lines.reduce((s, l) => ({ qty: s.qty + l.qty * unitFactor(l.terms, l.unitCode), value: s.value + l.qty * (costFen(l) ?? 0) }), { qty: 0, value: 0 });

  const save = async (send: boolean) => {
    if (!supplierId || !warehouseId) return setFailure(t('entry.chooseSupplier'));
    if (lines.length === 0) return setFailure(t('entry.noLines'));
    if (lines.some((l) => costFen(l) === null)) return setFailure(t('entry.costRequired'));
    setSaving(true);
    setFailure(null);
    const draft = {
      supplierId,
      warehouseId,
      note,
      ...(expectedDate ? { expectedDate } : {}),
      lines: lines.map((l) => ({ productId: l.terms.productId, unitCode: l.unitCode, qty: l.qty, unitCostFen: costFen(l) ?? 0 })),
    };
    try {
      let po = editing ? await getApi()['purchasing.update']({ id: editing, ...draft }) : await getApi()['purchasing.create']({ ...draft, send });
      if (editing && send) po = await getApi()['purchasing.send']({ id: po.id });
      notifications.show({ color: 'green', message: t('entry.saved', { docNo: po.docNo }) });
      navigate(`/purchasing/${po.id}`);
    } catch (error) {
      setFailure(text.error(error));
    } finally {
      setSaving(false);
    }
  };

  if (masters.error !== undefined) return <ErrorState error={masters.error} onRetry={masters.reload} />;
  if (!masters.data || (editing && !existing.data)) return existing.error !== undefined ? <ErrorState error={existing.error} onRetry={existing.reload} /> : <LoadingState />;

  return (
    <Stack gap="md">
      <PageHeader
        title={editing ? t('entry.titleEdit', { docNo: existing.data?.docNo ?? '' }) : t('entry.titleNew')}
        subtitle={t('entry.subtitle')}
        backTo={editing ? `/purchasing/${editing}` : '/purchasing'}
      />
      <Paper withBorder radius="md" p="md">
        <Group gap="md" wrap="wrap" align="flex-start">
          <Select
            label={t('entry.supplier')}
            placeholder={t('entry.supplierPlaceholder')}
            data={suppliers.map((s) => ({ value: s.id, label: `${s.code} ${s.name} · ${t('entry.leadTime', { days: s.leadTimeDays })}` }))}
            value={supplierId}
            onChange={(v) => {
              setSupplierId(v);
              setLines([]);
            }}
            disabled={lines.length > 0 && editing !== undefined}
            searchable
            style={{ flex: '2 1 320px' }}
            data-testid="po-supplier"
          />
          <Select
            label={t('entry.warehouse')}
            data={warehouses.map((w) => ({ value: w.id, label: w.name }))}
            value={warehouseId}
            onChange={setWarehouseId}
            allowDeselect={false}
            style={{ flex: '1 1 180px' }}
          />
          <TextInput
            type="date"
            label={t('entry.expectedDate')}
            description={supplier ? `${t('entry.expectedHint')} (${t('entry.leadTime', { days: supplier.leadTimeDays })})` : t('entry.expectedHint')}
            value={expectedDate}
            onChange={(e) => setExpectedDate(e.currentTarget.value)}
            style={{ flex: '1 1 180px' }}
          />
          <TextInput label={t('entry.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: '2 1 240px' }} />
        </Group>
      </Paper>
      <ScanBar
        scanRef={scanRef}
        onScan={onScan}
        onPick={onPick}
        onEmptyEnter={() => undefined}
        disabled={!supplierId}
        labels={{ scan: t('entry.scan'), scanPlaceholder: t('entry.scanPlaceholder'), picker: productPickerLabels(t) }}
        hints={[]}
        size="lg"
      />
      <Paper withBorder radius="md" p={0}>
        {lines.length === 0 ? (
          <Text c="dimmed" p="md">
            {supplierId ? t('entry.noLines') : t('entry.chooseSupplier')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" data-testid="po-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('entry.product')}</Table.Th>
                  <Table.Th w={120}>{t('entry.unit')}</Table.Th>
                  <Table.Th w={110}>{t('entry.qty')}</Table.Th>
                  <Table.Th w={130}>{t('entry.unitCost')}</Table.Th>
                  <Table.Th ta="right">{t('entry.value')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l) => {
                  const units = l.terms.units.map((u) => ({ code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, factor: u.factor }));
                  const cost = costFen(l);
                  return (
                    <Table.Tr key={l.key} data-testid="po-line">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {text.name(l.terms)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {l.terms.sku} ·{' '}
                          {l.terms.supplierItemCode === null
                            ? t('entry.noTerms')
                            : t('entry.terms', { pack: text.qty(l.terms.packFactor, units), moq: text.qty(l.terms.minOrderQty, units), days: l.terms.leadTimeDays })}
                        </Text>
                        {l.roundedFrom !== null && (
                          <Text size="xs" c="orange.8" data-testid="po-rounded">
                            {t('entry.rounded', { from: text.qty(l.roundedFrom, units), to: text.qty(l.qty * unitFactor(l.terms, l.unitCode), units) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('entry.unit')}
                          data={l.terms.units.map((u) => ({ value: u.code, label: text.name(u) }))}
                          value={l.unitCode}
                          allowDeselect={false}
                          onChange={(v) => v && edit(l.key, { unitCode: v, ...roundLineUp(l.terms, v, l.qty), costText: fenToYuanText(defaultCostFen(l.terms, v) ?? 0) })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('entry.qty')}
                          value={l.qty}
                          min={1}
                          allowDecimal={false}
                          onChange={(v) => edit(l.key, { qty: typeof v === 'number' ? v : Number(v) || 1, roundedFrom: null })}
                          onBlur={() => edit(l.key, roundLineUp(l.terms, l.unitCode, l.qty))}
                          data-testid="po-qty"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput aria-label={t('entry.unitCost')} value={l.costText} onChange={(e) => edit(l.key, { costText: e.currentTarget.value })} error={cost === null} />
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {cost === null ? '—' : text.money(l.qty * cost)}
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" aria-label={t('entry.remove')} onClick={() => setLines((prev) => prev.filter((x) => x.key !== l.key))}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {failure && (
        <Alert color="red" data-testid="po-error">
          {failure}
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap">
        <Text fw={600} data-testid="po-total">
          {t('entry.total', { qty: text.number(totals.qty), value: text.money(totals.value) })}
        </Text>
        <Group>
          <Button variant="default" loading={saving} onClick={() => void save(false)} data-testid="po-save">
            {t('entry.saveDraft')}
          </Button>
          <Button loading={saving} onClick={() => void save(true)} data-testid="po-save-send">
            {t('entry.saveSend')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
