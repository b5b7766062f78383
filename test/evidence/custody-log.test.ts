import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../main/case/case-folder';
import { appendCustodyEvent, listCustodyEvents, verifyCustodyChain } from '../../main/evidence/custody-log';
import { runShoko } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';

function caseWithEvents(n: number): string {
  const dir = path.join(tmpDir(), 'case');
  const c = initCase(dir, { name: 'chain', examiner: 'tester' });
  for (let i = 0; i < n; i++) appendCustodyEvent(c.db, { action: 'test.event', details: { i, note: `イベント${i}` } });
  c.close();
  return dir;
}

describe('custody log', () => {
  it('chains every event to the previous one', () => {
    const dir = caseWithEvents(5);
    const c = openCase(dir);
    const events = listCustodyEvents(c.db);
    c.close();
    expect(events).toHaveLength(6);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(verifyCustodyChain(events)).toMatchObject({ ok: true, events: 6 });
  });

  it('refuses UPDATE and DELETE through the store', () => {
    const c = openCase(caseWithEvents(1));
    expect(() => c.db.prepare("UPDATE custody_event SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM custody_event WHERE seq = 2').run()).toThrow(/append-only/);
    c.close();
  });

  it('verify catches a row edited with the sqlite3 command-line tool', () => {
    const dir = caseWithEvents(4);
    expect(runShoko(['verify', dir]).code).toBe(0);
    const sql = `DROP TRIGGER custody_event_no_update; UPDATE custody_event SET details = '{"i":99,"note":"改ざん"}' WHERE seq = 3;`;
    const r = spawnSync('sqlite3', [path.join(dir, 'case.sqlite'), sql], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const v = runShoko(['verify', dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/custody log broken at event 3/);
    expect(v.stdout).toMatch(/altered/);
  });

  it('verify catches a deleted event (gap in the chain)', () => {
    const dir = caseWithEvents(4);
    const sql = 'DROP TRIGGER custody_event_no_delete; DELETE FROM custody_event WHERE seq = 2;';
    expect(spawnSync('sqlite3', [path.join(dir, 'case.sqlite'), sql]).status).toBe(0);
    const v = runShoko(['verify', dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/broken at event 3/);
  });
});
