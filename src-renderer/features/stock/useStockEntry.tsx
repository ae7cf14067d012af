import { Alert, Anchor, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BarcodeHit, Warehouse } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import type { ScanOutcome } from '../../components/ScanField';
import { useLineNavigation } from '../../components/useLineNavigation';
import type { FormProblems, LineField } from './formProblems';
import { useLinesForm } from './useLinesForm';
import { useSessionDraft } from './useSessionDraft';
import type { StockText } from './useStockText';

/** What every stock entry form's header has besides its own fields. */
export interface EntryHeader {
  warehouseId: string | null;
  businessDate: string;
  note: string;
}

/**
 * The scaffolding the receipt and adjustment forms share: the header and lines (kept in the
 * session as a draft and offered back after a reload), the scan field and keyboard navigation
 * between lines, the branch's main warehouse and today as the header's defaults, and the flash
 * and scroll of the line a scan touched.
 */
export function useStockEntry<H extends EntryHeader, L extends { key: string }>(
  text: StockText,
  draftKey: string,
  emptyHeader: H,
  warehouses: readonly Warehouse[],
  today: string,
) {
  const [header, setHeader] = useState<H>(emptyHeader);
  const form = useLinesForm<L>();
  const { lines, updateLines } = form;
  const scanRef = useRef<HTMLInputElement | null>(null);
  const draft = useMemo(() => ({ header, lines }), [header, lines]);
  useSessionDraft<{ header: H; lines: L[] }>(draftKey, draft, (saved) => {
    if (!Array.isArray(saved.lines) || typeof saved.header !== 'object') return;
    setHeader(saved.header);
    updateLines(() => saved.lines);
    if (saved.lines.length > 0) {
      notifications.show({ color: 'blue', message: text.t('form.draftRestored', { count: saved.lines.length }) });
    }
  });
  // Bumped after each posting: the scan bar starts over.
  const [postedCount, setPostedCount] = useState(0);
  const nav = useLineNavigation<LineField>(scanRef);

  // Goods normally arrive at and are counted in the branch's main warehouse.
  useEffect(() => {
    if (header.warehouseId !== null || warehouses.length === 0) return;
    const main = warehouses.find((w) => w.kind === 'main') ?? warehouses[0];
    if (main) setHeader((h) => ({ ...h, warehouseId: main.id }));
  }, [warehouses, header.warehouseId]);

  useEffect(() => {
    if (today !== '' && header.businessDate === '') setHeader((h) => ({ ...h, businessDate: today }));
  }, [today, header.businessDate]);

  const showFlash = (key: string) => {
    form.flashLine(key);
    requestAnimationFrame(() => {
      nav.containerRef.current?.querySelector(`[data-line-key="${key}"]`)?.scrollIntoView({ block: 'nearest' });
    });
  };

  return { header, setHeader, form, scanRef, nav, postedCount, markPosted: () => setPostedCount((n) => n + 1), showFlash };
}

/**
 * A scanned code as the product and unit it names, or what the scan field should say instead:
 * an unknown code, an inactive product, or the failure as the user should read it.
 */
export async function lookupScannedProduct(text: StockText, code: string): Promise<{ ok: true; hit: BarcodeHit } | { ok: false; outcome: ScanOutcome }> {
  let hit: BarcodeHit;
  try {
    hit = await getApi()['products.lookupBarcode']({ barcode: code });
  } catch (error) {
    const payload = text.payload(error);
    if (payload?.code === 'BARCODE_UNKNOWN' || payload?.code === 'NOT_FOUND' || payload?.code === 'VALIDATION') {
      return { ok: false, outcome: { ok: false, message: text.t('scan.unknown', { barcode: code }) } };
    }
    return { ok: false, outcome: { ok: false, message: text.error(error) } };
  }
  const { product } = hit;
  if (!product.active) return { ok: false, outcome: { ok: false, message: text.t('scan.inactive', { product: text.name(product), sku: product.sku }) } };
  return { ok: true, hit };
}

/** The notice a posted document leaves: its number, an optional summary and a link to open it. */
export function showPostedNotice(text: StockText, title: string, doc: { id: string; docNo: string }, summary?: string): void {
  notifications.show({
    color: 'green',
    title,
    autoClose: 10_000,
    'data-testid': 'post-success',
    message: (
      <Group gap="sm">
        <Text fw={700} ff="monospace" c="var(--mantine-color-text)">
          {doc.docNo}
        </Text>
        {summary !== undefined && <Text>{summary}</Text>}
        <Anchor href={`#/stock/documents/${doc.id}`} fw={600}>
          {text.t('form.openDocument')}
        </Anchor>
      </Group>
    ),
  });
}

/**
 * Why the form did not post: the server's refusal (with the problems that name no field), or,
 * before anything was sent, what the user still has to fill in (`checkMessage`).
 */
export function EntryFormAlerts({
  text,
  failure,
  failureMessage,
  serverProblems,
  onCloseFailure,
  checkMessage,
}: {
  text: StockText;
  failure: unknown;
  failureMessage: string;
  serverProblems: FormProblems;
  onCloseFailure: () => void;
  checkMessage: ReactNode | null;
}) {
  if (failure !== null) {
    return (
      <Alert
        color="red"
        icon={<IconAlertCircle />}
        title={text.t('form.postFailed')}
        data-testid="form-error"
        role="alert"
        withCloseButton
        onClose={onCloseFailure}
      >
        <Text fz="md">{failureMessage}</Text>
        {serverProblems.other.map((p, i) => (
          <Text key={i} fz="sm">
            {text.problem(p)}
          </Text>
        ))}
      </Alert>
    );
  }
  if (checkMessage === null) return null;
  return (
    <Alert color="orange" icon={<IconAlertCircle />} data-testid="form-error" role="alert" title={text.t('form.checkTitle')}>
      {checkMessage}
    </Alert>
  );
}
