import { Alert, Badge, Box, Button, Group, Kbd, List, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle, IconCheck, IconDeviceFloppy, IconGift, IconShoppingCart } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BarcodeHit, CustomerDetail, ProductRow, SalesOrderDetail, SalesPreview, SalesProductTerms } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { productPickerLabels } from '../../components/ProductPicker';
import { ScanBar } from '../../components/ScanBar';
import type { ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { useLineNavigation, usePostShortcut } from '../../components/useLineNavigation';
import { navigate } from '../../lib/router';
import { CreditPanel } from './CreditPanel';
import { CustomerLookup } from './CustomerLookup';
import {
  addScanned,
  buildDraftLines,
  checkLine,
  editOrderLine,
  largestUnit,
  newOrderLine,
  placeSalesProblems,
  previewByLine,
  termsKey,
  unitsOfTerms,
  type LineProblems,
  type OrderHeader,
  type OrderLine,
  type SalesLineField,
  type SalesProblem,
} from './orderDraft';
import { OrderLineRow } from './OrderLineRow';
import classes from './sales.module.css';
import { useSalesText } from './useSalesText';

interface ServerProblems {
  header: Record<string, SalesProblem>;
  lines: Record<string, LineProblems>;
  other: SalesProblem[];
}
const noProblems: ServerProblems = { header: {}, lines: {}, other: [] };

/** New order at /sales/new; an existing one amended at /sales/:id/edit. */
export function OrderEntryPage({ params }: { params: Record<string, string> }) {
  const orderId = params.id;
  const text = useSalesText();
  const existing = useApiQuery<SalesOrderDetail | null>(() => (orderId ? getApi()['sales.get']({ id: orderId }) : Promise.resolve(null)), [orderId]);
  if (orderId && !existing.data) {
    return (
      <Stack gap="md">
        <PageHeader title={text.t('entry.editTitle')} backTo="/sales" backLabel={text.t('entry.back')} />
        {existing.error ? <ErrorState error={recordLoadError(existing.error, 'salesOrder')} onRetry={existing.reload} /> : <LoadingState />}
      </Stack>
    );
  }
  if (existing.data && !existing.data.allowedActions.includes('amend')) {
    return (
      <Stack gap="md">
        <PageHeader title={text.t('entry.editTitleOf', { docNo: existing.data.docNo })} backTo={`/sales/${existing.data.id}`} backLabel={text.t('detail.back')} />
        <Alert color="orange" icon={<IconAlertCircle />} data-testid="form-error">
          {text.t('entry.cannotAmend', { status: text.t(`status.${existing.data.status}`) })}
        </Alert>
      </Stack>
    );
  }
  return <OrderForm key={orderId ?? 'new'} order={existing.data ?? null} />;
}

function linesFromOrder(order: SalesOrderDetail): OrderLine[] {
  return order.lines
    .filter((l) => !l.free)
    .map((l) => {
      const units =
        l.factor === 1
          ? [{ code: l.unitCode, nameZh: l.unitNameZh, nameEn: l.unitNameEn, factor: 1 }]
          : [
              { code: l.unitCode, nameZh: l.unitNameZh, nameEn: l.unitNameEn, factor: l.factor },
              { code: l.baseUnitCode, nameZh: l.baseUnitNameZh, nameEn: l.baseUnitNameEn, factor: 1 },
            ];
      const line = newOrderLine({ id: l.productId, sku: l.sku, nameZh: l.nameZh, nameEn: l.nameEn, units }, l.unitCode, String(l.unitQty));
      return {
        ...line,
        priceText: l.priceSource === 'manual' ? (l.unitPriceFen / 100).toFixed(2) : '',
        discountText: l.discountBp > 0 ? String(l.discountBp / 100) : '',
      };
    });
}

function OrderForm({ order }: { order: SalesOrderDetail | null }) {
  const text = useSalesText();
  const { t } = text;
  const { info } = useAppInfo();
  const today = info.today ?? '';
  const warehousesQuery = useApiQuery(() => getApi()['master.warehouses']({}), []);
  const warehouses = useMemo(() => (warehousesQuery.data ?? []).filter((w) => w.active && w.kind !== 'transit'), [warehousesQuery.data]);

  const [header, setHeader] = useState<OrderHeader>({
    customerId: order?.customerId ?? null,
    warehouseId: order?.warehouseId ?? null,
    requestedDate: order?.requestedDate ?? '',
    note: order?.note ?? '',
  });
  const [lines, setLines] = useState<OrderLine[]>(() => (order ? linesFromOrder(order) : []));
  const linesRef = useRef(lines);
  const updateLines = useCallback((change: (previous: OrderLine[]) => OrderLine[]) => {
    linesRef.current = change(linesRef.current);
    setLines(linesRef.current);
  }, []);
  const [showValidation, setShowValidation] = useState(false);
  const [serverProblems, setServerProblems] = useState<ServerProblems>(noProblems);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState<'quote' | 'confirm' | null>(null);
  const [flash, setFlash] = useState<{ key: string; n: number } | null>(null);
  const scanRef = useRef<HTMLInputElement | null>(null);
  const nav = useLineNavigation<SalesLineField>(scanRef);

  // The main warehouse is where orders are normally picked.
  useEffect(() => {
    if (header.warehouseId !== null || warehouses.length === 0) return;
    const main = warehouses.find((w) => w.kind === 'main') ?? warehouses[0];
    if (main) setHeader((h) => ({ ...h, warehouseId: main.id }));
  }, [warehouses, header.warehouseId]);

  const customer = useApiQuery<CustomerDetail | null>(
    () => (header.customerId ? getApi()['customers.get']({ id: header.customerId }) : Promise.resolve(null)),
    [header.customerId],
  );

  // Each product's terms for this customer and warehouse, fetched once per combination.
  const [terms, setTerms] = useState<Map<string, SalesProductTerms>>(() => new Map());
  const requested = useRef(new Set<string>());
  useEffect(() => {
    if (!header.customerId || !header.warehouseId) return;
    for (const line of lines) {
      const key = termsKey(header, line.productId);
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      getApi()['sales.productTerms']({ customerId: header.customerId, warehouseId: header.warehouseId, productId: line.productId })
        .then((answer) => setTerms((m) => new Map(m).set(key, answer)))
        .catch(() => requested.current.delete(key));
    }
  }, [lines, header]);
  const termsOf = (line: OrderLine) => terms.get(termsKey(header, line.productId)) ?? null;

  // The ledger prices the draft as it is typed (debounced): prices, free goods, totals, approvals.
  const draft = useMemo(() => buildDraftLines(lines), [lines]);
  const previewRequest = useMemo(
    () =>
      header.customerId && header.warehouseId && draft.lines.length > 0
        ? JSON.stringify({ customerId: header.customerId, warehouseId: header.warehouseId, lines: draft.lines, origins: draft.origins })
        : null,
    [header.customerId, header.warehouseId, draft],
  );
  const [debouncedRequest] = useDebouncedValue(previewRequest, 250);
  const [preview, setPreview] = useState<{ request: string; value: SalesPreview | null; origins: string[]; error: unknown } | null>(null);
  useEffect(() => {
    if (debouncedRequest === null) return;
    let live = true;
    const { origins, ...input } = JSON.parse(debouncedRequest) as { origins: string[]; customerId: string; warehouseId: string; lines: ReturnType<typeof buildDraftLines>['lines'] };
    getApi()['sales.preview']({ ...input, ...(order ? { orderId: order.id } : {}) })
      .then((value) => live && setPreview({ request: debouncedRequest, value, origins, error: null }))
      .catch((error: unknown) => live && setPreview({ request: debouncedRequest, value: null, origins, error }));
    return () => {
      live = false;
    };
  }, [debouncedRequest, order]);
  const currentPreview = previewRequest !== null ? preview : null;
  const previewStale = currentPreview !== null && currentPreview.request !== previewRequest;
  const previewLines = useMemo(() => previewByLine(currentPreview?.value ?? null, currentPreview?.origins ?? []), [currentPreview]);
  const previewProblems = useMemo(() => {
    const payload = text.payload(currentPreview?.error);
    return payload ? placeSalesProblems(payload, currentPreview?.origins ?? []) : noProblems;
  }, [currentPreview, text]);

  const lineProblem = (key: string, field: SalesLineField): SalesProblem | undefined => {
    const line = lines.find((l) => l.key === key);
    const own = line && (showValidation || field !== 'qty' || line.qtyText.trim() !== '') ? checkLine(line)[field] : undefined;
    return serverProblems.lines[key]?.[field] ?? own ?? previewProblems.lines[key]?.[field];
  };

  const showFlash = (key: string) => {
    setFlash((f) => ({ key, n: (f?.n ?? 0) + 1 }));
    requestAnimationFrame(() => nav.containerRef.current?.querySelector(`[data-line-key="${key}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    if (!header.customerId) return { ok: false, message: t('entry.customerFirst') };
    let hit: BarcodeHit;
    try {
      hit = await getApi()['products.lookupBarcode']({ barcode: code });
    } catch (error) {
      const c = text.payload(error)?.code;
      if (c === 'BARCODE_UNKNOWN' || c === 'NOT_FOUND' || c === 'VALIDATION') return { ok: false, message: t('scan.unknown', { barcode: code }) };
      return { ok: false, message: text.error(error) };
    }
    const { product, unit } = hit;
    if (!product.active) return { ok: false, message: t('scan.inactive', { product: text.name(product) }) };
    let result: ReturnType<typeof addScanned> | undefined;
    updateLines((prev) => {
      result = addScanned(prev, newOrderLine(product, unit.code, '1'));
      return result.lines;
    });
    if (!result) return { ok: false, message: code };
    showFlash(result.key);
    setFailure(null);
    const line = linesRef.current.find((l) => l.key === result?.key);
    return { ok: true, message: t(result.added ? 'scan.added' : 'scan.more', { product: text.name(product), qty: line?.qtyText ?? '', unit: text.name(unit) }) };
  };

  const onPick = (row: ProductRow) => {
    if (!header.customerId) {
      notifications.show({ color: 'orange', message: t('entry.customerFirst') });
      return;
    }
    getApi()['products.get']({ id: row.id })
      .then((product) => {
        const line = newOrderLine(product, largestUnit(product.units)?.code ?? product.baseUnitCode, '');
        updateLines((prev) => [...prev, line]);
        showFlash(line.key);
        nav.focusField(line.key, 'qty');
      })
      .catch((error: unknown) => notifications.show({ color: 'red', message: text.error(error) }));
  };

  const editLine = (key: string, field: SalesLineField, patch: Parameters<typeof editOrderLine>[1]) => {
    updateLines((prev) => prev.map((l) => (l.key === key ? editOrderLine(l, patch) : l)));
    setServerProblems((p) => {
      const line = p.lines[key];
      if (!line?.[field]) return p;
      const rest = { ...line };
      delete rest[field];
      return { ...p, lines: { ...p.lines, [key]: rest } };
    });
  };

  const editHeader = (patch: Partial<OrderHeader>) => {
    setHeader((h) => ({ ...h, ...patch }));
    setServerProblems((p) => ({ ...p, header: Object.fromEntries(Object.entries(p.header).filter(([k]) => !(k in patch))) }));
  };

  const save = async (confirm: boolean) => {
    if (saving) return;
    setShowValidation(true);
    setFailure(null);
    setServerProblems(noProblems);
    const current = linesRef.current;
    const firstBad = current.find((l) => Object.keys(checkLine(l)).length > 0);
    if (!header.customerId || !header.warehouseId || current.length === 0 || firstBad) {
      if (firstBad) nav.focusField(firstBad.key, Object.keys(checkLine(firstBad))[0] as SalesLineField);
      return;
    }
    const { lines: draftLines, origins } = buildDraftLines(current);
    const content = {
      customerId: header.customerId,
      warehouseId: header.warehouseId,
      lines: draftLines,
      ...(header.requestedDate ? { requestedDate: header.requestedDate } : {}),
      note: header.note,
    };
    setSaving(confirm ? 'confirm' : 'quote');
    try {
      let saved = order ? await getApi()['sales.amend']({ id: order.id, ...content }) : await getApi()['sales.create']({ ...content, confirm });
      if (order && confirm && saved.allowedActions.includes('confirm')) saved = await getApi()['sales.confirm']({ id: saved.id });
      notifications.show({
        color: saved.status === 'pending_approval' ? 'orange' : 'green',
        'data-testid': 'order-saved',
        title: t(`entry.saved.${saved.status === 'quote' ? 'quote' : saved.status === 'pending_approval' ? 'pending' : 'confirmed'}`),
        message: `${saved.docNo} · ${text.money(saved.totals.grossFen)}`,
      });
      navigate(`/sales/${saved.id}`);
    } catch (error) {
      const payload = text.payload(error);
      if (payload) setServerProblems(placeSalesProblems(payload, origins));
      setFailure(error);
    } finally {
      setSaving(null);
    }
  };
  usePostShortcut(() => void save(true));
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's' && !document.querySelector('[role="dialog"][aria-modal="true"]')) {
        event.preventDefault();
        void saveRef.current(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!warehousesQuery.data) {
    return (
      <Stack gap="md">
        <PageHeader title={t('entry.newTitle')} backTo="/sales" backLabel={t('entry.back')} />
        {warehousesQuery.error ? <ErrorState error={warehousesQuery.error} onRetry={warehousesQuery.reload} /> : <LoadingState />}
      </Stack>
    );
  }

  const c = customer.data;
  const result = currentPreview?.value ?? null;
  const promotions = new Map<string, { name: string; endsOn: string }>();
  for (const line of lines) for (const p of termsOf(line)?.promotions ?? []) promotions.set(p.id, { name: text.name(p), endsOn: p.endsOn });
  const headerProblem = (name: string) => {
    const p = serverProblems.header[name] ?? previewProblems.header[name];
    if (p) return text.problem(p);
    if (showValidation && name === 'customerId' && !header.customerId) return t('entry.customerRequired');
    if (showValidation && name === 'warehouseId' && !header.warehouseId) return t('entry.warehouseRequired');
    return undefined;
  };
  const otherPreviewProblems = currentPreview?.error && !text.payload(currentPreview.error)?.fields?.length ? [text.error(currentPreview.error)] : [];
  const title = order ? t('entry.editTitleOf', { docNo: order.docNo }) : t('entry.newTitle');

  return (
    <Stack gap="md">
      <PageHeader title={title} subtitle={t('entry.subtitle')} backTo={order ? `/sales/${order.id}` : '/sales'} backLabel={order ? t('detail.back') : t('entry.back')} />

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <Box style={{ gridColumn: 'span 1' }}>
            <CustomerLookup
              text={text}
              autoFocus={!order}
              disabled={Boolean(order)}
              chosen={c ? `${c.name} (${c.code})` : order ? `${order.customerName} (${order.customerCode})` : ''}
              error={headerProblem('customerId')}
              onPick={(row) => {
                editHeader({ customerId: row.id });
                requestAnimationFrame(() => scanRef.current?.focus());
              }}
            />
          </Box>
          <Select
            label={t('entry.warehouse')}
            size="md"
            withAsterisk
            data={warehouses.map((w) => ({ value: w.id, label: w.name }))}
            value={header.warehouseId}
            allowDeselect={false}
            onChange={(value) => editHeader({ warehouseId: value })}
            error={headerProblem('warehouseId')}
            data-testid="order-warehouse"
          />
          <TextInput
            type="date"
            size="md"
            label={t('entry.requestedDate')}
            min={today || undefined}
            value={header.requestedDate}
            onChange={(event) => editHeader({ requestedDate: event.currentTarget.value })}
            error={headerProblem('requestedDate')}
            data-testid="order-requested-date"
          />
          <TextInput
            size="md"
            label={t('entry.note')}
            maxLength={500}
            value={header.note}
            onChange={(event) => editHeader({ note: event.currentTarget.value })}
            error={headerProblem('note')}
            data-testid="order-note"
          />
        </SimpleGrid>
        {c && (
          <Stack gap="xs" mt="md" data-testid="customer-card">
            <Group gap="xs" wrap="wrap">
              <Text fw={700}>{c.name}</Text>
              <Badge variant="light" color={c.customerClass === 'key' ? 'grape' : 'gray'}>
                {t(`class.${c.customerClass}`)}
              </Badge>
              <Badge variant="light">{t(`channel.${c.channel}`)}</Badge>
              <Text size="sm" c="dimmed">
                {t('entry.priceList')}: {c.priceListName ?? t('entry.standardList')} · {c.paymentTermsDays === undefined ? '' : t('entry.terms', { days: c.paymentTermsDays })}
                {c.salesperson ? ` · ${t('entry.salesperson')}: ${c.salesperson}` : ''}
                {c.minShelfLifePermille > 0 ? ` · ${t('entry.shelfLifeRule', { pct: Math.round(c.minShelfLifePermille / 10) })}` : ''}
              </Text>
            </Group>
            {(result?.credit ?? c.credit) && <CreditPanel credit={result?.credit ?? c.credit!} text={text} orderFen={result?.totals.grossFen ?? 0} />}
          </Stack>
        )}
      </Paper>

      <ScanBar
        scanRef={scanRef}
        size="lg"
        disabled={!header.customerId}
        onScan={onScan}
        onPick={onPick}
        onEmptyEnter={() => {
          const bad = linesRef.current.find((l) => Object.keys(checkLine(l)).length > 0);
          if (bad) nav.focusField(bad.key, 'qty');
        }}
        labels={{
          scan: t('scan.label'),
          scanPlaceholder: t('scan.placeholder'),
          picker: productPickerLabels(t),
        }}
        hints={[
          [['F2'], t('keys.scan')],
          [['Enter'], t('keys.next')],
          [['Ctrl', 'S'], t('keys.quote')],
          [['Ctrl', 'Enter'], t('keys.confirm')],
        ]}
      />

      {promotions.size > 0 && (
        <Alert color="grape" variant="light" icon={<IconGift />} title={t('entry.promotions')} data-testid="promotions">
          <List size="sm" spacing={2}>
            {[...promotions.entries()].map(([id, p]) => (
              <List.Item key={id}>
                {p.name} <Text span c="dimmed" size="xs">{t('entry.promotionEnds', { date: text.date(p.endsOn) })}</Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {failure !== null && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('entry.saveFailed')} data-testid="form-error" role="alert" withCloseButton onClose={() => setFailure(null)}>
          <Text>{text.error(failure)}</Text>
          {serverProblems.other.map((p, i) => (
            <Text key={i} size="sm">
              {text.problem(p)}
            </Text>
          ))}
        </Alert>
      )}
      {failure === null && showValidation && lines.length === 0 && (
        <Alert color="orange" icon={<IconAlertCircle />} data-testid="form-error" role="alert">
          {t('entry.noLines')}
        </Alert>
      )}
      {otherPreviewProblems.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="preview-error">
          {otherPreviewProblems[0]}
        </Alert>
      )}

      <Paper withBorder>
        {lines.length === 0 ? (
          <EmptyState
            icon={<IconShoppingCart size={28} />}
            title={header.customerId ? t('entry.emptyTitle') : t('entry.customerFirst')}
            description={t('entry.emptyText')}
            minHeight={160}
          />
        ) : (
          <div ref={nav.containerRef} onKeyDown={nav.onKeyDown} role="list" aria-label={t('entry.linesLabel')} className={classes.orderLines}>
            <div className={classes.linesHead} aria-hidden>
              <span>#</span>
              <span>{t('line.product')}</span>
              <span>{t('line.qty')}</span>
              <span>{t('line.price')}</span>
              <span>{t('line.discount')}</span>
              <span className={classes.amount}>{t('line.amount')}</span>
              <span />
            </div>
            {lines.map((line, index) => {
              const lineTerms = termsOf(line);
              return (
                <OrderLineRow
                  key={line.key}
                  line={lineTerms ? { ...line, units: unitsOfTerms(lineTerms) } : line}
                  index={index}
                  terms={lineTerms}
                  priced={previewLines.get(line.key) ?? null}
                  stale={previewStale}
                  flash={flash?.key === line.key ? (flash.n % 2 === 0 ? 'a' : 'b') : undefined}
                  problem={(field) => lineProblem(line.key, field)}
                  onEdit={(field, patch) => editLine(line.key, field, patch)}
                  onRemove={() => {
                    updateLines((prev) => prev.filter((l) => l.key !== line.key));
                    scanRef.current?.focus();
                  }}
                />
              );
            })}
          </div>
        )}
      </Paper>

      {result && result.approvalReasons.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle />} title={t('entry.needsApproval')} data-testid="approval-reasons">
          <List size="sm">
            {result.approvalReasons.map((r, i) => (
              <List.Item key={i}>{text.reason(r)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result && result.shortages.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle />} title={t('entry.shortages')} data-testid="shortages">
          <List size="sm">
            {result.shortages.map((s) => {
              const l = result.lines.find((x) => x.lineNo === s.lineNo);
              return <List.Item key={s.lineNo}>{l ? t('entry.shortLine', { line: s.lineNo, product: text.name(l), short: text.lineQty(s.short, l) }) : s.lineNo}</List.Item>;
            })}
          </List>
        </Alert>
      )}

      <Group className={classes.postBar} justify="space-between" p="md" wrap="wrap" gap="md">
        <Group gap="xl" wrap="wrap">
          <Text fz="lg">
            {t('totals.net')} <b className={classes.amount} data-testid="total-net">{result ? text.money(result.totals.netFen) : '—'}</b>
          </Text>
          <Text fz="lg">
            {t('totals.tax')} <b className={classes.amount} data-testid="total-tax">{result ? text.money(result.totals.taxFen) : '—'}</b>
          </Text>
          <Text fz="xl">
            {t('totals.gross')} <b className={classes.amount} data-testid="total-gross">{result ? text.money(result.totals.grossFen) : '—'}</b>
          </Text>
          {(previewStale || draft.skipped > 0) && lines.length > 0 && (
            <Text c="dimmed" fz="sm">
              {draft.skipped > 0 ? t('totals.incomplete', { count: draft.skipped }) : t('totals.updating')}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" size="lg" leftSection={<IconDeviceFloppy size={18} />} loading={saving === 'quote'} disabled={saving !== null} onClick={() => void save(false)} data-testid="save-quote">
            {order ? t('entry.saveChanges') : t('entry.saveQuote')}
          </Button>
          <Button
            size="lg"
            leftSection={<IconCheck size={20} />}
            loading={saving === 'confirm'}
            disabled={saving !== null}
            onClick={() => void save(true)}
            data-testid="confirm-order"
            rightSection={
              <Text span fz="xs" c="inherit" opacity={0.85} visibleFrom="md">
                <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd>
              </Text>
            }
          >
            {t('entry.confirm')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
