import type { RegisterCommand } from '../cli-context';

export interface CommandEntry {
  /** The top-level command word (`shoko <name> …`). */
  name: string;
  /** Loads the command's module; only the command being run is loaded, so start-up stays fast. */
  load: () => Promise<{ register: RegisterCommand }>;
}

/** Every `shoko` command, in pipeline order as `--help` lists them. Add one entry per command file. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'case', load: () => import('./case') },
  { name: 'add', load: () => import('./add') },
  { name: 'items', load: () => import('./items') },
  { name: 'info', load: () => import('./info') },
  { name: 'leaks', load: () => import('./leaks') },
  { name: 'scan', load: () => import('./scan') },
  { name: 'pages', load: () => import('./pages') },
  { name: 'render', load: () => import('./render') },
  { name: 'ocr', load: () => import('./ocr') },
  { name: 'hits', load: () => import('./hits') },
  { name: 'review', load: () => import('./review') },
  { name: 'redact', load: () => import('./redact') },
  { name: 'package', load: () => import('./package') },
  { name: 'timestamp', load: () => import('./timestamp') },
  { name: 'claims', load: () => import('./claims') },
  { name: 'verify', load: () => import('./verify') },
  { name: 'log', load: () => import('./log') },
  { name: 'triage', load: () => import('./triage') },
  { name: 'demo', load: () => import('./demo') },
];
