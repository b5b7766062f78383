import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireCaseLock, LOCK_FILE } from '../../main/case/case-lock';
import { initCase } from '../../main/case/case-folder';
import { REPO_ROOT, tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';

/** A second process that takes the case lock, says so on stdout, then waits to be killed. */
function holdLockInChild(caseDir: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `import { acquireCaseLock } from ${JSON.stringify(path.join(REPO_ROOT, 'main/case/case-lock.ts'))};
acquireCaseLock(${JSON.stringify(caseDir)}, 'scan'); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ pid: child.pid!, kill: () => new Promise((r) => { child.on('exit', () => r()); child.kill('SIGKILL'); }) });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

describe('case writer lock', () => {
  it('refuses a second writer with the PID that holds the case, and takes over after kill -9', async () => {
    const c = initCase(path.join(tmpDir('shoko-lock-'), 'case'), { name: 'lock' });
    const holder = await holdLockInChild(c.dir);
    expect(() => acquireCaseLock(c.dir, 'add')).toThrow(new RegExp(`case in use by PID ${holder.pid} \\(scan, since `));
    // The CLI says the same, as bad input (exit 2), without a stack trace.
    const r = await runShokoAsync(['scan', c.dir, '--ocr', 'never']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`case in use by PID ${holder.pid}`);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    await holder.kill();
    // The killed holder left its lock file: stale, so it is taken over.
    expect(fs.existsSync(path.join(c.dir, LOCK_FILE))).toBe(true);
    const release = acquireCaseLock(c.dir, 'scan');
    expect(JSON.parse(fs.readFileSync(path.join(c.dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(c.dir, LOCK_FILE))).toBe(false);
    c.close();
  });
});
