import { posix, win32 } from 'node:path';

/** What `npm start` and the Electron main process read from their command line and environment. */
export interface LaunchOptions {
  dataDir: string;
  /** 0 = any free port. */
  port: number;
  /** The default port may be busy (a second checkout, another app); only then fall back to a random one. */
  portIsDefault: boolean;
  /** Arguments this launcher does not know, passed on to Electron untouched. */
  rest: string[];
}

export const defaultPort = 5180;

export class LaunchOptionsError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

function pathsFor(platform: string) {
  return platform === 'win32' ? win32 : posix;
}

/** `--name=value` or `--name value`; the last one given wins, as with most CLIs. */
function takeFlag(argv: readonly string[], name: string): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg.startsWith(`--${name}=`)) {
      value = arg.slice(name.length + 3);
    } else if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new LaunchOptionsError(`--${name} needs a value, e.g. --${name}=…`);
      value = next;
      i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { value, rest };
}

/** A shell leaves `~` alone after `--data-dir=`, so expand it here the way the user meant it. */
function expandHome(path: string, homedir: string, platform: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/') || (platform === 'win32' && path.startsWith('~\\'))) return pathsFor(platform).join(homedir, path.slice(2));
  return path;
}

/**
 * The data directory given explicitly: the flag wins over the environment, so one run can be
 * pointed elsewhere without editing a profile. Undefined when neither is set.
 */
export function explicitDataDir(argv: readonly string[], env: Env, homedir: string, platform: string): string | undefined {
  const flag = takeFlag(argv, 'data-dir').value;
  const chosen = flag ?? env.BRANCH_LEDGER_DATA_DIR;
  if (chosen === undefined) return undefined;
  if (chosen.trim() === '') throw new LaunchOptionsError('The data directory must not be empty.');
  return expandHome(chosen, homedir, platform);
}

/** Where the ledger lives when nobody says otherwise, following each platform's convention. */
export function defaultDataDir(env: Env, platform: string, homedir: string): string {
  const paths = pathsFor(platform);
  if (platform === 'win32') {
    return paths.join(env.APPDATA || paths.join(homedir, 'AppData', 'Roaming'), 'Branch Ledger');
  }
  if (platform === 'darwin') return paths.join(homedir, 'Library', 'Application Support', 'Branch Ledger');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && paths.isAbsolute(xdg) ? xdg : paths.join(homedir, '.local', 'share');
  return paths.join(base, 'branch-ledger');
}

function parsePort(text: string, source: string): number {
  if (!/^\d{1,5}$/.test(text.trim())) throw new LaunchOptionsError(`${source} must be a port number from 0 to 65535, not "${text}".`);
  const port = Number(text);
  if (port > 65535) throw new LaunchOptionsError(`${source} must be a port number from 0 to 65535, not "${text}".`);
  return port;
}

export function parseLaunchOptions(argv: readonly string[], env: Env, platform: string, homedir: string): LaunchOptions {
  const dataDir = explicitDataDir(argv, env, homedir, platform) ?? defaultDataDir(env, platform, homedir);
  const withoutDataDir = takeFlag(argv, 'data-dir').rest;
  const portFlag = takeFlag(withoutDataDir, 'port');

  let port = defaultPort;
  let portIsDefault = true;
  if (portFlag.value !== undefined) {
    port = parsePort(portFlag.value, '--port');
    portIsDefault = false;
  } else if (env.BRANCH_LEDGER_PORT !== undefined && env.BRANCH_LEDGER_PORT !== '') {
    port = parsePort(env.BRANCH_LEDGER_PORT, 'BRANCH_LEDGER_PORT');
    portIsDefault = false;
  }
  return { dataDir, port, portIsDefault, rest: portFlag.rest };
}
