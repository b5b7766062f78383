// A worker pool of one and a temporary folder for a test file's generated books, closed and removed after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';

export function documentSandbox(prefix: string): { pool: DocumentWorkerPool; file: (name: string) => string } {
  const pool = new DocumentWorkerPool(1);
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { pool, file: (name) => path.join(dir, name) };
}
