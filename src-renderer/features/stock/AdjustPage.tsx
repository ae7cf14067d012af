import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
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
import type { ProductRow, Warehouse } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { formatDate } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { QuantityInput } from '../../components/QuantityInput';
import type { ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { usePostShortcut } from '../../components/useLineNavigation';
import { useAppInfo } from '../../components/useAppInfo';
import {
  adjustmentLineQty,
  adjustmentLineValueFen,
  adjustmentReasons,
  addScannedAdjustment,
  availableForLine,
  buildAdjustmentInput,
  defaultDirection,
  FEFO_LOT,
  firstUnfinishedAdjustment,
  knownLots,
  lotsInWarehouse,
  NEW_LOT,
  newAdjustmentLine,
  onHandInWarehouse,
  refitLot,
  validateAdjustment,
  type AdjustmentHeader,
  type AdjustmentLine,
  type AdjustmentReason,
  type Direction,
} from './adjustmentDraft';
import { hasProblems, noProblems, placeServerProblems, type LineField, type Problem } from './formProblems';
import { fenToYuanText } from '../../components/money';
import { PostBar } from './PostBar';
import { unitOf } from './receiptDraft';
import { ScanBar } from './ScanBar';
import classes from './stock.module.css';
import { unitLabel } from './unitLabel';
import { useStockText, type StockText } from './useStockText';
import { EntryFormAlerts, lookupScannedProduct, showPostedNotice, useStockEntry } from './useStockEntry';

const headerFields = ['warehouseId', 'reasonCode', 'businessDate', 'note'];

type LinePatch = Partial<Omit<AdjustmentLine, 'key' | 'product'>>;

export function AdjustPage() {
  const text = useStockText();
  const { t } = text;
  const { info } = useAppInfo();
  const today = info.today ?? '';
  const masters = useApiQuery(() => getApi()['master.warehouses']({}), []);
  const warehouses: Warehouse[] = useMemo(() => masters.data?.filter((w) => w.active) ?? [], [masters.data]);

  const { header, setHeader, form, scanRef, nav, postedCount, markPosted, showFlash } = useStockEntry<AdjustmentHeader, AdjustmentLine>(
    text,
    'stock.adjustmentDraft',
    { warehouseId: null, reasonCode: null, businessDate: today, note: '' },
    warehouses,
    today,
  );
  const { lines, linesRef, updateLines, serverProblems, setServerProblems, clearServerProblem, showValidation, setShowValidation, failure, setFailure, posting, setPosting } =
    form;

  const clientProblems = useMemo(() => (showValidation ? validateAdjustment(header, lines) : noProblems), [showValidation, header, lines]);
  const lineProblem = (key: string, field: LineField): Problem | undefined =>
    serverProblems.lines[key]?.[field] ?? clientProblems.lines[key]?.[field];
  const headerProblem = (name: string): string | undefined => {
    const p = serverProblems.header[name] ?? clientProblems.header[name];
    return p ? text.problem(p) : undefined;
  };

  const editLine = (key: string, field: LineField, patch: LinePatch) => {
    updateLines((prev) =>
      prev.map((l) => {
        if (l.key !== key) return l;
        const next = { ...l, ...patch };
        if (patch.direction !== undefined) {
          if (patch.direction === 'out') next.costText = '';
          return refitLot(next, header.warehouseId);
        }
        return next;
      }),
    );
    clearServerProblem(key, field);
  };

  const editHeader = (patch: Partial<AdjustmentHeader>, field: keyof AdjustmentHeader) => {
    setHeader((h) => ({ ...h, ...patch }));
    clearServerProblem(null, field);
    // Lots are per warehouse: a decrease must name a lot that is here.
    if (patch.warehouseId !== undefined) updateLines((prev) => prev.map((l) => refitLot(l, patch.warehouseId ?? null)));
  };


  const direction: Direction = defaultDirection(header.reasonCode);

  const onScan = async (code: string): Promise<ScanOutcome> => {
    const found = await lookupScannedProduct(text, code);
    if (!found.ok) return found.outcome;
    const { product, unit } = found.hit;
    const fresh = newAdjustmentLine(product, unit, direction, header.warehouseId, '1');
    let result: ReturnType<typeof addScannedAdjustment> | undefined;
    updateLines((prev) => {
      result = addScannedAdjustment(prev, product, unit, direction, text.zh, fresh);
      return result.lines;
    });
    if (!result) return { ok: false, message: code };
    showFlash(result.key);
    setFailure(null);
    const line = linesRef.current.find((l) => l.key === result?.key);
    const parsed = line ? adjustmentLineQty(line) : null;
    return {
      ok: true,
      message: t(result.added ? 'scan.added' : 'scan.counted', {
        product: text.name(product),
        unit: unitLabel(unit, text.zh),
        total: parsed === null ? '—' : text.qty(parsed, product.units),
      }),
    };
  };

  const onPick = (row: ProductRow) => {
    getApi()['products.get']({ id: row.id })
      .then((product) => {
        const base = product.units.find((u) => u.code === product.baseUnitCode);
        const line = newAdjustmentLine(product, base, direction, header.warehouseId, '');
        updateLines((prev) => [...prev, line]);
        showFlash(line.key);
        nav.focusField(line.key, 'qty');
      })
      .catch((error: unknown) => {
        notifications.show({ color: 'red', title: t('picker.loadFailed'), message: text.error(error) });
      });
  };

  const goToUnfinished = () => {
    const next = firstUnfinishedAdjustment(linesRef.current);
    if (next) {
      setShowValidation(true);
      nav.focusField(next.key, next.field);
    }
  };

  const reset = (postedKeys?: ReadonlySet<string>) => {
    updateLines((prev) => (postedKeys ? prev.filter((l) => !postedKeys.has(l.key)) : []));
    setHeader((h) => ({ ...h, note: '', businessDate: today }));
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
    const problems = validateAdjustment(header, linesRef.current);
    if (hasProblems(problems)) {
      const next = firstUnfinishedAdjustment(linesRef.current);
      if (next) nav.focusField(next.key, next.field);
      return;
    }
    const { input, origins } = buildAdjustmentInput(header, linesRef.current);
    const postedKeys = new Set(linesRef.current.map((l) => l.key));
    setPosting(true);
    try {
      const doc = await getApi()['stock.adjust'](input);
      showPostedNotice(text, t('adjust.posted'), doc);
      reset(postedKeys);
      markPosted();
    } catch (error) {
      const payload = text.payload(error);
      if (payload) {
        const placed = placeServerProblems(payload, origins, headerFields);
        // Without a field path, a shortage still belongs beside the line of that product.
        if (payload.code === 'STOCK_INSUFFICIENT' && !payload.fields?.length && typeof payload.params?.productId === 'string') {
          const line = linesRef.current.find((l) => l.direction === 'out' && l.product.id === payload.params?.productId);
          if (line) placed.lines[line.key] = { ...placed.lines[line.key], qty: { code: payload.code, params: payload.params } };
        }
        setServerProblems(placed);
        const first = Object.entries(placed.lines)[0];
        if (first) {
          const field = Object.keys(first[1])[0] as LineField | undefined;
          if (field) nav.focusField(first[0], field);
        }
      }
      setFailure(error);
    } finally {
      setPosting(false);
    }
  };
  usePostShortcut(() => void post());

  if (!masters.data) {
    return (
      <Stack gap="md">
        <PageHeader title={t('adjust.title')} subtitle={t('adjust.subtitle')} />
        {masters.error ? <ErrorState error={masters.error} onRetry={masters.reload} /> : <LoadingState />}
      </Stack>
    );
  }

  const clientLineCount = Object.keys(clientProblems.lines).length;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('adjust.title')}
        subtitle={t('adjust.subtitle')}
        actions={
          <Button component="a" href="#/stock/documents?type=adjustment" variant="default" leftSection={<IconFileText size={18} />}>
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
            error={headerProblem('warehouseId')}
            nothingFoundMessage={t('fields.noWarehouses')}
          />
          <Select
            label={t('fields.reason')}
            placeholder={t('fields.reasonPlaceholder')}
            required
            size="md"
            data={adjustmentReasons.map((r) => ({ value: r, label: t(`common:adjustmentReasons.${r}`) }))}
            value={header.reasonCode}
            allowDeselect={false}
            onChange={(value) => editHeader({ reasonCode: (value as AdjustmentReason | null) ?? null }, 'reasonCode')}
            error={headerProblem('reasonCode')}
            data-testid="adjust-reason"
          />
          <TextInput
            type="date"
            label={t('fields.businessDate')}
            size="md"
            value={header.businessDate}
            max={today || undefined}
            onChange={(event) => editHeader({ businessDate: event.currentTarget.value }, 'businessDate')}
            error={headerProblem('businessDate')}
          />
          <TextInput
            label={t('fields.note')}
            size="md"
            maxLength={500}
            value={header.note}
            onChange={(event) => editHeader({ note: event.currentTarget.value }, 'note')}
            error={headerProblem('note')}
          />
        </SimpleGrid>
        {header.reasonCode && (
          <Text fz="sm" c="dimmed" mt="xs">
            {direction === 'in' ? t('adjust.newLinesIn') : t('adjust.newLinesOut')}
          </Text>
        )}
      </Paper>

      <ScanBar scanRef={scanRef} onScan={onScan} onPick={onPick} onEmptyEnter={goToUnfinished} resetSignal={postedCount} />

      <EntryFormAlerts
        text={text}
        failure={failure}
        failureMessage={failureText(failure)}
        serverProblems={serverProblems}
        onCloseFailure={() => setFailure(null)}
        checkMessage={
          showValidation && hasProblems(clientProblems)
            ? lines.length === 0
              ? t('adjust.noLines')
              : clientLineCount > 0
                ? t('form.checkLines', { count: clientLineCount })
                : t('form.checkHeader')
            : null
        }
      />

      <Paper withBorder>
        {lines.length === 0 ? (
          <EmptyState icon={<IconBarcode size={28} />} title={t('adjust.emptyTitle')} description={t('adjust.emptyText')} minHeight={180} />
        ) : (
          <div
            ref={nav.containerRef}
            onKeyDown={nav.onKeyDown}
            role="list"
            aria-label={t('adjust.linesLabel')}
            className={classes.adjustmentLines}
          >
            <div className={classes.linesHead} aria-hidden>
              <span>#</span>
              <span>{t('line.product')}</span>
              <span>{t('line.direction')}</span>
              <span>{t('line.unit')}</span>
              <span>{t('line.qty')}</span>
              <span>{t('line.unitCost')}</span>
              <span />
            </div>
            {lines.map((line, index) => (
              <AdjustmentLineRow
                key={line.key}
                line={line}
                index={index}
                warehouseId={header.warehouseId}
                text={text}
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
        postLabel={t('adjust.post')}
        summary={
          <>
            <Text fz="lg">
              {t('form.lineCount')} <b data-testid="line-count">{lines.length}</b>
            </Text>
            <Text fz="lg">
              <Text span c="red.8" fw={700}>
                − {lines.filter((l) => l.direction === 'out').length}
              </Text>{' '}
              /{' '}
              <Text span c="green.8" fw={700}>
                + {lines.filter((l) => l.direction === 'in').length}
              </Text>
            </Text>
          </>
        }
      />
    </Stack>
  );

  /** The banner text; a shortage names the product and shows quantities in its packs. */
  function failureText(error: unknown): string {
    const payload = text.payload(error);
    if (payload?.code === 'STOCK_INSUFFICIENT' && payload.params) {
      const line = linesRef.current.find((l) => l.product.id === payload.params?.productId);
      if (line) {
        return t('adjust.insufficient', {
          product: text.name(line.product),
          detail: text.problem({ code: payload.code, params: payload.params }, line.product.units),
        });
      }
    }
    return text.error(error);
  }
}

/** '− Decrease'; on narrow lines the sign alone shows and the word is left to screen readers. */
function DirectionLabel({ sign, word }: { sign: string; word: string }) {
  return (
    <span title={word}>
      <span aria-hidden>{sign}</span>
      <span className={classes.directionWord}> {word}</span>
    </span>
  );
}

interface AdjustmentLineRowProps {
  line: AdjustmentLine;
  index: number;
  warehouseId: string | null;
  text: StockText;
  flash: 'a' | 'b' | undefined;
  problem: (field: LineField) => Problem | undefined;
  onEdit: (field: LineField, patch: LinePatch) => void;
  onRemove: () => void;
}

function lotOptionLabel(text: StockText, lot: { lotCode: string; expiryDate: string | null; qty?: number }, units: AdjustmentLine['product']['units']) {
  const code = lot.lotCode || text.t('line.noLotCode');
  const expiry = lot.expiryDate ? text.t('line.expiresOn', { date: formatDate(lot.expiryDate, text.locale) }) : '';
  const qty = lot.qty !== undefined ? text.t('line.inStock', { qty: text.qty(lot.qty, units) }) : '';
  return [code, expiry, qty].filter(Boolean).join(' · ');
}

function AdjustmentLineRow({ line, index, warehouseId, text, flash, problem, onEdit, onRemove }: AdjustmentLineRowProps) {
  const { t } = text;
  const { product } = line;
  const unit = unitOf(product, line.unitCode);
  const say = (field: LineField) => {
    const p = problem(field);
    return p ? text.problem(p, product.units) : undefined;
  };
  const anyProblem = (['product', 'direction', 'unit', 'qty', 'lot', 'expiry', 'cost'] as const).some((f) => problem(f));
  const nav = (field: LineField, order: number) => ({ 'data-nav': order, 'data-line': line.key, 'data-field': field });
  const n = index + 1;
  const out = line.direction === 'out';
  const onHand = onHandInWarehouse(product, warehouseId);
  const available = availableForLine(line, warehouseId);
  const value = adjustmentLineValueFen(line);

  let lotOptions: { value: string; label: string }[] = [];
  if (out) {
    lotOptions = [
      { value: FEFO_LOT, label: t('line.lotFefo') },
      ...lotsInWarehouse(product, warehouseId).map((l) => ({ value: l.lotId, label: lotOptionLabel(text, l, product.units) })),
    ];
  } else if (product.lotTracked) {
    lotOptions = [
      ...knownLots(product).map((l) => ({ value: l.lotId, label: lotOptionLabel(text, { lotCode: l.lotCode, expiryDate: l.expiryDate }, product.units) })),
      { value: NEW_LOT, label: t('line.lotNew') },
    ];
  }

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
          <Badge size="sm" variant="light" color={onHand > 0 ? 'gray' : 'red'}>
            {t('line.onHandHere', { qty: text.qty(onHand, product.units) })}
          </Badge>
        </Group>
        {problem('product') && (
          <Text fz="sm" c="red" fw={600}>
            {say('product')}
          </Text>
        )}
      </Stack>
      <SegmentedControl
        size="sm"
        fullWidth
        mt={4}
        aria-label={t('line.directionOf', { n })}
        data-testid="line-direction"
        color={out ? 'red' : 'green'}
        value={line.direction}
        onChange={(value) => onEdit('direction', { direction: value === 'in' ? 'in' : 'out' })}
        data={[
          { value: 'out', label: <DirectionLabel sign="−" word={t('line.decrease')} /> },
          { value: 'in', label: <DirectionLabel sign="+" word={t('line.increase')} /> },
        ]}
      />
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
        leftSection={
          <Text fw={800} fz="lg" c={out ? 'red.8' : 'green.8'} aria-hidden>
            {out ? '−' : '+'}
          </Text>
        }
        onChange={(qtyText) => {
          // A signed entry ("-2箱", "+3") sets the direction, as on a paper count sheet.
          const sign = /^\s*([+\-−－])/.exec(qtyText)?.[1];
          if (sign) onEdit('qty', { qtyText: qtyText.replace(/^\s*[+\-−－]\s*/, ''), direction: sign === '+' ? 'in' : 'out' });
          else onEdit('qty', { qtyText });
        }}
        error={say('qty')}
        description={out && !problem('qty') ? t('line.available', { qty: text.qty(available, product.units) }) : undefined}
      />
      {out ? (
        <Text c="dimmed" fz="sm" pt={10}>
          {t('line.costFifo')}
        </Text>
      ) : (
        <TextInput
          size="md"
          aria-label={t('line.costOf', { n, unit: unit ? unitLabel(unit, text.zh) : '' })}
          data-testid="line-cost"
          {...nav('cost', 5)}
          leftSection="¥"
          inputMode="decimal"
          autoComplete="off"
          placeholder={product.averageUnitCostFen !== null && unit ? fenToYuanText(product.averageUnitCostFen * unit.factor) : t('line.costOptional')}
          value={line.costText}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          onChange={(event) => onEdit('cost', { costText: event.currentTarget.value })}
          error={say('cost')}
          description={value !== null ? t('line.valueIs', { value: text.money(value) }) : t('line.costDefault')}
        />
      )}
      <Tooltip label={t('line.removeOf', { n })}>
        <ActionIcon variant="subtle" color="red" size="lg" mt={4} aria-label={t('line.removeOf', { n })} data-testid="line-remove" onClick={onRemove}>
          <IconX size={20} />
        </ActionIcon>
      </Tooltip>
      <div className={classes.lineSub}>
        {lotOptions.length > 0 ? (
          <>
            <NativeSelect
              size="md"
              w={380}
              label={t('line.lot')}
              aria-label={t('line.lotOf', { n })}
              data-testid="line-lot"
              {...nav('lot', 2)}
              // With a new lot, problems (and focus) belong to the lot code field instead.
              data-field={line.lotChoice === NEW_LOT ? 'lotChoice' : 'lot'}
              value={line.lotChoice}
              data={lotOptions}
              onChange={(event) => onEdit('lot', { lotChoice: event.currentTarget.value })}
              error={line.lotChoice === NEW_LOT ? undefined : say('lot')}
            />
            {!out && line.lotChoice === NEW_LOT && (
              <>
                <TextInput
                  size="md"
                  w={220}
                  label={t('line.newLotCode')}
                  aria-label={t('line.newLotCodeOf', { n })}
                  withAsterisk
                  data-testid="line-new-lot"
                  {...nav('lot', 3)}
                  value={line.newLotCode}
                  maxLength={40}
                  autoComplete="off"
                  onChange={(event) => onEdit('lot', { newLotCode: event.currentTarget.value })}
                  error={say('lot')}
                />
                <TextInput
                  type="date"
                  size="md"
                  w={200}
                  label={t('line.expiry')}
                  aria-label={t('line.expiryOf', { n })}
                  withAsterisk={product.shelfLifeDays !== null}
                  data-testid="line-expiry"
                  {...nav('expiry', 4)}
                  value={line.newExpiryDate}
                  onChange={(event) => onEdit('expiry', { newExpiryDate: event.currentTarget.value })}
                  error={say('expiry')}
                />
              </>
            )}
          </>
        ) : (
          <Text c="dimmed" fz="sm">
            {out ? t('line.noStockHere') : t('line.noLot')}
          </Text>
        )}
      </div>
    </div>
  );
}
