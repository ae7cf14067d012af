import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken } from './headOffice';

/** Child processes for the kill -9 tests: the real server (src-server/main.ts) and a PC loop. */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface Child {
  process: ChildProcess;
  output(): string;
  /** SIGKILL, and wait until it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), and wait until it is gone. */
  stop(): Promise<void>;
}

function run(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  return { process: child, output: () => out, kill9: () => gone('SIGKILL'), stop: () => gone('SIGTERM') };
}

async function waitFor(child: Child, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    const m = child.output().match(pattern);
    if (m) return m;
    if (child.process.exitCode !== null) throw new Error(`${what} exited: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} did not start: ${child.output()}`);
}

/** The head-office server in its own process, on PGlite in `dataDir` or on `databaseUrl`. */
export async function spawnServer(options: { dataDir?: string; databaseUrl?: string }): Promise<Child & { url: string }> {
  const args = ['--port', '0', '--host', '127.0.0.1', ...(options.dataDir ? ['--data-dir', options.dataDir] : [])];
  const env: Record<string, string> = { BRANCH_LEDGER_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'silent', DATABASE_URL: options.databaseUrl ?? '' };
  const child = run('src-server/main.ts', args, env);
  const m = await waitFor(child, /listening on (http:\/\/[\d.]+:\d+)/, 'server');
  return { ...child, url: m[1] as string };
}

/** A PC posting and syncing in a loop on the enrolled ledger in `dataDir`. */
export async function spawnClient(dataDir: string, seed: number, productIds: string[]): Promise<Child> {
  const child = run('tests/sync/harness/clientProcess.ts', [dataDir, String(seed), JSON.stringify(productIds)], {});
  await waitFor(child, /^ready$/m, 'client');
  return child;
}
