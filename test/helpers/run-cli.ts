import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const SHOKO_BIN = path.join(REPO_ROOT, 'bin/shoko.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `shoko` command in a child process, as a user would. */
export function runShoko(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [SHOKO_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, ...opts.env }, encoding: 'utf8', input: opts.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Async variant for long commands (doesn't block the test worker's event loop). */
export function runShokoAsync(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SHOKO_BIN, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs `shoko` commands one after another (set-up steps of a test); the first that exits non-zero throws with its output. */
export async function runShokoSteps(steps: string[][]): Promise<void> {
  for (const args of steps) {
    const r = await runShokoAsync(args);
    if (r.code !== 0) throw new Error(`shoko ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  }
}
