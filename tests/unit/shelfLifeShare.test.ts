import { describe, expect, it } from 'vitest';
import { shelfLifeShare } from '../../src-renderer/features/customers/shelfLifeShare';

describe('a customer’s minimum shelf life, as the sales desk says it', () => {
  it('names the usual shares as fractions and anything else as a percentage', () => {
    expect(shelfLifeShare(667)).toBe('⅔');
    expect(shelfLifeShare(666)).toBe('⅔');
    expect(shelfLifeShare(500)).toBe('½');
    expect(shelfLifeShare(750)).toBe('¾');
    expect(shelfLifeShare(800)).toBe('80%');
    expect(shelfLifeShare(825)).toBe('82.5%');
  });

  it('says nothing when the customer takes any lot', () => {
    expect(shelfLifeShare(0)).toBeNull();
  });
});
