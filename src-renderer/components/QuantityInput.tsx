import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatQuantity, toLocale } from './format';
import { parseQuantityInput, type PackUnitLike, type QuantityInputParse } from './parseQuantityInput';

export interface QuantityInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  value: string;
  onChange: (text: string, parsed: QuantityInputParse) => void;
  /** The product's packaging units; the base unit has factor 1. */
  units: readonly PackUnitLike[];
  /** The unit a bare number means ("12" → 12 of this). */
  defaultUnit?: PackUnitLike;
}

/**
 * A quantity typed the way clerks count: "12", "3箱5瓶", "3 5" (cases then bottles). Under the
 * field it shows what was understood — "= 3箱5瓶 · 77瓶" — so a slip is seen before posting.
 * The parent decides what an unparseable entry means and passes `error`.
 */
export function QuantityInput({ value, onChange, units, defaultUnit, description, onFocus, ...rest }: QuantityInputProps) {
  const { i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const parsed = value.trim() === '' ? null : parseQuantityInput(value, units, defaultUnit);
  const base = units.find((u) => u.factor === 1);
  let understood: string | null = null;
  if (parsed?.ok) {
    const packed = formatQuantity(parsed.qty, units, locale);
    const inBase = base ? formatQuantity(parsed.qty, [base], locale) : String(parsed.qty);
    understood = packed === inBase ? `= ${packed}` : `= ${packed} · ${inBase}`;
  }

  return (
    <TextInput
      {...rest}
      value={value}
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      description={
        understood && description ? (
          <>
            <span style={{ display: 'block' }}>{understood}</span>
            <span style={{ display: 'block' }}>{description}</span>
          </>
        ) : (
          (understood ?? description)
        )
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      onFocus={(event) => {
        // Clerks overwrite counts far more often than they edit them.
        event.currentTarget.select();
        onFocus?.(event);
      }}
      onChange={(event) => {
        const text = event.currentTarget.value;
        onChange(text, parseQuantityInput(text, units, defaultUnit));
      }}
    />
  );
}
