import { describe, expect, it } from 'vitest';
import { methodNames } from '../../src-main/contract';
import { buildBridge } from '../../src-main/preload/buildBridge';

describe('the preload bridge (window.ledger)', () => {
  it('has exactly one function per contract method and nothing else', () => {
    const bridge = buildBridge(() => Promise.resolve({ ok: true, value: null }));
    expect(Object.keys(bridge).sort()).toEqual([...methodNames].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it("calls the method's own channel with the input, and only the input", async () => {
    const sent: unknown[][] = [];
    const bridge = buildBridge((...args: unknown[]) => {
      sent.push(args);
      return Promise.resolve({ ok: true, value: 'answer' });
    });
    const receive = bridge['stock.receive'] as (...args: unknown[]) => Promise<unknown>;
    await expect(receive({ warehouseId: 'w' }, 'smuggled', 42)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(sent).toEqual([['ledger:stock.receive', { warehouseId: 'w' }]]);
  });
});
