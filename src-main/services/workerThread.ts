import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A report or integrity worker streams rows: what it allocates dies young. V8's default young
 * generation for a thread (tens of MB) was most of what a 1,000,000-row export added to the
 * app's memory; 8 MB cut the process's peak from 326–332 to 298–301 MB with the same CPU time
 * (bench:reports, bundled, alternating).
 *
 * The old generation's cap is not there to be reached (a worker that needed a gigabyte would be
 * broken): V8 grows a heap by a factor it takes from the cap, up to 4× the live size after each
 * full collection under the default (several GB), much less under 1 GB. With only a small young
 * generation much of a long export's garbage is promoted, and the worker's heap swung between
 * some 25 and 90 MB; under this cap it stays under about 40 MB, for the same CPU time.
 */
const workerLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

/**
 * A worker thread from its entry file: the bundled .cjs in the packaged app, or the TypeScript
 * source run through tsx's loader where the app itself runs from TypeScript (tests, `npm start`).
 */
export function startWorker(file: string, data: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData: data, resourceLimits: workerLimits });
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits: workerLimits });
}
