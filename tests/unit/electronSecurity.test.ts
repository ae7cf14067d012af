import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  buildCsp,
  buildWindowOptions,
  denyWindowOpen,
  guardWebContents,
  type GuardedEvent,
  isAllowedExternalUrl,
  isAppUrl,
  isClientRoute,
  isTrustedSender,
  resolveStaticPath,
  shouldAllowNavigation,
} from '../../src-main/electron/security';

function cspDirectives(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of buildCsp().split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('the Electron window', () => {
  const options = buildWindowOptions('/app/dist-electron/preload.cjs');

  it('isolates the page from Node: context isolation, sandbox, no Node integration anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on, refuses insecure content, webviews and drag-and-drop navigation', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
    });
  });

  it('does not spell-check product codes and names', () => {
    expect(options.webPreferences?.spellcheck).toBe(false);
  });

  it('opens at 1280×800, no smaller than 1024×700, hidden until painted, on a light background', () => {
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('the Content-Security-Policy', () => {
  it('allows scripts, data and frames only from the app itself', () => {
    const csp = cspDirectives();
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it("allows inline styles (Mantine injects them) but never inline or eval'd scripts", () => {
    const csp = cspDirectives();
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(buildCsp()).not.toContain('unsafe-eval');
    expect(buildCsp()).not.toContain('*');
  });
});

describe('navigation and new windows', () => {
  it('stays on the app origin', () => {
    expect(shouldAllowNavigation(`${appOrigin}/`, appOrigin)).toBe(true);
    expect(shouldAllowNavigation(`${appOrigin}/stock/receive?x=1#top`, appOrigin)).toBe(true);
  });

  it('refuses every other origin, scheme, look-alike host or credentialed URL', () => {
    for (const url of [
      'https://example.com/',
      'http://branch-ledger/',
      'file:///etc/passwd',
      'app://branch-ledger.evil.com/',
      'app://evil/',
      'app://user:pw@branch-ledger/',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(shouldAllowNavigation(url, appOrigin), url).toBe(false);
    }
  });

  it('compares ports too, so another loopback service is not the app', () => {
    expect(isAppUrl('http://127.0.0.1:5180/', 'http://127.0.0.1:5180')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5181/', 'http://127.0.0.1:5180')).toBe(false);
  });

  it('denies window.open whatever the URL', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});

describe('IPC sender validation', () => {
  const mainFrame = { url: `${appOrigin}/index.html`, parent: null };

  it("trusts the app's own top-level page", () => {
    expect(isTrustedSender(mainFrame, appOrigin)).toBe(true);
  });

  it('refuses a sub-frame, even one showing the app', () => {
    expect(isTrustedSender({ url: `${appOrigin}/index.html`, parent: mainFrame }, appOrigin)).toBe(false);
  });

  it('refuses a top-level page from anywhere else', () => {
    expect(isTrustedSender({ url: 'https://example.com/', parent: null }, appOrigin)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null }, appOrigin)).toBe(false);
    expect(isTrustedSender({ url: '', parent: null }, appOrigin)).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender(null, appOrigin)).toBe(false);
    expect(isTrustedSender(undefined, appOrigin)).toBe(false);
  });
});

describe('external links', () => {
  const hosts = ['help.example.com'];

  it('opens https links to a listed host', () => {
    expect(isAllowedExternalUrl('https://help.example.com/receipts', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://HELP.example.com/', hosts)).toBe(true);
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'http://help.example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://help.example.com/share',
      'https://help.example.com.evil.com/',
      'https://evil.com/?help.example.com',
      'https://help.example.com:8443/',
      'https://user@help.example.com/',
      'garbage',
    ]) {
      expect(isAllowedExternalUrl(url, hosts), url).toBe(false);
    }
  });

  it('refuses everything when no host is listed', () => {
    expect(isAllowedExternalUrl('https://help.example.com/', [])).toBe(false);
  });
});

describe('static file paths', () => {
  const root = resolve('/srv/dist-web');

  it('maps URL paths to files under the root, and a folder to its index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticPath(root, '/fonts/%E6%80%9D%E6%BA%90.woff2')).toBe(join(root, 'fonts', '思源.woff2'));
  });

  it('refuses paths that climb out of the root, however they are spelled', () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2E%2E/%2E%2E/etc/passwd', '/..%2fpackage.json', '/%2e%2e%5cpackage.json']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('refuses hidden files, NUL bytes, drive letters, backslashes and broken encoding', () => {
    for (const path of ['/.env', '/assets/.git/config', '/index.html%00.js', '/C:/Windows/win.ini', '/a%5cb', '/%E0%A4%A', '//etc/passwd']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('treats extension-less paths as client routes and files as files', () => {
    expect(isClientRoute('/stock/receive')).toBe(true);
    expect(isClientRoute('/')).toBe(true);
    expect(isClientRoute('/assets/app.js')).toBe(false);
  });
});

describe('every web contents is guarded', () => {
  function fakeContents() {
    const listeners = new Map<string, ((event: GuardedEvent) => void)[]>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    return {
      on(event: string, listener: (event: GuardedEvent) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
        openHandler = handler;
      },
      /** Fires an event as Electron would; true when a listener stopped it. */
      fire(event: string, url?: string): boolean {
        let prevented = false;
        const handlers = listeners.get(event) ?? [];
        expect(handlers.length, `a listener for ${event}`).toBeGreaterThan(0);
        for (const listener of handlers) listener({ ...(url === undefined ? {} : { url }), preventDefault: () => (prevented = true) });
        return prevented;
      },
      open(url: string) {
        if (!openHandler) throw new Error('no window-open handler');
        return openHandler({ url });
      },
    };
  }

  function guarded() {
    const contents = fakeContents();
    const opened: string[] = [];
    guardWebContents(contents, { origin: appOrigin, externalHosts: ['help.example.com'], openExternal: (url) => opened.push(url) });
    return { contents, opened };
  }

  it('stops navigation, frame navigation and redirects that leave the app, and lets in-app ones through', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.fire(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.fire(event, 'file:///etc/passwd'), event).toBe(true);
      expect(contents.fire(event, `${appOrigin}/stock`), event).toBe(false);
    }
    expect(contents.fire('will-navigate'), 'an event without a URL').toBe(true);
  });

  it('never attaches a <webview>', () => {
    expect(guarded().contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; only an allowlisted https link reaches the system browser', () => {
    const { contents, opened } = guarded();
    for (const url of ['https://help.example.com/backups', 'https://evil.example/', 'file:///C:/Windows/calc.exe', 'http://help.example.com/', `${appOrigin}/x`]) {
      expect(contents.open(url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://help.example.com/backups']);
  });
});

describe('electron-builder fuses', () => {
  /** The `electronFuses:` block of electron-builder.yml as key → value (a flat block of booleans). */
  function fuses(): Record<string, string> {
    const lines = readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8').split('\n');
    const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
    expect(start, 'an electronFuses block').toBeGreaterThanOrEqual(0);
    const out: Record<string, string> = {};
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break;
      const m = /^\s+(\w+):\s*(\S+)/.exec(line);
      if (m) out[m[1] as string] = m[2] as string;
    }
    return out;
  }

  it('turns off running as Node, NODE_OPTIONS and the inspector flags', () => {
    expect(fuses()).toMatchObject({ runAsNode: 'false', enableNodeOptionsEnvironmentVariable: 'false', enableNodeCliInspectArguments: 'false' });
  });

  it('loads the app only from its asar archive and validates the archive', () => {
    expect(fuses()).toMatchObject({ onlyLoadAppFromAsar: 'true', enableEmbeddedAsarIntegrityValidation: 'true' });
    expect(readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8')).toMatch(/^asar: true$/m);
  });

  it('gives file:// no extra privileges (the renderer is served from app://)', () => {
    expect(fuses()).toMatchObject({ grantFileProtocolExtraPrivileges: 'false', enableCookieEncryption: 'true' });
  });
});
