/** IPC channel names, dependency-free so the sandboxed preload can bundle them without zod. */

/** Renderer → main: one invoke channel carrying `{ method, payload }`. */
export const IPC_INVOKE = 'shoko:invoke';
/** Main → renderer: job progress and case changes. */
export const IPC_EVENT = 'shoko:event';
