import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `entry` (a path without extension, e.g. `join(__dirname, 'x.worker')`).
 * A worker thread passes through none of jest's or tsx's loaders, so the module's form follows this
 * file's own: built (`nest build`), the compiled `.js` sits beside it and runs as it is; from source
 * (jest, tsx), the `.ts` runs with tsx's CommonJS hook, which also resolves the `@tppo/*` paths.
 */
export const startWorker = (entry: string, workerData: unknown): Worker => {
  if (extname(__filename) === '.js') return new Worker(`${entry}.js`, { workerData });
  return new Worker(`${entry}.ts`, { workerData, execArgv: ['--require', require.resolve('tsx/cjs')] });
};
