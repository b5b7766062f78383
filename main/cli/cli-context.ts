import type { Command } from 'commander';
import type { ProgressFn } from '../../shared/model/progress';

/** What every command gets: output that honours --json, progress on stderr, and Ctrl-C as cancellation. */
export interface CliContext {
  /** True when the global --json option was given. */
  json(): boolean;
  /** Prints a result: `value` as JSON with --json, else `text` (or the JSON when no text is given). */
  out(value: unknown, text?: string | (() => string)): void;
  /** Writes a line to stderr (notes, warnings); never to stdout. */
  note(line: string): void;
  progress: ProgressFn;
  /** Fires on the first Ctrl-C (SIGINT); a second one ends the process. */
  signal: AbortSignal;
  /** Set by a command whose answer is "findings/verification failed" (exit 1) without throwing. */
  setExitCode(code: number): void;
}

export type RegisterCommand = (program: Command, ctx: CliContext) => void;
