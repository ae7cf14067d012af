import { createRandom } from './random';
import { signInAdmin } from '../../helpers/testLedger';
import { openPc, pendingOps, postRandomDocument } from './pc';

/**
 * A branch PC as its own process, for the kill -9 tests: on an enrolled ledger, it posts random
 * documents and syncs, in a loop, until it is killed.
 *
 *   node --import tsx tests/sync/harness/clientProcess.ts <dataDir> <seed> <productIdsJson>
 */
const [dataDir, seedText, productsJson] = process.argv.slice(2);
if (!dataDir || !seedText || !productsJson) throw new Error('usage: clientProcess.ts <dataDir> <seed> <productIdsJson>');
const products = (JSON.parse(productsJson) as string[]).map((id) => ({ id, sku: '' }));
const random = createRandom(Number(seedText));
const pc = openPc('child', dataDir);
// A restarted process has nobody signed in, as at a real PC: the administrator signs in.
signInAdmin(pc.app);

async function loop(): Promise<void> {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    for (let n = random.int(1, 3); n > 0; n--) await postRandomDocument(pc, random, products);
    const status = await pc.client['sync.now']({});
    process.stdout.write(`${JSON.stringify({ i, pending: pendingOps(pc), error: status.lastError?.code ?? null })}\n`);
  }
}

loop().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
