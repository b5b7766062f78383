// Entry of every engine worker thread: the engine is TypeScript run through tsx (no build step
// for the CLI and tests), and a worker thread does not inherit the parent's loader hooks.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__shokoModule);
