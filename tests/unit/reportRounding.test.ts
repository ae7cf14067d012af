import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { roundedShareSql } from '../../src-main/services/reports/reportDefinitions';

describe('a lot’s share of its layers in SQL', () => {
  it('rounds qty × value ÷ held half up exactly as Math.round does, for lots below zero too', () => {
    const db = new Database(':memory:');
    const share = db.prepare(`SELECT ${roundedShareSql('@qty', '@value', '@held')} AS v`).pluck();
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const cases: [number, number, number][] = [
      [1, 101, 2],
      [-1, 101, 2],
      [3, 5, 2],
      [-3, 5, 2],
      [0, 999, 7],
      [24, 10_000, 24],
    ];
    for (let i = 0; i < 5000; i++) cases.push([next(2001) - 1000, next(5_000_000), 1 + next(50_000)]);
    for (const [qty, value, held] of cases) expect([qty, value, held, share.get({ qty, value, held })]).toEqual([qty, value, held, Math.round((1.0 * qty * value) / held)]);
    db.close();
  });
});
