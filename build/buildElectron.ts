import { build, type Metafile, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodNames } from '../src-main/contract';

/**
 * Bundles the Electron main process and the preload into dist-electron/ (`npm run build:electron`).
 *
 * - main.cjs: CommonJS for Node inside Electron. `electron` is provided by the runtime and
 *   `better-sqlite3` stays external because it loads a native addon picked at run time.
 * - preload.cjs: a sandboxed preload can require only `electron` (and a few Node built-ins),
 *   never an npm package, so everything except `electron` is bundled into it.
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'dist-electron');

// Electron 45 ships Node 22 and Chromium 140.
const nodeTarget = 'node22';
const chromeTarget = 'chrome140';

/**
 * db/openLedgerDb.ts computes its default migrations folder from import.meta.url when the
 * module loads. esbuild empties import.meta in CommonJS output, which would crash that line,
 * so the bundle gets the honest CommonJS equivalent: the URL of the bundle file itself. The
 * main process always passes migrationsFolder explicitly, so the default is never used there.
 */
const importMetaUrlShim = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/**
 * The preload needs only the method names, but importing the contract for them drags in zod
 * (about 750 KB) that every window would parse at start. The names are taken from the contract
 * here, at build time, and the preload's imports of the contract get just that list.
 */
const contractNamesOnly: Plugin = {
  name: 'contract-names-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/contract$/ }, (args) => ({ path: args.path, namespace: 'contract-names' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      contents: `export const methodNames = ${JSON.stringify(methodNames)};`,
      loader: 'js',
    }));
  },
};

function externalImports(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) names.add(imported.path);
  }
  return [...names].sort();
}

/**
 * The packaged app's PDFs need a CJK font. Build machines with fonts-noto-cjk installed get it
 * copied into build/fonts, which electron-builder ships as resources/fonts.
 */
function copyCjkFont(): void {
  const source = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  const target = join(root, 'build', 'fonts', 'NotoSansCJK-Regular.ttc');
  if (existsSync(target) || !existsSync(source)) return;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`Copied ${source} to build/fonts for packaging.`);
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });

  // Left outside the bundle and shipped in node_modules: Electron itself, better-sqlite3 (a
  // native addon picked at run time) and pdfkit, which loads its standard fonts at run time
  // through its own package.json "imports" (#standard-fonts/…), which a bundle cannot keep.
  const runtimePackages = ['electron', 'better-sqlite3', 'pdfkit'];

  // Node-side bundles (main and the report worker, a thread of the main process) are built alike.
  const nodeBundle = (entry: string, outfile: string) =>
    build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: join(outDir, outfile),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: nodeTarget,
      external: runtimePackages,
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: { js: importMetaUrlShim },
      metafile: true,
      logLevel: 'warning',
    });
  const mainResult = await nodeBundle('src-main/electron/main.ts', 'main.cjs');

  // The report worker (services/reports/reportWorker.ts) runs in a thread of the main process.
  await nodeBundle('src-main/services/reports/reportWorker.ts', 'reportWorker.cjs');
  // The integrity check of the ledger and its backups (services/integrityWorker.ts), a thread per check.
  await nodeBundle('src-main/services/integrityWorker.ts', 'integrityWorker.cjs');

  const preloadResult = await build({
    absWorkingDir: root,
    entryPoints: ['src-main/preload/preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: chromeTarget,
    external: ['electron'],
    plugins: [contractNamesOnly],
    metafile: true,
    logLevel: 'warning',
  });

  // A sandboxed preload that requires anything but electron fails only when the window opens,
  // on a user's PC; fail the build instead.
  const preloadExternals = externalImports(preloadResult.metafile);
  if (preloadExternals.some((name) => name !== 'electron')) {
    throw new Error(`preload.cjs must require only "electron", but requires: ${preloadExternals.join(', ')}`);
  }
  const preloadInputs = Object.keys(preloadResult.metafile.inputs);
  if (preloadInputs.some((input) => input.includes('node_modules'))) {
    throw new Error(`preload.cjs should bundle no npm package, but bundles: ${preloadInputs.filter((i) => i.includes('node_modules')).join(', ')}`);
  }
  // The bundle is meant to be whole apart from the runtime and the native addon; anything else
  // left external would be looked up in node_modules at run time, unchecked by this build.
  const mainExternals = externalImports(mainResult.metafile).filter(
    (name) => !runtimePackages.includes(name) && !name.startsWith('node:') && !builtinModules.includes(name),
  );
  if (mainExternals.length > 0) {
    throw new Error(`main.cjs has unexpected external imports: ${mainExternals.join(', ')}`);
  }

  copyCjkFont();
  console.log('Built dist-electron/main.cjs, reportWorker.cjs, integrityWorker.cjs and preload.cjs.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
