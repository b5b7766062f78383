import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running an engine module (TypeScript, loaded through tsx).
 * `moduleUrl` is usually `new URL('./x-worker.ts', import.meta.url)`. The module reads its own
 * input from `workerData` (minus the private `__shokoModule` key) and talks over `parentPort`.
 * `resourceLimits` bounds the worker's heap so a hostile file fails its own job, not the process.
 */
export function startEngineWorker(
  moduleUrl: URL,
  data: Record<string, unknown> = {},
  resourceLimits?: ResourceLimits,
): Worker {
  return new Worker(BOOTSTRAP, {
    workerData: { ...data, __shokoModule: moduleUrl.href },
    resourceLimits,
  });
}
