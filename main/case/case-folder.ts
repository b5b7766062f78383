import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { badInput, notFound } from '../common/errors';
import { now } from '../common/clock';
import { APP_VERSION } from '../common/app-version';
import { acquireCaseLock } from './case-lock';
import { appendCustodyEvent } from '../evidence/custody-log';
import { openCaseDb, type CaseDb } from './case-db';
import { refuseNonFileEvidence } from './evidence-file';

export const CASE_DB_FILE = 'case.sqlite';

export interface CaseInfo {
  caseUuid: string;
  name: string;
  caseNumber: string | null;
  examiner: string | null;
  organization: string | null;
  createdAt: string;
  appVersion: string;
}

export interface CaseHandle {
  dir: string;
  db: CaseDb;
  info: CaseInfo;
  evidenceDir: string;
  cacheDir: string;
  exportsDir: string;
  /**
   * Where the read-only copy of an original with this SHA-256 lives. A symbolic link or special file
   * there is refused (evidence-file.ts), so no reader (scan, redact, package) follows one.
   */
  evidencePath(sha256: string): string;
  close(): void;
}

export interface NewCaseInfo {
  name: string;
  caseNumber?: string;
  examiner?: string;
  organization?: string;
}

/** Creates a case folder: the store, evidence/, cache/, exports/, and the first custody event. */
export function initCase(dir: string, info: NewCaseInfo): CaseHandle {
  const abs = path.resolve(dir);
  if (!info.name?.trim()) throw badInput('a case needs a name (--name)');
  if (fs.existsSync(abs)) {
    const st = fs.statSync(abs);
    if (!st.isDirectory()) throw badInput(`${abs}: exists and is not a folder`);
    if (fs.existsSync(path.join(abs, CASE_DB_FILE))) throw badInput(`${abs}: is already a Shoko case`);
    if (fs.readdirSync(abs).length > 0) throw badInput(`${abs}: folder is not empty and is not a case; choose an empty or new folder`);
  }
  fs.mkdirSync(abs, { recursive: true });
  for (const sub of ['evidence', 'cache', 'exports']) fs.mkdirSync(path.join(abs, sub), { recursive: true });
  const db = openCaseDb(path.join(abs, CASE_DB_FILE), { create: true });
  const t = now();
  db.transaction(() => {
    db.prepare(`INSERT INTO case_info (id, case_uuid, name, case_number, examiner, organization, created_at,
      created_tz_offset_min, created_tz_name, hmac_key, app_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(randomUUID(), info.name.trim(), info.caseNumber ?? null, info.examiner ?? null, info.organization ?? null,
        t.utc, t.offsetMin, t.zone, randomBytes(32), APP_VERSION);
    appendCustodyEvent(db, {
      action: 'case.created',
      details: { name: info.name.trim(), caseNumber: info.caseNumber ?? null, examiner: info.examiner ?? null,
        organization: info.organization ?? null, tzOffsetMin: t.offsetMin, tzName: t.zone, appVersion: APP_VERSION },
    });
  })();
  return handleFor(abs, db);
}

/** Opens an existing case; a folder without case.sqlite is refused with its path. */
export function openCase(dir: string): CaseHandle {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw notFound(`${abs}: no such case folder`);
  if (!fs.statSync(abs).isDirectory()) throw badInput(`${abs}: is not a folder`);
  const file = path.join(abs, CASE_DB_FILE);
  if (!fs.existsSync(file)) throw badInput(`${abs}: not a Shoko case (no ${CASE_DB_FILE}); create one with 'shoko case init'`);
  const db = openCaseDb(file);
  return handleFor(abs, db);
}

/** Runs `fn` with an open case and always closes it. */
export async function withCase<T>(dir: string, fn: (c: CaseHandle) => Promise<T> | T, opts: { lock?: string } = {}): Promise<T> {
  const c = openCase(dir);
  let release: (() => void) | null = null;
  try {
    if (opts.lock) release = acquireCaseLock(c.dir, opts.lock);
    return await fn(c);
  } finally {
    release?.();
    c.close();
  }
}

/**
 * withCase for a long writing job (`what`: scan, add, …): the case's writer lock is held for it, and a
 * second writer is refused with the PID that holds the case.
 */
export function withCaseLocked<T>(dir: string, what: string, fn: (c: CaseHandle) => Promise<T> | T): Promise<T> {
  return withCase(dir, fn, { lock: what });
}

function handleFor(dir: string, db: CaseDb): CaseHandle {
  const row = db.prepare('SELECT * FROM case_info WHERE id = 1').get() as Record<string, unknown> | undefined;
  if (!row) {
    db.close();
    throw badInput(`${dir}: case store has no case record (damaged case)`);
  }
  const evidenceDir = path.join(dir, 'evidence');
  const cacheDir = path.join(dir, 'cache');
  const exportsDir = path.join(dir, 'exports');
  for (const d of [evidenceDir, cacheDir, exportsDir]) fs.mkdirSync(d, { recursive: true });
  return {
    dir,
    db,
    info: {
      caseUuid: row.case_uuid as string,
      name: row.name as string,
      caseNumber: (row.case_number as string | null) ?? null,
      examiner: (row.examiner as string | null) ?? null,
      organization: (row.organization as string | null) ?? null,
      createdAt: row.created_at as string,
      appVersion: row.app_version as string,
    },
    evidenceDir,
    cacheDir,
    exportsDir,
    evidencePath: (sha256: string) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
      const file = path.join(evidenceDir, sha256);
      refuseNonFileEvidence(file);
      return file;
    },
    close: () => db.close(),
  };
}
