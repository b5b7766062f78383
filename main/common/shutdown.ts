/**
 * Process-wide resources (worker pools) register how to close themselves, so the CLI can end
 * its run cleanly and the app can close them on quit, without main/cli knowing every pool.
 */
const hooks = new Set<() => Promise<void> | void>();

export function onShutdown(fn: () => Promise<void> | void): () => void {
  hooks.add(fn);
  return () => hooks.delete(fn);
}

export async function runShutdownHooks(): Promise<void> {
  const all = [...hooks];
  hooks.clear();
  await Promise.allSettled(all.map((fn) => fn()));
}
