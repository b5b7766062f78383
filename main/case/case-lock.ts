import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badInput } from '../common/errors';

export const LOCK_FILE = '.shoko-lock';

interface LockOwner {
  pid: number;
  host: string;
  what: string;
  since: string;
}

/**
 * Takes the case's writer lock for a long job (add, leaks import, scan, redact, package): two of them at
 * once would fight over the store ("database is locked" mid-scan) and over exports/. Readers (items, hits,
 * log, verify) never take it. The lock is a file created exclusively; a lock whose process is gone (killed)
 * is taken over. Returns the release function.
 */
export function acquireCaseLock(caseDir: string, what: string): () => void {
  const file = path.join(caseDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), what, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      try { fs.writeSync(fd, JSON.stringify(me)); } finally { fs.closeSync(fd); }
      return () => release(file, me);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner && owner.host === me.host && owner.pid === me.pid) {
      throw badInput(`${caseDir}: this process already holds the case for ${owner.what}`);
    }
    if (owner && (owner.host !== me.host || processAlive(owner.pid))) {
      throw badInput(`${caseDir}: case in use by PID ${owner.pid}${owner.host !== me.host ? ` on ${owner.host}` : ''} (${owner.what}, since ${owner.since}); wait for it to finish or stop it`);
    }
    // Stale (its process is gone) or unreadable half-written lock: remove and try again.
    fs.rmSync(file, { force: true });
  }
  throw badInput(`${caseDir}: could not take the case lock ${file}`);
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(file: string, me: LockOwner): void {
  const owner = readOwner(file);
  // Only our own lock: a lock taken over after ours was judged stale belongs to someone else now.
  if (owner && owner.pid === me.pid && owner.host === me.host && owner.since === me.since) fs.rmSync(file, { force: true });
}
