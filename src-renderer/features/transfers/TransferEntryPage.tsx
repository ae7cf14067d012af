import { ActionIcon, Alert, Button, Checkbox, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy, IconSend, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { TransferDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { errorPayload, fieldErrors, recordLoadError } from '../../components/errors';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { productPickerLabels } from '../../components/ProductPicker';
import { parseQuantityInput, type PackUnitLike } from '../../components/parseQuantityInput';
import { QuantityInput } from '../../components/QuantityInput';
import { ScanBar } from '../../components/ScanBar';
import type { ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
import { useTransfersText, type TransfersText } from './useTransfersText';

/** A line of the form: the product, the quantity as typed ("3箱5瓶") and a lot, if the clerk chose one. */
interface DraftLine {
  key: string;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  units: PackUnitLike[];
  qtyText: string;
  lotId: string;
}

/** A new transfer, or a draft being changed (`params.id`). */
export function TransferEntryPage({ params }: { params: Record<string, string> }) {
  const text = useTransfersText();
  const id = params.id;
  const existing = useApiQuery(() => (id ? getApi()['transfers.get']({ id }) : Promise.resolve(null)), [id]);
  if (existing.error !== undefined) return <ErrorState error={recordLoadError(existing.error, 'transfer')} onRetry={existing.reload} />;
  if (existing.data === undefined) return <LoadingState />;
  return <EntryForm key={existing.data?.id ?? 'new'} existing={existing.data} text={text} />;
}

function linesOf(d: TransferDetail): DraftLine[] {
  return d.lines.map((l) => ({
    key: l.id,
    productId: l.productId,
    sku: l.sku,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    units: l.units,
    qtyText: String(l.qty),
    lotId: l.lotId ?? '',
  }));
}

/** Base units a typed quantity means ("12" in base units, "3箱5瓶"), or null when it cannot be understood. */
function baseQty(l: DraftLine): number | null {
  const parsed = parseQuantityInput(l.qtyText, l.units, l.units.find((u) => u.factor === 1));
  return parsed.ok && parsed.qty > 0 ? parsed.qty : null;
}

function EntryForm({ existing, text }: { existing: TransferDetail | null; text: TransfersText }) {
  const { t } = text;
  const today = useAppInfo().info.today ?? '';
  const warehousesQuery = useApiQuery(() => getApi()['master.warehouses']({}), []);
  const warehouses = (warehousesQuery.data ?? []).filter((w) => w.active && w.kind !== 'transit');
  const [fromWarehouseId, setFrom] = useState(existing?.fromWarehouseId ?? '');
  const [kind, setKind] = useState<'warehouse' | 'branch'>(existing && existing.direction === 'out' ? 'branch' : 'warehouse');
  const [toWarehouseId, setToWarehouse] = useState(existing?.toWarehouseId ?? '');
  const [toBranchCode, setToBranch] = useState(existing && existing.direction === 'out' ? existing.toBranchCode : '');
  const directory = useApiQuery(() => getApi()['transfers.branches']({}), []);
  // The typed code named from head office's branch directory; without one yet, say who checks it.
  const typedCode = toBranchCode.trim().toUpperCase();
  const listed = directory.data?.rows.find((r) => r.code === typedCode);
  const branchHint = !directory.data
    ? t('entry.toBranchHint')
    : !directory.data.directoryReceived
      ? t('entry.noDirectory')
      : listed
        ? listed.active
          ? t('entry.branchFound', { name: listed.name })
          : t('entry.branchClosed', { name: listed.name })
        : t('entry.branchChoose', { codes: directory.data.rows.filter((r) => r.active).slice(0, 8).map((r) => r.code).join(', ') });
  const [twoStep, setTwoStep] = useState(existing?.twoStep ?? false);
  const [businessDate, setBusinessDate] = useState(existing?.businessDate ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [lines, setLines] = useState<DraftLine[]>(() => (existing ? linesOf(existing) : []));
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRefs = useRef(new Map<string, HTMLInputElement | null>());

  useEffect(() => {
    if (fromWarehouseId === '' && warehouses.length > 0) setFrom(warehouses.find((w) => w.kind === 'main')?.id ?? warehouses[0]?.id ?? '');
  }, [warehouses, fromWarehouseId]);


  const addProduct = (p: { id: string; sku: string; nameZh: string; nameEn: string; units: PackUnitLike[] }, qty = 1) => {
    setFailure(null);
    const found = lines.find((l) => l.productId === p.id && l.lotId === '');
    if (found) {
      const now = (baseQty(found) ?? 0) + qty;
      setLines((ls) => ls.map((l) => (l.key === found.key ? { ...l, qtyText: String(now) } : l)));
      return found.key;
    }
    const key = `${p.id}-${Date.now()}-${lines.length}`;
    setLines((ls) => [...ls, { key, productId: p.id, sku: p.sku, nameZh: p.nameZh, nameEn: p.nameEn, units: p.units, qtyText: qty > 0 ? String(qty) : '', lotId: '' }]);
    return key;
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    try {
      const hit = await getApi()['products.lookupBarcode']({ barcode: code });
      addProduct(hit.product, hit.unit.factor);
      return { ok: true, message: t('entry.scanned', { product: text.name(hit.product) }) };
    } catch (error) {
      const c = errorPayload(error)?.code;
      return { ok: false, message: c === 'BARCODE_UNKNOWN' || c === 'NOT_FOUND' ? t('entry.unknown', { code }) : text.error(error) };
    }
  };

  const serverFields = fieldErrors(failure, t);
  const save = async (send: boolean) => {
    const parsed = lines.map((l) => ({ l, qty: baseQty(l) }));
    setTried(true);
    if (parsed.some((p) => p.qty === null)) return setFailure(null);
    const base = (l: DraftLine) => l.units.find((u) => u.factor === 1)?.code ?? '';
    const draft = {
      fromWarehouseId,
      ...(kind === 'warehouse' ? (toWarehouseId ? { toWarehouseId } : {}) : { toBranchCode: toBranchCode.trim().toUpperCase() }),
      twoStep: kind === 'warehouse' && twoStep,
      ...(businessDate ? { businessDate } : {}),
      note,
      lines: parsed.map(({ l, qty }) => ({ productId: l.productId, unitCode: base(l), qty: qty ?? 0, ...(l.lotId ? { lotId: l.lotId } : {}) })),
    };
    setSaving(true);
    setFailure(null);
    try {
      const api = getApi();
      let done = existing ? await api['transfers.update']({ id: existing.id, ...draft }) : await api['transfers.create']({ ...draft, send: false });
      if (send) done = await api['transfers.send']({ id: done.id });
      notifications.show({ color: 'green', message: t(send ? 'entry.sent' : 'entry.saved', { docNo: done.docNo }) });
      navigate(`/transfers/${done.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const shownPaths = ['fromWarehouseId', 'toWarehouseId', 'toBranchCode', 'businessDate', ...lines.flatMap((_, i) => [`lines.${i}.qty`, `lines.${i}.lotId`])];
  const banner = failure !== null && !Object.keys(serverFields).every((p) => shownPaths.includes(p)) ? text.error(failure) : failure !== null && Object.keys(serverFields).length === 0 ? text.error(failure) : null;
  if (warehousesQuery.error !== undefined) return <ErrorState error={warehousesQuery.error} onRetry={warehousesQuery.reload} />;
  if (!warehousesQuery.data) return <LoadingState />;

  return (
    <Stack gap="md">
      <PageHeader title={existing ? t('entry.editTitle', { docNo: existing.docNo }) : t('entry.newTitle')} backTo={existing ? `/transfers/${existing.id}` : '/transfers'} backLabel={t('entry.back')} />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Select
            label={t('entry.from')}
            data={warehouses.map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
            value={fromWarehouseId || null}
            onChange={(v) => setFrom(v ?? '')}
            allowDeselect={false}
            error={serverFields.fromWarehouseId}
            data-testid="from-warehouse"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('entry.destination')}
            </Text>
            <SegmentedControl
              fullWidth
              value={kind}
              onChange={(v) => setKind(v as 'warehouse' | 'branch')}
              data={[
                { value: 'warehouse', label: t('entry.toWarehouseOption') },
                { value: 'branch', label: t('entry.toBranchOption') },
              ]}
              data-testid="destination-kind"
            />
          </div>
          {kind === 'warehouse' ? (
            <Select
              label={t('entry.toWarehouse')}
              data={warehouses.filter((w) => w.id !== fromWarehouseId).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
              value={toWarehouseId || null}
              onChange={(v) => setToWarehouse(v ?? '')}
              error={serverFields.toWarehouseId ?? serverFields.toBranchCode}
              data-testid="to-warehouse"
            />
          ) : (
            <TextInput
              label={t('entry.toBranch')}
              description={<span data-testid="to-branch-hint">{branchHint}</span>}
              value={toBranchCode}
              onChange={(e) => setToBranch(e.currentTarget.value)}
              maxLength={8}
              error={serverFields.toBranchCode ?? serverFields.toWarehouseId}
              data-testid="to-branch"
            />
          )}
          <TextInput type="date" label={t('entry.businessDate')} value={businessDate || today} max={today || undefined} onChange={(e) => setBusinessDate(e.currentTarget.value)} error={serverFields.businessDate} />
        </SimpleGrid>
        <Group mt="md" gap="xl" align="flex-start">
          {kind === 'warehouse' && <Checkbox label={t('entry.twoStep')} description={t('entry.twoStepHint')} checked={twoStep} onChange={(e) => setTwoStep(e.currentTarget.checked)} data-testid="two-step" />}
          <TextInput label={t('entry.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} style={{ flex: '1 1 240px' }} />
        </Group>
      </Paper>
      <ScanBar
        scanRef={scanRef}
        onScan={onScan}
        onPick={(p) => {
          const key = addProduct(p, 0);
          requestAnimationFrame(() => qtyRefs.current.get(key)?.focus());
        }}
        onEmptyEnter={() => void save(false)}
        labels={{ scan: t('receive.scan'), scanPlaceholder: t('receive.scanPlaceholder'), picker: productPickerLabels(t) }}
        hints={[]}
        size="md"
      />
      <Paper withBorder radius="md" p={0}>
        <Title order={4} p="md" pb={0}>
          {t('entry.lines')}
        </Title>
        {lines.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="no-lines">
            {t('entry.noLines')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label={t('entry.lines')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('entry.product')}</Table.Th>
                  <Table.Th w={220}>{t('entry.qty')}</Table.Th>
                  <Table.Th w={260}>{t('entry.lot')}</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => {
                  const qty = baseQty(l);
                  return (
                    <Table.Tr key={l.key} data-testid="entry-line">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {text.name(l)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {l.sku}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <QuantityInput
                          value={l.qtyText}
                          units={l.units}
                          onChange={(value) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, qtyText: value } : x)))}
                          error={(tried || l.qtyText.trim() !== '') && qty === null ? t('entry.qtyInvalid') : serverFields[`lines.${i}.qty`]}
                          ref={(el) => {
                            qtyRefs.current.set(l.key, el);
                          }}
                          aria-label={t('entry.qty')}
                          data-testid="line-qty"
                        />
                      </Table.Td>
                      <Table.Td>
                        <LotSelect
                          warehouseId={fromWarehouseId}
                          line={l}
                          text={text}
                          error={serverFields[`lines.${i}.lotId`]}
                          onChange={(lotId) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, lotId } : x)))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="red" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} aria-label={t('entry.remove')}>
                          <IconTrash size={18} />
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
      {banner && (
        <Alert color="red" icon={<IconAlertCircle />} data-testid="entry-error" role="alert">
          {banner}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconDeviceFloppy size={18} />} loading={saving} disabled={lines.length === 0} onClick={() => void save(false)} data-testid="save-draft">
          {t('entry.saveDraft')}
        </Button>
        <Button leftSection={<IconSend size={18} />} loading={saving} disabled={lines.length === 0} onClick={() => void save(true)} data-testid="save-send">
          {t('entry.saveAndSend')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The lots of a line's product in the source warehouse, with what each holds; none chosen means first expiry first out. */
function LotSelect({ warehouseId, line, text, error, onChange }: { warehouseId: string; line: DraftLine; text: TransfersText; error: string | undefined; onChange: (lotId: string) => void }) {
  const { t } = text;
  const lots = useApiQuery(
    () => (warehouseId ? getApi()['stock.onHand']({ warehouseId, productId: line.productId, groupBy: 'lot', limit: 200, withTotals: false, q: '' }) : Promise.resolve(null)),
    [warehouseId, line.productId],
  );
  const rows = (lots.data?.rows ?? []).filter((r) => r.qty > 0);
  return (
    <Select
      data={[{ value: '', label: t('entry.fefo') }, ...rows.map((r) => ({ value: r.lotId ?? '', label: `${r.lotCode || '—'}${r.expiryDate ? ` · ${text.date(r.expiryDate)}` : ''} · ${text.qty(r.qty, line.units)}` }))]}
      value={line.lotId}
      allowDeselect={false}
      onChange={(v) => onChange(v ?? '')}
      description={t('entry.onHand', { qty: text.qty(rows.reduce((n, r) => n + r.qty, 0), line.units) })}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
      aria-label={t('entry.lot')}
      data-testid="line-lot"
    />
  );
}
