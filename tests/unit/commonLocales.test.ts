import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-main/core/errors';
import { en } from '../../src-renderer/app/locales/en';
import { zhCN } from '../../src-renderer/app/locales/zh-CN';

/** Keys of a nested resource object, with i18next plural suffixes folded into their base key. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k.replace(/_(zero|one|two|few|many|other)$/, '')}` : k.replace(/_(zero|one|two|few|many|other)$/, '')));
}

const validationCodes = [
  'REQUIRED', 'TOO_LONG', 'DATE_INVALID', 'POSITIVE_REQUIRED', 'NONZERO_REQUIRED', 'INTEGER_REQUIRED', 'NUMBER_REQUIRED',
  'NOT_NEGATIVE', 'TOO_LARGE', 'LINES_REQUIRED', 'TOO_MANY_LINES', 'LOT_CODE_INVALID', 'TIME_ZONE_INVALID',
  'BRANCH_CODE_INVALID', 'REASON_REQUIRED', 'ID_INVALID',
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
    for (const code of validationCodes) {
      expect((zhCN.validation as Record<string, string>)[code], code).toBeTruthy();
      expect((en.validation as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('lists what each coming-soon area will do, in both languages alike', () => {
    for (const area of ['counts', 'sales', 'returns', 'purchasing', 'reports', 'sync'] as const) {
      expect(zhCN.comingSoon[area].capabilities.length).toBeGreaterThan(2);
      expect(en.comingSoon[area].capabilities.length).toBe(zhCN.comingSoon[area].capabilities.length);
    }
  });
});
