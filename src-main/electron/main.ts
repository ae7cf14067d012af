import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { explicitDataDir } from '../launchOptions';
import { openLedgerApp, type LedgerApp } from '../services/openLedgerApp';
import { findExportFile } from '../exports/exportFiles';
import type { PdfFonts } from '../exports/exportTable';
import { bindLedgerIpc } from './bindIpc';
import { bindSaveExport } from './bindSaveExport';
import { keychainSecrets } from './keychainSecrets';
import {
  appHost,
  appOrigin,
  appScheme,
  buildCsp,
  buildWindowOptions,
  guardWebContents,
  isClientRoute,
  isTrustedSender,
  resolveStaticPath,
} from './security';

/**
 * Hosts allowed to open in the system browser. None yet: the app links to no outside page, and
 * an empty list means every window.open is simply denied. Add the help site here when it exists.
 */
const externalLinkHosts: readonly string[] = [];

// This file is bundled to dist-electron/main.cjs; the renderer and preload sit beside it.
const rendererDir = join(__dirname, '..', 'dist-web');
const preloadPath = join(__dirname, 'preload.cjs');

// Must run before 'ready'. A standard, secure scheme gives the renderer a real origin
// (app://branch-ledger) so 'self' in the CSP and sender checks mean something, unlike file://.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

let ledger: LedgerApp | undefined;
let mainWindow: BrowserWindow | undefined;

function dataDirectory(): string {
  const explicit = explicitDataDir(process.argv.slice(1), process.env, app.getPath('home'), process.platform);
  return explicit ? resolve(explicit) : app.getPath('userData');
}

/**
 * Node (tests, the loopback host) and Electron need different builds of better-sqlite3, so the
 * Electron build lives outside node_modules (see build/rebuildElectronNative.ts).
 */
function electronNativeBinding(): string | undefined {
  const candidate = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'db', 'migrations');
}

/** The packaged app ships its CJK font (build/buildElectron.ts copies it); in development the system's. */
function packagedPdfFonts(): PdfFonts | undefined {
  const packaged = join(process.resourcesPath, 'fonts', 'NotoSansCJK-Regular.ttc');
  return app.isPackaged && existsSync(packaged) ? { regular: { path: packaged, face: 'NotoSansCJKsc-Regular' } } : undefined;
}

function openLedgerOrExplain(): LedgerApp | undefined {
  const dataDir = dataDirectory();
  const nativeBinding = electronNativeBinding();
  const pdfFonts = packagedPdfFonts();
  const secrets = keychainSecrets(safeStorage);
  try {
    return openLedgerApp({
      dataDir,
      host: 'electron',
      migrationsFolder: migrationsFolder(),
      ...(nativeBinding ? { nativeBinding } : {}),
      ...(pdfFonts ? { pdfFonts } : {}),
      ...(secrets ? { secrets } : {}),
      // Bundled beside main.cjs by build/buildElectron.ts.
      reportWorkerFile: join(__dirname, 'reportWorker.cjs'),
      integrityWorkerFile: join(__dirname, 'integrityWorker.cjs'),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint =
      !nativeBinding && /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(reason)
        ? '\n\nThe SQLite module was built for Node.js, not Electron. Run `npm run rebuild:electron`.'
        : '';
    dialog.showErrorBox(
      'Branch Ledger — 无法打开账本 / cannot open the ledger',
      `${join(dataDir, 'ledger.sqlite')}\n\n${reason}${hint}`,
    );
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Serves dist-web under app://branch-ledger/, with the CSP on every HTML page. */
function registerAppProtocol(): void {
  const csp = buildCsp();
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response('Not found', { status: 404 });
    let file = resolveStaticPath(rendererDir, url.pathname);
    if (file === null) return new Response('Not found', { status: 404 });
    if (!isFile(file) && isClientRoute(url.pathname)) file = join(rendererDir, 'index.html');
    // A directory would come back from net.fetch as a listing; only files are served.
    if (!isFile(file)) return new Response('Not found', { status: 404 });

    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('x-content-type-options', 'nosniff');
    if (extname(file).toLowerCase() === '.html') headers.set('content-security-policy', csp);
    return new Response(response.body, { status: response.status, headers });
  });

  // The protocol handler sets the policy on our own pages; this covers any response that
  // reaches the session another way, so no document ever runs without the policy.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

function denyAllPermissions(): void {
  // A stock ledger needs no camera, microphone, location, notifications or USB; a scanner is a
  // keyboard. Denying everything means a compromised page cannot ask the user for anything.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = undefined;
  });
  void win.loadURL(`${appOrigin}/`);
  return win;
}

function start(): void {
  // Two instances would mean two writers on one SQLite ledger and two sets of document numbers.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, { origin: appOrigin, externalHosts: externalLinkHosts, openExternal: (url) => void shell.openExternal(url) }),
  );
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    ledger?.close();
    ledger = undefined;
  });

  void app.whenReady().then(() => {
    ledger = openLedgerOrExplain();
    if (!ledger) {
      app.exit(1);
      return;
    }
    denyAllPermissions();
    registerAppProtocol();
    const trusted = (event: Electron.IpcMainInvokeEvent) => isTrustedSender(event.senderFrame, appOrigin);
    bindLedgerIpc(ipcMain, ledger.api, trusted);
    const exportsDir = ledger.exportsDir;
    bindSaveExport(ipcMain, trusted, {
      findFile: (fileId) => findExportFile(exportsDir, fileId),
      askSavePath: async (event, fileName) => {
        const options = { defaultPath: join(app.getPath('downloads'), fileName) };
        const owner = BrowserWindow.fromWebContents(event.sender);
        const answer = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
        return answer.canceled || !answer.filePath ? undefined : answer.filePath;
      },
      copyFile: (from, to) => copyFile(from, to),
    });
    mainWindow = createMainWindow();
  });
}

start();
