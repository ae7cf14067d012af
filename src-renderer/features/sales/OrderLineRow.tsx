import { ActionIcon, Badge, Group, Loader, Text, TextInput, Tooltip } from '@mantine/core';
import { IconGift, IconX } from '@tabler/icons-react';
import type { SalesLineView, SalesProductTerms } from '../../../src-main/contract';
import { QuantityInput } from '../../components/QuantityInput';
import { lineQuantity, type editOrderLine, type OrderLine, type SalesLineField, type SalesProblem } from './orderDraft';
import classes from './sales.module.css';
import { useSalesText } from './useSalesText';

export interface OrderLineRowProps {
  line: OrderLine;
  index: number;
  terms: SalesProductTerms | null;
  /** The ledger's pricing of this line and the free goods it earned; null until previewed. */
  priced: { line: SalesLineView; free: SalesLineView[]; short: number } | null;
  /** The form changed since the ledger priced it. */
  stale: boolean;
  flash: 'a' | 'b' | undefined;
  problem: (field: SalesLineField) => SalesProblem | undefined;
  onEdit: (field: SalesLineField, patch: Parameters<typeof editOrderLine>[1]) => void;
  onRemove: () => void;
}

/** One ordered line: quantity, price and discount to type; what the ledger says about it underneath. */
export function OrderLineRow({ line, index, terms, priced, stale, flash, problem, onEdit, onRemove }: OrderLineRowProps) {
  const text = useSalesText();
  const { t } = text;
  const n = index + 1;
  const say = (field: SalesLineField) => {
    const p = problem(field);
    return p ? text.problem(p) : undefined;
  };
  const nav = (field: SalesLineField, order: number) => ({ 'data-nav': order, 'data-line': line.key, 'data-field': field });
  const q = lineQuantity(line);
  const unitCode = q.ok ? q.unitCode : line.defaultUnitCode;
  const unit = line.units.find((u) => u.code === unitCode);
  const unitPrice = terms?.units.find((u) => u.unitCode === unitCode);
  const p = priced?.line;
  const anyProblem = (['product', 'qty', 'price', 'discount'] as const).some((f) => problem(f));
  const baseUnits = line.units;

  return (
    <div role="listitem" className={classes.line} data-testid="order-line" data-line-key={line.key} data-flash={flash} data-problem={anyProblem || undefined}>
      <span className={classes.lineNo}>{n}</span>
      <div style={{ minWidth: 0 }}>
        <Text fw={600} truncate data-testid="line-product">
          {text.name(line)}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {line.sku}
        </Text>
        {say('product') && (
          <Text size="sm" c="red.8" data-testid="line-product-error">
            {say('product')}
          </Text>
        )}
        {terms ? (
          <div className={classes.lineFacts}>
            <Text span size="xs" data-testid="line-source">
              {t(`source.${p?.priceSource ?? unitPrice?.source ?? 'none'}`)}
            </Text>
            {terms.lastPrice && (
              <Text span size="xs" data-testid="line-last-price">
                {t('line.lastPrice', {
                  price: text.money(terms.lastPrice.unitPriceFen),
                  unit: text.name(line.units.find((u) => u.code === terms.lastPrice?.unitCode) ?? { nameZh: terms.lastPrice.unitCode, nameEn: terms.lastPrice.unitCode }),
                  date: text.date(terms.lastPrice.businessDate),
                })}
              </Text>
            )}
            <Text span size="xs" c={priced && priced.short > 0 ? 'red.8' : undefined} fw={priced && priced.short > 0 ? 700 : undefined} data-testid="line-available">
              {t('line.available', { qty: text.qty(terms.availableForCustomer, baseUnits) })}
              {terms.availableForCustomer < terms.available ? ` ${t('line.shelfLifeLimited', { qty: text.qty(terms.available, baseUnits) })}` : ''}
              {terms.reserved > 0 ? ` · ${t('line.reserved', { qty: text.qty(terms.reserved, baseUnits) })}` : ''}
            </Text>
            {priced && priced.short > 0 && (
              <Badge color="red" variant="light" size="sm" data-testid="line-short">
                {t('line.short', { qty: text.qty(priced.short, baseUnits) })}
              </Badge>
            )}
            {terms.priceFloorFen !== null && p && p.netFen < terms.priceFloorFen * p.qty && (
              <Badge color="orange" variant="light" size="sm">
                {t('line.belowFloor')}
              </Badge>
            )}
          </div>
        ) : (
          <Loader size="xs" mt={4} />
        )}
      </div>
      <QuantityInput
        size="md"
        aria-label={t('line.qtyOf', { n })}
        data-testid="line-qty"
        {...nav('qty', 1)}
        value={line.qtyText}
        units={line.units}
        defaultUnit={line.units.find((u) => u.code === line.defaultUnitCode)}
        onChange={(value) => onEdit('qty', { qtyText: value })}
        error={say('qty')}
      />
      <TextInput
        size="md"
        aria-label={t('line.priceOf', { n })}
        data-testid="line-price"
        {...nav('price', 2)}
        value={line.priceText}
        placeholder={p && !stale ? (p.unitPriceFen / 100).toFixed(2) : unitPrice?.priceFen != null ? (unitPrice.priceFen / 100).toFixed(2) : ''}
        leftSection={<Text size="sm">¥</Text>}
        rightSection={unit ? <Text size="xs" c="dimmed">/{text.name(unit)}</Text> : undefined}
        rightSectionWidth={unit ? 44 : undefined}
        inputMode="decimal"
        autoComplete="off"
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => onEdit('price', { priceText: event.currentTarget.value })}
        error={say('price')}
      />
      <TextInput
        size="md"
        aria-label={t('line.discountOf', { n })}
        data-testid="line-discount"
        {...nav('discount', 3)}
        value={line.discountText}
        placeholder={p && !stale && p.discountBp > 0 ? String(p.discountBp / 100) : '0'}
        rightSection={<Text size="sm">%</Text>}
        inputMode="decimal"
        autoComplete="off"
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => onEdit('discount', { discountText: event.currentTarget.value })}
        error={say('discount')}
      />
      <Text className={classes.amount} fw={600} pt={8} c={stale ? 'dimmed' : undefined} data-testid="line-amount">
        {p ? text.money(p.netFen) : '—'}
      </Text>
      <Tooltip label={t('line.remove')}>
        <ActionIcon variant="subtle" color="red" size="lg" mt={4} aria-label={t('line.removeOf', { n })} data-testid="line-remove" onClick={onRemove}>
          <IconX size={20} />
        </ActionIcon>
      </Tooltip>
      {priced?.free.map((f) => (
        <div key={f.lineNo} className={classes.freeLine} data-testid="free-line">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Badge color="grape" variant="filled" size="sm" leftSection={<IconGift size={12} />}>
              {t('line.free')}
            </Badge>
            <Text size="sm" truncate>
              {text.name(f)}
            </Text>
          </Group>
          <Text size="sm" fw={600} data-testid="free-qty">
            {text.lineQty(f.qty, f)}
          </Text>
        </div>
      ))}
    </div>
  );
}
