/** GS1 check digit for the first 12 digits of an EAN-13 (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError('EAN-13 needs 12 digits before the check digit');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** ITF-14 / GTIN-14 for a case: indicator digit + the item's first 12 digits + new check digit. */
export function gtin14ForCase(ean13: string, indicator: number): string {
  const body = `${indicator}${ean13.slice(0, 12)}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function isValidGtin14(code: string): boolean {
  if (!/^\d{14}$/.test(code)) return false;
  return gtin14ForCase(`${code.slice(1, 13)}0`, Number(code[0])) === code;
}
