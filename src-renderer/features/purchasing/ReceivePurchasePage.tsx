import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PurchaseOrderDetail, ReceiptCheck, ReceiptFlag } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorPayload } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import { QuantityInput } from '../../components/QuantityInput';
import { ScanField, type ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { displayUnits } from './poDraft';
import { ProductCell } from './ProductCell';
import { PurchaseStatusBadge } from './PurchaseStatusBadge';
import { usePurchasingText, type PurchasingText } from './usePurchasingText';

type Line = PurchaseOrderDetail['lines'][number];
interface Entry {
  qtyText: string;
  lotCode: string;
  expiryDate: string;
}
const emptyEntry: Entry = { qtyText: '', lotCode: '', expiryDate: '' };

function baseQtyOf(line: Line, entry: Entry | undefined): number | null {
  if (!entry || entry.qtyText.trim() === '') return 0;
  const parsed = parseQuantityInput(entry.qtyText, displayUnits(line), displayUnits(line).find((u) => u.factor === 1));
  return parsed.ok ? parsed.qty : null;
}

function flagText(f: ReceiptFlag, text: PurchasingText, lines: readonly Line[]): string {
  const line = lines.find((l) => l.lineNo === f.lineNo);
  const q = (n: number) => (line ? text.qty(n, displayUnits(line)) : text.number(n));
  if (f.kind === 'short_dated') return text.t('receive.shortDated', { line: f.lineNo, lot: f.lotCode, remaining: f.remainingDays, min: f.minDays });
  return text.t(`receive.${f.kind}`, { line: f.lineNo, diff: q(f.difference), open: q(f.open), incoming: q(f.incoming) });
}

/** Receiving against a purchase order, scanner first: each scan of a unit or case adds to its line; lots asked per line; flags before posting. */
export function ReceivePurchasePage({ params }: { params: Record<string, string> }) {
  const text = usePurchasingText();
  const { t } = text;
  const id = params.id ?? '';
  const order = useApiQuery(() => getApi()['purchasing.get']({ id }), [id]);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [allowOver, setAllowOver] = useState(false);
  const [allowShort, setAllowShort] = useState(false);
  const [check, setCheck] = useState<ReceiptCheck | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const lotRefs = useRef(new Map<string, HTMLInputElement | null>());
  const po = order.data;

  const request = useMemo(() => {
    if (!po) return null;
    const lines = [];
    for (const l of po.lines) {
      const qty = baseQtyOf(l, entries[l.id]);
      if (qty === null) return null;
      if (qty === 0) continue;
      const e = entries[l.id] ?? emptyEntry;
      lines.push({
        lineId: l.id,
        productId: l.productId,
        unitCode: l.baseUnitCode,
        qty,
        ...(l.lotTracked && e.lotCode.trim() ? { lotCode: e.lotCode.trim() } : {}),
        ...(l.lotTracked && e.expiryDate ? { expiryDate: e.expiryDate } : {}),
      });
    }
    return lines.length > 0 ? { id: po.id, lines } : null;
  }, [po, entries]);
  const [debounced] = useDebouncedValue(request, 200);

  useEffect(() => {
    if (!debounced) {
      setCheck(null);
      return;
    }
    let live = true;
    const api = getApi();
    api['purchasing.checkReceipt'](debounced)
      .then((c) => live && setCheck(c))
      .catch((e: unknown) => live && setFailure(text.error(e)));
    return () => {
      live = false;
    };
  }, [debounced, text]);

  if (order.error !== undefined && !po) return <ErrorState error={order.error} onRetry={order.reload} />;
  if (!po) return <LoadingState />;

  const setEntry = (lineId: string, patch: Partial<Entry>) => {
    setEntries((prev) => ({ ...prev, [lineId]: { ...emptyEntry, ...prev[lineId], ...patch } }));
    setFailure(null);
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    try {
      const hit = await getApi()['products.lookupBarcode']({ barcode: code });
      const candidates = po.lines.filter((l) => l.productId === hit.product.id);
      const line = candidates.find((l) => l.open > (baseQtyOf(l, entries[l.id]) ?? 0)) ?? candidates[0];
      if (!line) return { ok: false, message: t('receive.notOnOrder', { product: text.name(hit.product) }) };
      const now = (baseQtyOf(line, entries[line.id]) ?? 0) + hit.unit.factor;
      setEntry(line.id, { qtyText: text.qty(now, displayUnits(line)) });
      // A lot-tracked product: the clerk types its lot and expiry next.
      if (line.lotTracked && !(entries[line.id]?.lotCode ?? '').trim()) requestAnimationFrame(() => lotRefs.current.get(line.id)?.focus());
      return { ok: true, message: t('receive.scanned', { qty: text.qty(hit.unit.factor, displayUnits(line)), product: text.name(line) }) };
    } catch (error) {
      const c = errorPayload(error)?.code;
      return { ok: false, message: c === 'BARCODE_UNKNOWN' || c === 'NOT_FOUND' ? t('receive.unknown', { code }) : text.error(error) };
    }
  };

  const post = async () => {
    if (!request) return setFailure(t('receive.nothing'));
    setPosting(true);
    setFailure(null);
    try {
      const done = await getApi()['purchasing.receive']({ ...request, allowOver, allowShortDated: allowShort });
      notifications.show({ color: 'green', message: t('receive.posted', { docNo: done.receipt.docNo }) });
      navigate(`/purchasing/${po.id}`);
    } catch (error) {
      setFailure(text.error(error));
    } finally {
      setPosting(false);
    }
  };

  const flags = check?.flags ?? [];
  const needsOver = check?.needsConfirmation.over ?? false;
  const needsShort = check?.needsConfirmation.shortDated ?? false;
  const blocked = !request || (needsOver && !allowOver) || (needsShort && !allowShort);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('receive.title', { docNo: po.docNo })}
        subtitle={t('receive.subtitle')}
        backTo={`/purchasing/${po.id}`}
        backLabel={t('receive.back')}
        badges={<PurchaseStatusBadge status={po.status} text={text} />}
      />
      <Paper withBorder radius="md" p="md">
        <ScanField label={t('receive.scan')} placeholder={t('receive.scanPlaceholder')} onScan={onScan} autoFocus size="xl" />
      </Paper>
      <Paper withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="xs" data-testid="receive-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('receive.product')}</Table.Th>
                <Table.Th ta="right">{t('receive.ordered')}</Table.Th>
                <Table.Th ta="right">{t('receive.received')}</Table.Th>
                <Table.Th ta="right">{t('receive.open')}</Table.Th>
                <Table.Th w={170}>{t('receive.thisReceipt')}</Table.Th>
                <Table.Th w={170}>{t('receive.lot')}</Table.Th>
                <Table.Th w={160}>{t('receive.expiry')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {po.lines.map((l) => {
                const units = displayUnits(l);
                const e = entries[l.id] ?? emptyEntry;
                const qty = baseQtyOf(l, e);
                const lotMissing = l.lotTracked && (qty ?? 0) > 0 && (!e.lotCode.trim() || !e.expiryDate);
                return (
                  <Table.Tr key={l.id} data-testid="receive-line" data-product={l.sku}>
                    <Table.Td>{l.lineNo}</Table.Td>
                    <Table.Td>
                      <ProductCell line={l} text={text} />
                    </Table.Td>
                    <Table.Td ta="right">{text.qty(l.qty, units)}</Table.Td>
                    <Table.Td ta="right">{text.qty(l.received, units)}</Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {text.qty(l.open, units)}
                    </Table.Td>
                    <Table.Td>
                      <QuantityInput
                        aria-label={t('receive.thisReceipt')}
                        placeholder={t('receive.qtyHint')}
                        value={e.qtyText}
                        units={units}
                        defaultUnit={units.find((u) => u.factor === 1)}
                        onChange={(v) => setEntry(l.id, { qtyText: v })}
                        error={qty === null ? t('problems.QUANTITY_INVALID') : undefined}
                        data-testid="receive-qty"
                      />
                    </Table.Td>
                    <Table.Td>
                      {l.lotTracked && (
                        <TextInput
                          aria-label={t('receive.lot')}
                          value={e.lotCode}
                          ref={(el) => {
                            lotRefs.current.set(l.id, el);
                          }}
                          onChange={(ev) => setEntry(l.id, { lotCode: ev.currentTarget.value })}
                          error={lotMissing && !e.lotCode.trim() ? t('receive.lotNeeded') : undefined}
                          data-testid="receive-lot"
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {l.lotTracked && (
                        <TextInput
                          type="date"
                          aria-label={t('receive.expiry')}
                          value={e.expiryDate}
                          onChange={(ev) => setEntry(l.id, { expiryDate: ev.currentTarget.value })}
                          error={lotMissing && !e.expiryDate}
                          data-testid="receive-expiry"
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder radius="md" p="md" data-testid="receive-flags">
        <Text fw={700} mb="xs">
          {t('receive.flags')}
        </Text>
        {!request ? (
          <Text c="dimmed">{t('receive.nothing')}</Text>
        ) : flags.length === 0 ? (
          <Group gap="xs" c="teal.8">
            <IconCheck size={18} />
            <Text>{t('receive.noFlags')}</Text>
          </Group>
        ) : (
          <Stack gap={6}>
            {flags.map((f) => (
              <Group key={`${f.kind}-${f.lineNo}`} gap="xs" c={f.kind === 'under' ? 'yellow.9' : 'red.8'} data-testid={`flag-${f.kind}`} wrap="nowrap">
                <IconAlertTriangle size={18} />
                <Text size="sm">{flagText(f, text, po.lines)}</Text>
              </Group>
            ))}
            {needsOver && <Checkbox label={t('receive.confirmOver')} checked={allowOver} onChange={(e) => setAllowOver(e.currentTarget.checked)} data-testid="confirm-over" />}
            {needsShort && <Checkbox label={t('receive.confirmShort')} checked={allowShort} onChange={(e) => setAllowShort(e.currentTarget.checked)} data-testid="confirm-short" />}
          </Stack>
        )}
      </Paper>
      {failure && (
        <Alert color="red" data-testid="receive-error">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button size="lg" color="teal" loading={posting} disabled={blocked} onClick={() => void post()} data-testid="receive-post">
          {t('receive.post')}
        </Button>
      </Group>
    </Stack>
  );
}
