import Database from 'better-sqlite3';
import { badInput } from '../common/errors';
import { MIGRATIONS } from './migrations/index';

export type CaseDb = Database.Database;

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/**
 * Opens case.sqlite with the settings every connection needs (WAL, foreign keys, a busy timeout so
 * the CLI and the app can share a case) and brings its schema up to date. A store written by a
 * newer Shoko is refused rather than guessed at.
 */
export function openCaseDb(file: string, options: { create?: boolean; nativeBinding?: string } = {}): CaseDb {
  let db: CaseDb;
  try {
    db = new Database(file, { fileMustExist: !options.create, nativeBinding: options.nativeBinding ?? nativeBindingFromEnv() });
  } catch (err) {
    throw badInput(`${file}: cannot open the case store (${(err as Error).message})`, err);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('synchronous = FULL');
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function nativeBindingFromEnv(): string | undefined {
  // The Electron shell sets this to its own-ABI build; the CLI and tests use the Node build.
  return process.env.SHOKO_SQLITE_BINDING || undefined;
}

function schemaVersion(db: CaseDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: CaseDb, file: string): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw badInput(`${file}: this case was written by a newer Shoko (schema ${current}, this build knows ${LATEST_SCHEMA_VERSION}); update Shoko to open it`);
  }
  const pending = [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
