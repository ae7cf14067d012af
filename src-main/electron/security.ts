import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';
import { resolve, sep } from 'node:path';

/**
 * Security settings of both hosts as pure functions, so tests can assert every one of them
 * without launching Electron (the way Actual and VS Code test theirs). main.ts and the loopback
 * HTTP host only wire these into their frameworks.
 */

/** The renderer is served from app://branch-ledger so its origin is stable across installs. */
export const appScheme = 'app';
export const appHost = 'branch-ledger';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * 'unsafe-inline' for styles only: Mantine and Emotion-style libraries inject <style> tags at
 * run time. Scripts stay 'self'-only, which is what stops injected markup from running code.
 */
const cspDirectives: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['font-src', "'self'", 'data:'],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** The one Content-Security-Policy of the renderer, sent by the Electron session and the HTTP host. */
export function buildCsp(): string {
  return cspDirectives.map((directive) => directive.join(' ')).join('; ');
}

export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    // Below this the stock tables and the scanner entry line no longer fit side by side.
    minWidth: 1024,
    minHeight: 700,
    // Shown on 'ready-to-show' so a clerk never sees a white flash on a dim warehouse screen.
    show: false,
    backgroundColor: '#f8f9fa',
    title: 'Branch Ledger',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Product codes and Chinese customer names are not words; red squiggles are noise.
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    },
  };
}

/**
 * `protocol//host` of a hierarchical URL, or null. Node's URL reports origin "null" for
 * non-special schemes such as app://, so the origin is rebuilt from its parts; a URL carrying
 * credentials never counts as the app.
 */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host || parsed.username || parsed.password) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isAppUrl(url: string, expectedOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === expectedOrigin.toLowerCase();
}

/** Navigation may only stay inside the app; anything else would hand the bridge to a stranger. */
export function shouldAllowNavigation(url: string, expectedOrigin: string): boolean {
  return isAppUrl(url, expectedOrigin);
}

/** No page of the app opens windows; allowed external links go to the system browser instead. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** A navigation-type event of Electron's WebContents: where it would go, and how to stop it. */
export interface GuardedEvent {
  url?: string;
  preventDefault(): void;
}

/**
 * The part of Electron's WebContents the guard needs, so tests can hand it a fake and fire the
 * events a hostile page would cause.
 */
export interface GuardableContents {
  on(event: string, listener: (event: GuardedEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
}

export interface ContentsGuardOptions {
  origin: string;
  /** Hosts whose https links may open in the system browser (see isAllowedExternalUrl). */
  externalHosts: readonly string[];
  /** shell.openExternal in the app; called only for allowlisted URLs. */
  openExternal: (url: string) => void;
}

/**
 * Applied to every web contents ever created (app 'web-contents-created'), so no later window
 * or frame escapes the rules: navigation and redirects stay on the app's origin, no <webview>
 * is attached, and window.open never makes a window — an allowlisted https link goes to the
 * system browser instead, anything else is dropped.
 */
export function guardWebContents(contents: GuardableContents, options: ContentsGuardOptions): void {
  const stayInApp = (event: GuardedEvent): void => {
    if (!shouldAllowNavigation(event.url ?? '', options.origin)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.externalHosts)) options.openExternal(url);
    return denyWindowOpen();
  });
}

/** The part of Electron's WebFrameMain that sender validation needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the app's own top-level page may call the ledger. A sub-frame (an embedded page, even a
 * same-origin one) or a frame already gone (null) is refused, as VS Code's ValidatedIpcMain does.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, expectedOrigin: string): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, expectedOrigin);
}

/**
 * Links that may be opened in the system browser: https on the default port to a listed host.
 * Anything else (file:, custom schemes, http, other hosts) could launch programs or leak data.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

/**
 * Maps a URL path to a file under `root`, or null when the path would leave `root`, names a
 * hidden file, or is not valid percent-encoding. URL parsers collapse literal `..` segments,
 * but an encoded `%2e%2e` survives parsing and is decoded here, so segments are checked after
 * decoding and the result is checked to lie inside `root`. A ':' is refused because on Windows
 * it switches drives (`C:x`) or names an NTFS alternate stream (`index.html::$DATA`).
 */
export function resolveStaticPath(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index.html';
  if (segments.some((segment) => segment === '' || segment.startsWith('.') || segment.includes(':'))) return null;
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, ...segments);
  return file.startsWith(absoluteRoot + sep) ? file : null;
}

/**
 * A path with no file extension is a client-side route (/stock/receive): reloading it must
 * give the app's index.html, while a missing asset (/assets/x.js) must stay a 404.
 */
export function isClientRoute(urlPathname: string): boolean {
  const last = urlPathname.split('/').at(-1) ?? '';
  return !last.includes('.');
}
