import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpHost, type HttpHost } from './http/createHttpHost';
import { parseLaunchOptions, type LaunchOptions } from './launchOptions';
import { openLedgerApp, type LedgerApp } from './services/openLedgerApp';

/**
 * What `npm start` runs after building: the Electron app where Electron's binary is installed,
 * otherwise the same app on the loopback HTTP host for a browser.
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The Electron binary, if installed. `require('electron')` would answer the same path, but when
 * the binary is missing it starts downloading it (and throws offline), so its lookup is
 * repeated here without side effects: node_modules/electron/path.txt names the binary in dist/.
 */
function findElectronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

function runElectron(binary: string, options: LaunchOptions): void {
  // The app directory (not main.cjs itself) so Electron reads package.json: its name and
  // productName set the window title and the userData folder as in the packaged app. The data
  // dir is passed on so `npm start` uses the same ledger whichever host it ends up with.
  const args = [root, `--data-dir=${options.dataDir}`, ...options.rest];
  const env = { ...process.env };
  // Set in a parent shell, it would turn Electron into plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, args, { stdio: 'inherit', env });
  // Ctrl-C reaches Electron directly (same process group); wait for it to close the ledger.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  child.on('error', (error) => {
    console.error(`Could not start Electron (${binary}): ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function listen(options: LaunchOptions, ledger: LedgerApp, staticDir: string): Promise<HttpHost> {
  const { api, exportsDir } = ledger;
  try {
    return await createHttpHost({ api, staticDir, exportsDir, port: options.port });
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!busy || !options.portIsDefault) {
      if (busy) throw new Error(`Port ${options.port} is in use; choose another with --port=… or BRANCH_LEDGER_PORT.`, { cause: error });
      throw error;
    }
    console.log(`Port ${options.port} is in use (another copy of Branch Ledger?); using a free port instead.`);
    return createHttpHost({ api, staticDir, exportsDir, port: 0 });
  }
}

async function serveOverHttp(options: LaunchOptions): Promise<void> {
  const staticDir = join(root, 'dist-web');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error('The renderer is not built (dist-web/index.html is missing). Run `npm run build` or use `npm start`.');
  }
  if (options.rest.length > 0) console.log(`Ignoring options meant for Electron: ${options.rest.join(' ')}`);

  const ledger = openLedgerApp({ dataDir: options.dataDir, host: 'http' });
  let host: HttpHost;
  try {
    host = await listen(options, ledger, staticDir);
  } catch (error) {
    ledger.close();
    throw error;
  }

  console.log(`Electron is not installed on this machine; serving Branch Ledger at ${host.url} — open it in a browser.`);
  console.log(`Ledger: ${ledger.dbPath}`);
  const damaged = ledger.damaged();
  if (damaged) console.log(`The ledger failed its integrity check at start; the address above shows the recovery screen with the backups to restore. (${damaged.split('\n').slice(0, 2).join(' ')})`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Stop taking requests first, then close SQLite so the WAL is checkpointed cleanly.
    void host
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        ledger.close();
        console.log('Branch Ledger stopped; the ledger is closed.');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const options = parseLaunchOptions(process.argv.slice(2), process.env, process.platform, homedir());
  options.dataDir = resolve(options.dataDir);
  const electron = findElectronBinary();
  if (electron) runElectron(electron, options);
  else await serveOverHttp(options);
}

main().catch((error: unknown) => {
  // Option mistakes, a busy port, a ledger from a newer version: each message is written for
  // the person at the terminal, so no stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
