import { rebuild } from '@electron/rebuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node
 * (`npm run rebuild:electron`), which electron-builder ships as resources/native/.
 *
 * node_modules keeps its Node build: vitest, the loopback host and the benchmarks run under
 * plain Node and would break on an Electron build. So the package is copied to a temporary
 * project, rebuilt there, and only the resulting .node file is copied out.
 *
 * Why not `electron-builder install-app-deps` (or electron-builder's own npmRebuild): it
 * rebuilds node_modules in place, replacing the Node build everything else needs, and where
 * npm is configured with `nodedir` (as on our build images) node-gyp takes the headers from
 * there and silently builds for Node's ABI instead of Electron's, leaving a package that fails
 * only when a user opens it. This script drops that setting and checks the ABI of the result.
 *
 * Needs the Electron headers from https://electronjs.org/headers (cached by node-gyp after the
 * first run) and a C++ toolchain (python3, make and g++ on Linux; Visual Studio Build Tools on
 * Windows).
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const target = join(root, 'build', 'native', 'electron', 'better_sqlite3.node');

/** Node-API-less addons export node_register_module_v<ABI>; the number says which runtime they fit. */
function abiOfAddon(file: string): number | undefined {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : undefined;
}

function readJson(path: string): { version: string } {
  return JSON.parse(readFileSync(path, 'utf8')) as { version: string };
}

async function main(): Promise<void> {
  const electronVersion = readJson(require.resolve('electron/package.json')).version;
  const sqlitePackageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = readJson(join(sqlitePackageDir, 'package.json')).version;
  const electronAbi = Number(readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim());

  // npm passes its config to node-gyp as npm_config_* variables; a nodedir there would win
  // over the Electron headers (see above).
  for (const name of Object.keys(process.env)) {
    if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name];
  }

  const work = mkdtempSync(join(tmpdir(), 'branch-ledger-native-'));
  try {
    const moduleDir = join(work, 'node_modules', 'better-sqlite3');
    // The existing build/ holds the Node binary; leaving it out forces a real rebuild.
    cpSync(sqlitePackageDir, moduleDir, {
      recursive: true,
      filter: (source) => !source.startsWith(join(sqlitePackageDir, 'build')),
    });
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({ name: 'branch-ledger-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
    );

    console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${work}`);
    await rebuild({
      buildPath: work,
      electronVersion,
      arch: process.arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      // Compile against Electron's headers rather than trusting a downloaded prebuilt binary.
      buildFromSource: true,
      headerURL: 'https://electronjs.org/headers',
    });

    const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error(`the rebuild finished but ${built} is missing`);
    const builtAbi = abiOfAddon(built);
    if (builtAbi !== electronAbi) {
      throw new Error(
        `the rebuilt addon has ABI ${builtAbi ?? 'unknown'}, but Electron ${electronVersion} needs ABI ${electronAbi} ` +
          `(Node ${process.version} is ABI ${process.versions.modules}); it was not copied`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    console.log(`Wrote ${target}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    [
      `Could not build better-sqlite3 for Electron: ${reason}`,
      '',
      'This step downloads the Electron headers from https://electronjs.org/headers and compiles',
      'with a C++ toolchain (python3, make, g++; Visual Studio Build Tools on Windows). Run it on a',
      'build machine with internet access. node_modules was not changed, so tests and the loopback',
      'host still work; only the Electron package cannot be made until this succeeds.',
    ].join('\n'),
  );
  process.exitCode = 1;
});
