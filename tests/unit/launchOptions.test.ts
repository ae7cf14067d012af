import { describe, expect, it } from 'vitest';
import { defaultPort, explicitDataDir, LaunchOptionsError, parseLaunchOptions } from '../../src-main/launchOptions';

const home = '/home/clerk';

describe('parseLaunchOptions', () => {
  it('with nothing given: the XDG data folder and port 5180 (with fallback allowed)', () => {
    expect(parseLaunchOptions([], {}, 'linux', home)).toEqual({
      dataDir: '/home/clerk/.local/share/branch-ledger',
      port: defaultPort,
      portIsDefault: true,
      rest: [],
    });
    expect(defaultPort).toBe(5180);
  });

  it('follows XDG_DATA_HOME when it is absolute and ignores it when relative, as the spec says', () => {
    expect(parseLaunchOptions([], { XDG_DATA_HOME: '/data/xdg' }, 'linux', home).dataDir).toBe('/data/xdg/branch-ledger');
    expect(parseLaunchOptions([], { XDG_DATA_HOME: 'relative/xdg' }, 'linux', home).dataDir).toBe('/home/clerk/.local/share/branch-ledger');
  });

  it('uses %APPDATA%\\Branch Ledger on Windows', () => {
    expect(parseLaunchOptions([], { APPDATA: 'C:\\Users\\clerk\\AppData\\Roaming' }, 'win32', 'C:\\Users\\clerk').dataDir).toBe(
      'C:\\Users\\clerk\\AppData\\Roaming\\Branch Ledger',
    );
    expect(parseLaunchOptions([], {}, 'win32', 'C:\\Users\\clerk').dataDir).toBe('C:\\Users\\clerk\\AppData\\Roaming\\Branch Ledger');
  });

  it('uses Application Support on macOS', () => {
    expect(parseLaunchOptions([], {}, 'darwin', '/Users/clerk').dataDir).toBe('/Users/clerk/Library/Application Support/Branch Ledger');
  });

  it('takes the data directory from the flag over the environment', () => {
    const env = { BRANCH_LEDGER_DATA_DIR: '/from/env' };
    expect(parseLaunchOptions([], env, 'linux', home).dataDir).toBe('/from/env');
    expect(parseLaunchOptions(['--data-dir=/from/flag'], env, 'linux', home).dataDir).toBe('/from/flag');
    expect(parseLaunchOptions(['--data-dir', '/spaced'], env, 'linux', home).dataDir).toBe('/spaced');
  });

  it('expands a leading ~ that the shell left alone after --data-dir=', () => {
    expect(parseLaunchOptions(['--data-dir=~/shop2'], {}, 'linux', home).dataDir).toBe('/home/clerk/shop2');
    expect(parseLaunchOptions(['--data-dir=~'], {}, 'linux', home).dataDir).toBe(home);
  });

  it('takes the port from the flag over BRANCH_LEDGER_PORT, and then never falls back', () => {
    expect(parseLaunchOptions([], { BRANCH_LEDGER_PORT: '6000' }, 'linux', home)).toMatchObject({ port: 6000, portIsDefault: false });
    expect(parseLaunchOptions(['--port=6001'], { BRANCH_LEDGER_PORT: '6000' }, 'linux', home)).toMatchObject({
      port: 6001,
      portIsDefault: false,
    });
    expect(parseLaunchOptions(['--port=0'], {}, 'linux', home)).toMatchObject({ port: 0, portIsDefault: false });
  });

  it('refuses a port that is not a number from 0 to 65535, naming where it came from', () => {
    expect(() => parseLaunchOptions(['--port=http'], {}, 'linux', home)).toThrow(LaunchOptionsError);
    expect(() => parseLaunchOptions(['--port=65536'], {}, 'linux', home)).toThrow(/--port/);
    expect(() => parseLaunchOptions(['--port=-1'], {}, 'linux', home)).toThrow(/--port/);
    expect(() => parseLaunchOptions([], { BRANCH_LEDGER_PORT: '51.8' }, 'linux', home)).toThrow(/BRANCH_LEDGER_PORT/);
  });

  it('refuses an empty data directory and a flag without its value', () => {
    expect(() => parseLaunchOptions(['--data-dir='], {}, 'linux', home)).toThrow(LaunchOptionsError);
    expect(() => parseLaunchOptions(['--data-dir'], {}, 'linux', home)).toThrow(/needs a value/);
    expect(() => parseLaunchOptions(['--port', '--data-dir=/x'], {}, 'linux', home)).toThrow(/needs a value/);
  });

  it('passes unknown arguments on for Electron, in order', () => {
    expect(parseLaunchOptions(['--enable-logging', '--data-dir=/d', '--lang=zh-CN', '--port=7000'], {}, 'linux', home).rest).toEqual([
      '--enable-logging',
      '--lang=zh-CN',
    ]);
  });
});

describe('explicitDataDir (what Electron main uses before falling back to userData)', () => {
  it('is undefined when neither the flag nor the environment names one', () => {
    expect(explicitDataDir(['/opt/Branch Ledger/branch-ledger', '--enable-logging'], {}, home, 'linux')).toBeUndefined();
    expect(explicitDataDir([], { BRANCH_LEDGER_DATA_DIR: '/e' }, home, 'linux')).toBe('/e');
  });
});
