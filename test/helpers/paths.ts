import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Repo root (vitest runs from it) and the team's read-only corpus beside the repo. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');

export function corpusFile(rel: string): string {
  return path.join(CORPUS, rel);
}

/** A fresh folder under test/output (ignored by git) for one test's files. */
export function scratchDir(name: string): string {
  const base = path.join(REPO_ROOT, 'test/output', name);
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(base, { recursive: true });
  return base;
}

export function tmpDir(prefix = 'shoko-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
