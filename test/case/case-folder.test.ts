import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../main/case/case-folder';
import { LATEST_SCHEMA_VERSION } from '../../main/case/case-db';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { tmpDir } from '../helpers/paths';

describe('case folder', () => {
  it('creates the store, the folders and the first custody event', () => {
    const dir = path.join(tmpDir(), 'case');
    const c = initCase(dir, { name: '流出調査 2026-11', examiner: '山田 太郎', organization: '株式会社テスト', caseNumber: 'K-1' });
    try {
      for (const sub of ['evidence', 'cache', 'exports', 'case.sqlite']) expect(fs.existsSync(path.join(dir, sub))).toBe(true);
      expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(c.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(c.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(c.info).toMatchObject({ name: '流出調査 2026-11', examiner: '山田 太郎', caseNumber: 'K-1' });
      const events = listCustodyEvents(c.db);
      expect(events.map((e) => e.action)).toEqual(['case.created']);
      expect(events[0].actor).toBe('山田 太郎');
      const key = c.db.prepare('SELECT hmac_key FROM case_info').get() as { hmac_key: Buffer };
      expect(key.hmac_key.length).toBe(32);
    } finally {
      c.close();
    }
    const again = openCase(dir);
    expect(again.info.caseUuid).toMatch(/^[0-9a-f-]{36}$/);
    again.close();
  });

  it('refuses a non-empty folder that is not a case, and an existing case', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'something.txt'), 'x');
    expect(() => initCase(dir, { name: 'x' })).toThrow(/not empty and is not a case/);
    const caseDir = path.join(tmpDir(), 'c');
    initCase(caseDir, { name: 'x' }).close();
    expect(() => initCase(caseDir, { name: 'x' })).toThrow(/already a Shoko case/);
  });

  it('refuses to open a folder that is not a case, and a case from a newer schema', () => {
    const notCase = tmpDir();
    expect(() => openCase(notCase)).toThrow(/not a Shoko case/);
    expect(() => openCase(path.join(notCase, 'missing'))).toThrow(/no such case folder/);
    const dir = path.join(tmpDir(), 'c');
    initCase(dir, { name: 'x' }).close();
    const raw = new Database(path.join(dir, 'case.sqlite'));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openCase(dir)).toThrow(/newer Shoko/);
  });
});
