import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconEraser } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { TransferDetail, TransferDiscrepancyReason, TransferDisposition } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorPayload, fieldErrors, recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import { QuantityInput } from '../../components/QuantityInput';
import { ScanField, type ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { TransferStatusBadge } from './TransferStatusBadge';
import { useTransfersText, type TransfersText } from './useTransfersText';

const reasons: readonly TransferDiscrepancyReason[] = ['damaged', 'lost', 'miscount', 'wrong_item', 'other'];
type Line = TransferDetail['lines'][number];
interface Entry {
  qtyText: string;
  reason: TransferDiscrepancyReason | '';
  disposition: TransferDisposition | '';
}

function receivedOf(line: Line, entry: Entry): number | null {
  const parsed = parseQuantityInput(entry.qtyText, line.units, line.units.find((u) => u.factor === 1));
  if (entry.qtyText.trim() === '') return 0;
  return parsed.ok ? parsed.qty : null;
}

/** Receiving a transfer, scanner first: quantities start at what was sent; scanning counts what arrived instead; a difference asks for its reason and disposition. */
export function ReceiveTransferPage({ params }: { params: Record<string, string> }) {
  const text = useTransfersText();
  const id = params.id ?? '';
  const query = useApiQuery(() => getApi()['transfers.get']({ id }), [id]);
  if (query.error !== undefined) return <ErrorState error={recordLoadError(query.error, 'transfer')} onRetry={query.reload} />;
  if (!query.data) return <LoadingState />;
  return <ReceiveForm d={query.data} text={text} />;
}

function ReceiveForm({ d, text }: { d: TransferDetail; text: TransfersText }) {
  const { t } = text;
  const [entries, setEntries] = useState<Record<string, Entry>>(() => Object.fromEntries(d.lines.map((l) => [l.id, { qtyText: String(l.qty), reason: '', disposition: '' }])));
  const [scanning, setScanning] = useState(false);
  const [warehouseId, setWarehouseId] = useState(d.direction === 'internal' ? (d.toWarehouseId ?? '') : '');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [posting, setPosting] = useState(false);
  const warehouses = useApiQuery(() => getApi()['master.warehouses']({}), []);
  const choices = (warehouses.data ?? []).filter((w) => w.active && w.kind !== 'transit');
  useEffect(() => {
    if (warehouseId === '' && choices.length > 0) setWarehouseId(choices.find((w) => w.kind === 'main')?.id ?? choices[0]?.id ?? '');
  }, [choices, warehouseId]);

  const setEntry = (lineId: string, patch: Partial<Entry>) => {
    setEntries((prev) => ({ ...prev, [lineId]: { ...(prev[lineId] as Entry), ...patch } }));
    setFailure(null);
  };

  // The first scan turns the sheet from "as sent" into "as scanned": every line counts from zero.
  const startScanning = () => {
    setScanning(true);
    setEntries((prev) => Object.fromEntries(Object.entries(prev).map(([k, e]) => [k, { ...e, qtyText: '' }])));
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    try {
      const hit = await getApi()['products.lookupBarcode']({ barcode: code });
      const candidates = d.lines.filter((l) => l.productId === hit.product.id);
      const base = scanning ? entries : Object.fromEntries(d.lines.map((l) => [l.id, { qtyText: '', reason: '', disposition: '' } as Entry]));
      const line = candidates.find((l) => (receivedOf(l, base[l.id] as Entry) ?? 0) < l.qty) ?? candidates[0];
      if (!line) return { ok: false, message: t('receive.notOnTransfer', { product: text.name(hit.product) }) };
      if (!scanning) startScanning();
      const now = (receivedOf(line, base[line.id] as Entry) ?? 0) + hit.unit.factor;
      setEntry(line.id, { qtyText: String(now) });
      return { ok: true, message: t('receive.scanned', { product: text.name(line), qty: text.qty(now, line.units) }) };
    } catch (error) {
      const c = errorPayload(error)?.code;
      return { ok: false, message: c === 'BARCODE_UNKNOWN' || c === 'NOT_FOUND' ? t('receive.unknown', { code }) : text.error(error) };
    }
  };

  const serverFields = fieldErrors(failure, t);
  const post = async () => {
    const lines = [];
    for (const l of d.lines) {
      const e = entries[l.id] as Entry;
      const received = receivedOf(l, e);
      if (received === null) return;
      if (received === l.qty) continue;
      lines.push({ lineId: l.id, receivedQty: received, ...(e.reason ? { reasonCode: e.reason } : {}), ...(e.disposition ? { disposition: e.disposition } : {}) });
    }
    setPosting(true);
    setFailure(null);
    try {
      const done = await getApi()['transfers.receive']({ id: d.id, lines, note, ...(d.direction === 'internal' ? {} : { warehouseId }) });
      notifications.show({ color: 'green', message: t('receive.posted', { docNo: done.docNo }) });
      navigate(`/transfers/${d.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setPosting(false);
    }
  };

  // Server field paths name the position among the differing lines sent; map them back to our lines.
  const differing = d.lines.filter((l) => receivedOf(l, entries[l.id] as Entry) !== l.qty);
  const fieldFor = (l: Line, field: string) => {
    const k = differing.findIndex((x) => x.id === l.id);
    return k < 0 ? undefined : serverFields[`lines.${k}.${field}`];
  };
  const shown = Object.keys(serverFields).every((p) => /^lines\.\d+\.(receivedQty|reasonCode|disposition)$/.test(p) || p === 'warehouseId');
  return (
    <Stack gap="md">
      <PageHeader title={t('receive.title', { docNo: d.docNo })} backTo={`/transfers/${d.id}`} backLabel={t('receive.back')} badges={<TransferStatusBadge status={d.status} text={text} />} />
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label={t('receive.warehouse')}
            data={choices.map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
            value={warehouseId || null}
            onChange={(v) => setWarehouseId(v ?? '')}
            disabled={d.direction === 'internal'}
            allowDeselect={false}
            error={serverFields.warehouseId}
            w={240}
            data-testid="receive-warehouse"
          />
          <div style={{ flex: '2 1 320px' }}>
            <ScanField label={t('receive.scan')} placeholder={t('receive.scanPlaceholder')} size="md" autoFocus onScan={onScan} onEmptyEnter={() => void post()} />
          </div>
          <Button variant="default" leftSection={<IconEraser size={18} />} onClick={startScanning} data-testid="reset-scans">
            {t('receive.resetScans')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed" mt="xs">
          {t('receive.hint')}
        </Text>
      </Paper>
      <Paper withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="xs" aria-label={t('detail.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.product')}</Table.Th>
                <Table.Th>{t('detail.lot')}</Table.Th>
                <Table.Th ta="right">{t('receive.sent')}</Table.Th>
                <Table.Th w={200}>{t('receive.received')}</Table.Th>
                <Table.Th w={150}>{t('receive.reason')}</Table.Th>
                <Table.Th w={170}>{t('receive.disposition')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.lines.map((l) => {
                const e = entries[l.id] as Entry;
                const received = receivedOf(l, e);
                const differs = received !== null && received !== l.qty;
                const dispositions: TransferDisposition[] = received !== null && received < l.qty ? ['write_off'] : ['accept', 'return'];
                return (
                  <Table.Tr key={l.id} data-testid="receive-line" bg={differs ? 'var(--mantine-color-orange-light)' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {text.name(l)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.sku}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {l.lotCode || '—'}
                      {l.expiryDate ? ` · ${text.date(l.expiryDate)}` : ''}
                    </Table.Td>
                    <Table.Td ta="right">{text.qty(l.qty, l.units)}</Table.Td>
                    <Table.Td>
                      <QuantityInput
                        value={e.qtyText}
                        units={l.units}
                        onChange={(v) => setEntry(l.id, { qtyText: v })}
                        error={received === null ? t('entry.qtyInvalid') : fieldFor(l, 'receivedQty')}
                        aria-label={t('receive.received')}
                        data-testid="received-qty"
                      />
                    </Table.Td>
                    <Table.Td>
                      {differs && (
                        <Select
                          data={reasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
                          value={e.reason || null}
                          onChange={(v) => setEntry(l.id, { reason: (v ?? '') as TransferDiscrepancyReason | '' })}
                          error={fieldFor(l, 'reasonCode')}
                          aria-label={t('receive.reason')}
                          data-testid="line-reason"
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {differs && (
                        <Select
                          data={dispositions.map((x) => ({ value: x, label: t(`dispositions.${x}`) }))}
                          value={e.disposition && dispositions.includes(e.disposition) ? e.disposition : null}
                          onChange={(v) => setEntry(l.id, { disposition: (v ?? '') as TransferDisposition | '' })}
                          error={fieldFor(l, 'disposition')}
                          aria-label={t('receive.disposition')}
                          data-testid="line-disposition"
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
      <TextInput label={t('receive.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
      {failure !== null && !(shown && Object.keys(serverFields).length > 0) && (
        <Alert color="red" icon={<IconAlertCircle />} data-testid="receive-error" role="alert">
          {text.error(failure)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button leftSection={<IconCheck size={18} />} loading={posting} onClick={() => void post()} data-testid="post-receipt">
          {t('receive.post')}
        </Button>
      </Group>
    </Stack>
  );
}
