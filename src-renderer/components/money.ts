/**
 * Money typed by a clerk, in yuan, turned into integer fen by string arithmetic — never through
 * a float, so '19.99' is exactly 1999 and not 1998.9999….
 */

/** The contract's ceiling for one amount (moneyFen): ¥1,000,000,000.00. */
export const MAX_FEN = 100_000_000_000;

export type YuanParse =
  | { ok: true; fen: number }
  | { ok: false; code: 'REQUIRED' | 'MONEY_INVALID' | 'MONEY_TOO_PRECISE' | 'TOO_LARGE' };

export function parseYuanToFen(input: string): YuanParse {
  const text = input
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[¥￥,，\s]/g, '')
    .replace(/。/g, '.');
  if (text === '') return { ok: false, code: 'REQUIRED' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, code: 'MONEY_INVALID' };
  const whole = match[1] ?? '';
  // Trailing zeros beyond the fen carry no value: '1.500' is ¥1.50.
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (whole === '' && (match[2] ?? '') === '') return { ok: false, code: 'MONEY_INVALID' };
  if (fraction.length > 2) return { ok: false, code: 'MONEY_TOO_PRECISE' };
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > 12) return { ok: false, code: 'TOO_LARGE' };
  const fen = Number(wholeDigits || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, code: 'TOO_LARGE' };
  return { ok: true, fen };
}

/** 1999 → '19.99': the text a cost field is pre-filled with. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** numerator / denominator rounded half to even (the ledger's rounding rule); denominator > 0. */
export function divideHalfEven(numerator: number, denominator: number): number {
  const negative = numerator < 0;
  const n = Math.abs(numerator);
  const quotient = Math.floor(n / denominator);
  const twiceRemainder = (n - quotient * denominator) * 2;
  let rounded = quotient;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2 === 1)) rounded += 1;
  return negative ? -rounded : rounded;
}
