import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode, IconFileText, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { BarcodeHit, ProductRow, Supplier, Warehouse } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { QuantityInput } from '../../components/QuantityInput';
import type { ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { usePostShortcut } from '../../components/useLineNavigation';
import { useAppInfo } from '../../components/useAppInfo';
import { hasProblems, noProblems, placeServerProblems, type LineField, type Problem } from './formProblems';
import { PostBar } from './PostBar';
import {
  addScannedUnit,
  buildReceiptInput,
  editReceiptLine,
  firstUnfinished,
  needsExpiry,
  newReceiptLine,
  receiptLineQty,
  receiptLineValueFen,
  unitOf,
  validateReceipt,
  type ReceiptHeader,
  type ReceiptLine,
} from './receiptDraft';
import { ScanBar } from './ScanBar';
import classes from './stock.module.css';
import { unitLabel } from './unitLabel';
import { useStockText } from './useStockText';
import { EntryFormAlerts, lookupScannedProduct, showPostedNotice, useStockEntry } from './useStockEntry';

const headerFields = ['warehouseId', 'supplierId', 'businessDate', 'note'];

/** The purchase unit a picked product starts in: the largest pack, as suppliers deliver cases. */
function largestUnit(product: BarcodeHit['product']) {
  return [...product.units].sort((a, b) => b.factor - a.factor)[0];
}

export function ReceivePage() {
  const text = useStockText();
  const { t } = text;
  const { info } = useAppInfo();
  const today = info.today ?? '';
  const masters = useApiQuery(
    () => Promise.all([getApi()['master.warehouses']({}), getApi()['master.suppliers']({})]),
    [],
  );
  const warehouses: Warehouse[] = useMemo(() => masters.data?.[0].filter((w) => w.active) ?? [], [masters.data]);
  const suppliers: Supplier[] = masters.data?.[1] ?? [];

  const { header, setHeader, form, scanRef, nav, postedCount, markPosted, showFlash } = useStockEntry<ReceiptHeader, ReceiptLine>(
    text,
    'stock.receiptDraft',
    { warehouseId: null, supplierId: null, businessDate: today, note: '' },
    warehouses,
    today,
  );
  const { lines, linesRef, updateLines, serverProblems, setServerProblems, clearServerProblem, showValidation, setShowValidation, failure, setFailure, posting, setPosting } =
    form;

  const clientProblems = useMemo(() => (showValidation ? validateReceipt(header, lines) : noProblems), [showValidation, header, lines]);
  const lineProblem = (key: string, field: LineField): Problem | undefined =>
    serverProblems.lines[key]?.[field] ?? clientProblems.lines[key]?.[field];
  const headerProblem = (name: string): Problem | undefined => serverProblems.header[name] ?? clientProblems.header[name];

  const editLine = (key: string, field: LineField, patch: Parameters<typeof editReceiptLine>[1]) => {
    updateLines((prev) => prev.map((l) => (l.key === key ? editReceiptLine(l, patch) : l)));
    clearServerProblem(key, field);
  };

  const editHeader = (patch: Partial<ReceiptHeader>, field: keyof ReceiptHeader) => {
    setHeader((h) => ({ ...h, ...patch }));
    clearServerProblem(null, field);
  };

  const onScan = async (code: string): Promise<ScanOutcome> => {
    const found = await lookupScannedProduct(text, code);
    if (!found.ok) return found.outcome;
    const { product, unit } = found.hit;
    const fresh = newReceiptLine(product, unit, '1');
    let result: ReturnType<typeof addScannedUnit> | undefined;
    updateLines((prev) => {
      result = addScannedUnit(prev, product, unit, text.zh, fresh);
      return result.lines;
    });
    if (!result) return { ok: false, message: code };
    const key = result.key;
    showFlash(key);
    setFailure(null);
    const line = linesRef.current.find((l) => l.key === key);
    const lineQty = line ? receiptLineQty(line) : null;
    return {
      ok: true,
      message: t(result.added ? 'scan.added' : 'scan.counted', {
        product: text.name(product),
        unit: unitLabel(unit, text.zh),
        total: lineQty === null ? '—' : text.qty(lineQty, product.units),
      }),
    };
  };

  const onPick = (row: ProductRow) => {
    getApi()['products.get']({ id: row.id })
      .then((product) => {
        const line = newReceiptLine(product, largestUnit(product), '');
        updateLines((prev) => [...prev, line]);
        showFlash(line.key);
        nav.focusField(line.key, 'qty');
      })
      .catch((error: unknown) => {
        notifications.show({ color: 'red', title: t('picker.loadFailed'), message: text.error(error) });
      });
  };

  const goToUnfinished = () => {
    const next = firstUnfinished(linesRef.current, header.businessDate);
    if (next) {
      setShowValidation(true);
      nav.focusField(next.key, next.field);
    }
  };

  /** Clears the posted lines (lines scanned while posting stay) and readies the next receipt. */
  const reset = (postedKeys?: ReadonlySet<string>) => {
    updateLines((prev) => (postedKeys ? prev.filter((l) => !postedKeys.has(l.key)) : []));
    setHeader((h) => ({ ...h, supplierId: null, note: '', businessDate: today }));
    setShowValidation(false);
    setServerProblems(noProblems);
    setFailure(null);
    requestAnimationFrame(() => scanRef.current?.focus());
  };

  const post = async () => {
    if (posting) return;
    setShowValidation(true);
    setFailure(null);
    setServerProblems(noProblems);
    const problems = validateReceipt(header, linesRef.current);
    if (hasProblems(problems)) {
      const next = firstUnfinished(linesRef.current, header.businessDate);
      if (next) nav.focusField(next.key, next.field);
      else if (linesRef.current.length === 0) scanRef.current?.focus();
      return;
    }
    const { input, origins } = buildReceiptInput(header, linesRef.current);
    const postedKeys = new Set(linesRef.current.map((l) => l.key));
    setPosting(true);
    try {
      const doc = await getApi()['stock.receive'](input);
      showPostedNotice(text, t('receive.posted'), doc, t('form.postedSummary', { value: text.money(doc.totalValueFen) }));
      reset(postedKeys);
      markPosted();
    } catch (error) {
      const payload = text.payload(error);
      if (payload) setServerProblems(placeServerProblems(payload, origins, headerFields));
      setFailure(error);
    } finally {
      setPosting(false);
    }
  };
  usePostShortcut(() => void post());

  if (!masters.data) {
    return (
      <Stack gap="md">
        <PageHeader title={t('receive.title')} subtitle={t('receive.subtitle')} />
        {masters.error ? <ErrorState error={masters.error} onRetry={masters.reload} /> : <LoadingState />}
      </Stack>
    );
  }

  const clientLineCount = Object.keys(clientProblems.lines).length;
  const totalValue = lines.reduce((sum, l) => sum + (receiptLineValueFen(l) ?? 0), 0);
  const incomplete = lines.some((l) => receiptLineValueFen(l) === null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('receive.title')}
        subtitle={t('receive.subtitle')}
        actions={
          <Button component="a" href="#/stock/documents?type=receipt" variant="default" leftSection={<IconFileText size={18} />}>
            {t('documents.title')}
          </Button>
        }
      />

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <Select
            label={t('fields.warehouse')}
            required
            size="md"
            data={warehouses.map((w) => ({ value: w.id, label: w.name }))}
            value={header.warehouseId}
            allowDeselect={false}
            onChange={(value) => editHeader({ warehouseId: value }, 'warehouseId')}
            error={problemText(headerProblem('warehouseId'))}
            nothingFoundMessage={t('fields.noWarehouses')}
          />
          <Select
            label={t('fields.supplier')}
            placeholder={t('fields.optional')}
            size="md"
            searchable
            clearable
            data={suppliers.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            value={header.supplierId}
            onChange={(value) => editHeader({ supplierId: value }, 'supplierId')}
            error={problemText(headerProblem('supplierId'))}
            nothingFoundMessage={t('fields.noSuppliers')}
          />
          <TextInput
            type="date"
            label={t('fields.businessDate')}
            size="md"
            value={header.businessDate}
            max={today || undefined}
            onChange={(event) => editHeader({ businessDate: event.currentTarget.value }, 'businessDate')}
            error={problemText(headerProblem('businessDate'))}
          />
          <TextInput
            label={t('fields.note')}
            size="md"
            maxLength={500}
            value={header.note}
            onChange={(event) => editHeader({ note: event.currentTarget.value }, 'note')}
            error={problemText(headerProblem('note'))}
          />
        </SimpleGrid>
      </Paper>

      <ScanBar scanRef={scanRef} onScan={onScan} onPick={onPick} onEmptyEnter={goToUnfinished} resetSignal={postedCount} />

      <EntryFormAlerts
        text={text}
        failure={failure}
        failureMessage={text.error(failure)}
        serverProblems={serverProblems}
        onCloseFailure={() => setFailure(null)}
        checkMessage={showValidation && hasProblems(clientProblems) ? (lines.length === 0 ? t('receive.noLines') : t('form.checkLines', { count: clientLineCount })) : null}
      />

      <Paper withBorder>
        {lines.length === 0 ? (
          <EmptyState icon={<IconBarcode size={28} />} title={t('receive.emptyTitle')} description={t('receive.emptyText')} minHeight={180} />
        ) : (
          <div
            ref={nav.containerRef}
            onKeyDown={nav.onKeyDown}
            role="list"
            aria-label={t('receive.linesLabel')}
            className={classes.receiptLines}
          >
            <div className={classes.linesHead} aria-hidden>
              <span>#</span>
              <span>{t('line.product')}</span>
              <span>{t('line.unit')}</span>
              <span>{t('line.qty')}</span>
              <span>{t('line.unitCost')}</span>
              <span className={classes.amount}>{t('line.value')}</span>
              <span />
            </div>
            {lines.map((line, index) => (
              <ReceiptLineRow
                key={line.key}
                line={line}
                index={index}
                businessDate={header.businessDate || today}
                flash={form.flashOf(line.key)}
                problem={(field) => lineProblem(line.key, field)}
                onEdit={(field, patch) => editLine(line.key, field, patch)}
                onRemove={() => {
                  updateLines((prev) => prev.filter((l) => l.key !== line.key));
                  scanRef.current?.focus();
                }}
              />
            ))}
          </div>
        )}
      </Paper>

      <PostBar
        posting={posting}
        onPost={() => void post()}
        onClear={lines.length > 0 || header.note !== '' ? () => reset() : undefined}
        postLabel={t('receive.post')}
        summary={
          <>
            <Text fz="lg">
              {t('form.lineCount')} <b data-testid="line-count">{lines.length}</b>
            </Text>
            <Text fz="lg">
              {t('form.totalValue')}{' '}
              <b className={classes.amount} data-testid="total-value">
                {text.money(totalValue)}
              </b>
              {incomplete && lines.length > 0 ? (
                <Text span c="dimmed" fz="sm">
                  {' '}
                  {t('form.incomplete')}
                </Text>
              ) : null}
            </Text>
          </>
        }
      />
    </Stack>
  );

  function problemText(problem: Problem | undefined, units?: ReceiptLine['product']['units']): string | undefined {
    return problem ? text.problem(problem, units) : undefined;
  }
}

interface ReceiptLineRowProps {
  line: ReceiptLine;
  index: number;
  businessDate: string;
  flash: 'a' | 'b' | undefined;
  problem: (field: LineField) => Problem | undefined;
  onEdit: (field: LineField, patch: Parameters<typeof editReceiptLine>[1]) => void;
  onRemove: () => void;
}

function ReceiptLineRow({ line, index, businessDate, flash, problem, onEdit, onRemove }: ReceiptLineRowProps) {
  const text = useStockText();
  const { t } = text;
  const { product } = line;
  const unit = unitOf(product, line.unitCode);
  const say = (field: LineField) => {
    const p = problem(field);
    return p ? text.problem(p, product.units) : undefined;
  };
  const value = receiptLineValueFen(line);
  const anyProblem = (['product', 'unit', 'qty', 'lot', 'production', 'expiry', 'cost'] as const).some((f) => problem(f));
  const nav = (field: LineField, order: number) => ({ 'data-nav': order, 'data-line': line.key, 'data-field': field });
  const expired = line.expiryDate !== '' && businessDate !== '' && line.expiryDate < businessDate;
  const n = index + 1;

  return (
    <div
      role="listitem"
      className={classes.line}
      data-testid="line-row"
      data-line-key={line.key}
      data-flash={flash}
      data-problem={anyProblem || undefined}
    >
      <div className={classes.lineNo}>{n}</div>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fw={700} fz="lg" lh={1.3} lineClamp={2} title={text.name(product)}>
          {text.name(product)}
        </Text>
        <Group gap={6}>
          <Text fz="sm" c="dimmed" ff="monospace">
            {product.sku}
          </Text>
          {product.lotTracked && (
            <Badge size="sm" variant="light" color="blue">
              {t('line.lotTracked')}
            </Badge>
          )}
        </Group>
        {problem('product') && (
          <Text fz="sm" c="red" fw={600}>
            {say('product')}
          </Text>
        )}
      </Stack>
      <NativeSelect
        size="md"
        aria-label={t('line.unitOf', { n })}
        data-testid="line-unit"
        data-line={line.key}
        data-field="unit"
        value={line.unitCode}
        data={product.units.map((u) => ({ value: u.code, label: unitLabel(u, text.zh, true) }))}
        onChange={(event) => onEdit('unit', { unitCode: event.currentTarget.value })}
        error={say('unit')}
      />
      <QuantityInput
        size="md"
        aria-label={t('line.qtyOf', { n })}
        data-testid="line-qty"
        {...nav('qty', 1)}
        units={product.units}
        defaultUnit={unit}
        value={line.qtyText}
        onChange={(qtyText) => onEdit('qty', { qtyText })}
        error={say('qty')}
      />
      <TextInput
        size="md"
        aria-label={t('line.costOf', { n, unit: unit ? unitLabel(unit, text.zh) : '' })}
        data-testid="line-cost"
        {...nav('cost', 5)}
        leftSection="¥"
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.00"
        value={line.costText}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => onEdit('cost', { costText: event.currentTarget.value })}
        error={say('cost')}
        description={
          unit
            ? line.costDerived
              ? t('line.costFromAverageFor', { unit: unitLabel(unit, text.zh) })
              : t('line.perUnit', { unit: unitLabel(unit, text.zh) })
            : undefined
        }
      />
      <Text fw={700} fz="lg" className={classes.amount} pt={8} data-testid="line-value">
        {value === null ? '—' : text.money(value)}
      </Text>
      <Tooltip label={t('line.removeOf', { n })}>
        <ActionIcon variant="subtle" color="red" size="lg" mt={4} aria-label={t('line.removeOf', { n })} data-testid="line-remove" onClick={onRemove}>
          <IconX size={20} />
        </ActionIcon>
      </Tooltip>
      {product.lotTracked && (
        <div className={classes.lineSub}>
          <TextInput
            size="md"
            w={220}
            label={t('line.lot')}
            aria-label={t('line.lotOf', { n })}
            withAsterisk
            data-testid="line-lot"
            {...nav('lot', 2)}
            value={line.lotCode}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onEdit('lot', { lotCode: event.currentTarget.value })}
            error={say('lot')}
          />
          <TextInput
            type="date"
            size="md"
            w={200}
            label={t('line.production')}
            aria-label={t('line.productionOf', { n })}
            data-testid="line-production"
            {...nav('production', 3)}
            value={line.productionDate}
            max={businessDate || undefined}
            onChange={(event) => onEdit('production', { productionDate: event.currentTarget.value })}
            error={say('production')}
          />
          <TextInput
            type="date"
            size="md"
            w={200}
            label={t('line.expiry')}
            aria-label={t('line.expiryOf', { n })}
            withAsterisk={needsExpiry(product)}
            data-testid="line-expiry"
            {...nav('expiry', 4)}
            value={line.expiryDate}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            onChange={(event) => onEdit('expiry', { expiryDate: event.currentTarget.value })}
            error={say('expiry')}
            description={
              expired ? (
                <Text span c="red.8" fz="xs" fw={600}>
                  {t('line.alreadyExpired')}
                </Text>
              ) : line.expiryDerived && product.shelfLifeDays !== null ? (
                t('line.expiryFromShelfLife', { days: product.shelfLifeDays })
              ) : undefined
            }
          />
        </div>
      )}
    </div>
  );
}
