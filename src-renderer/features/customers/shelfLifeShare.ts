/**
 * A minimum remaining shelf life in ‰ as people say it: 667 → "⅔", 500 → "½", 750 → "¾",
 * else a percentage. 0 means the customer takes any lot.
 */
export function shelfLifeShare(permille: number): string | null {
  if (permille <= 0) return null;
  const fractions: [number, string][] = [
    [333, '⅓'],
    [500, '½'],
    [667, '⅔'],
    [250, '¼'],
    [750, '¾'],
  ];
  const named = fractions.find(([value]) => Math.abs(value - permille) <= 1);
  return named ? named[1] : `${(permille / 10).toFixed(permille % 10 === 0 ? 0 : 1)}%`;
}
