import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpHost } from '../../src-main/http/createHttpHost';
import type { Envelope } from '../../src-main/contract';
import { createClient, type Transport } from '../../src-renderer/api/createClient';
import { describeLedgerContract } from './ledgerContract';

/** The same contract, every call going through real loopback HTTP as the browser sends it. */
describeLedgerContract('loopback HTTP host', async (ledger) => {
  const staticDir = mkdtempSync(join(tmpdir(), 'ledger-static-'));
  const host = await createHttpHost({ api: ledger.app.api, staticDir, exportsDir: ledger.app.exportsDir, port: 0 });
  const post = async (method: string, input: unknown): Promise<Envelope> => {
    const response = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ledger-key': host.secret, origin: host.origin },
      body: JSON.stringify(input),
    });
    return (await response.json()) as Envelope;
  };
  const transport: Transport = post;
  return {
    client: createClient(transport),
    raw: post,
    close: async () => {
      await host.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
});
