import { Fragment } from 'react';
import { formatQuantityParts, packSeparator, type DisplayUnit, type Locale } from './format';
import classes from './PackQuantity.module.css';

export interface PackQuantityProps {
  /** In base units. */
  qty: number;
  units: readonly DisplayUnit[];
  locale: Locale;
  /** Writes '+' before an increase, as in a movement history. */
  signed?: boolean;
}

/**
 * A quantity in packs for a narrow column: '72 case 21 bottle' may break between its packs
 * ('72 case' / '21 bottle') but never inside one ('72' / 'case').
 */
export function PackQuantity({ qty, units, locale, signed = false }: PackQuantityProps) {
  const parts = formatQuantityParts(qty, units, locale);
  const separator = packSeparator(locale);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && separator}
          <span className={classes.pack}>{i === 0 && signed && qty > 0 ? `+${part}` : part}</span>
        </Fragment>
      ))}
    </>
  );
}
