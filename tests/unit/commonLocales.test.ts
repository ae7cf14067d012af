import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-main/core/errors';
import { en } from '../../src-renderer/app/locales/en';
import { zhCN } from '../../src-renderer/app/locales/zh-CN';
import { resources as customers } from '../../src-renderer/features/customers/locales';
import { resources as products } from '../../src-renderer/features/products/locales';
import { resources as sales } from '../../src-renderer/features/sales/locales';
import { resources as returns } from '../../src-renderer/features/returns/locales';
import { resources as settings } from '../../src-renderer/features/settings/locales';
import { resources as setup } from '../../src-renderer/features/setup/locales';
import { resources as sync } from '../../src-renderer/features/sync/locales';

/** Keys of a nested resource object, with i18next plural suffixes folded into their base key. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k.replace(/_(zero|one|two|few|many|other)$/, '')}` : k.replace(/_(zero|one|two|few|many|other)$/, '')));
}

// Every code the contract's schemas can answer (read from their source, so a new one cannot be
// added without a translation), plus zod's own codes for schemas without a custom message.
const schemaSource = ['schemas.ts', 'methods.ts'].map((f) => readFileSync(join(import.meta.dirname, '../../src-main/contract', f), 'utf8')).join('\n');
const validationCodes = [
  ...new Set([...schemaSource.matchAll(/error: '([A-Z_]+)'/g)].map((m) => m[1] ?? '')),
  'invalid_type', 'unrecognized_keys', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'custom',
];

describe('shared UI texts', () => {
  it('has the same keys in Chinese and English, so no screen falls back to the other language', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(zhCN))].sort());
  });

  it('explains every API error code in both languages', () => {
    for (const code of errorCodes) {
      expect(zhCN.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });

  it('explains every field validation code in both languages', () => {
    expect(validationCodes).toContain('DATE_OUT_OF_RANGE');
    for (const code of validationCodes) {
      expect((zhCN.validation as Record<string, string>)[code], code).toBeTruthy();
      expect((en.validation as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('lists what each coming-soon area will do, in both languages alike', () => {
    for (const area of ['reports'] as const) {
      expect(zhCN.comingSoon[area].capabilities.length).toBeGreaterThan(2);
      expect(en.comingSoon[area].capabilities.length).toBe(zhCN.comingSoon[area].capabilities.length);
    }
  });
});

describe('feature texts', () => {
  it.each([
    ['customers', customers],
    ['products', products],
    ['returns', returns],
    ['sales', sales],
    ['settings', settings],
    ['setup', setup],
    ['sync', sync],
  ])('%s has the same keys in Chinese and English', (_name, resources) => {
    expect([...new Set(keys(resources.en))].sort()).toEqual([...new Set(keys(resources['zh-CN']))].sort());
  });
});
