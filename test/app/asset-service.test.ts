import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEngine, readAsset, ShokoService } from '../../main/services/index';
import type { ShokoEvent } from '../../shared/ipc/types';

// The case-asset handler behind shoko://case/… on a real case folder: exports/ and cache/ files are
// served, the store, the originals and anything outside the case are not.
let work: string;
let svc: ShokoService;
const events: ShokoEvent[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-asset-'));
  svc = new ShokoService({ stateDir: path.join(work, 'state'), emit: (e) => events.push(e) });
  await dispatchEngine(svc, 'case.create', { dir: path.join(work, 'case'), name: 'asset test' });
  fs.mkdirSync(path.join(work, 'case/exports/run 1'), { recursive: true });
  fs.writeFileSync(path.join(work, 'case/exports/run 1/page-0001.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(work, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  fs.symlinkSync(path.join(work, 'secret.txt'), path.join(work, 'case/exports/link.txt'));
});
afterAll(async () => {
  await svc.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('case assets', () => {
  it('serves a file under exports/ with its type', async () => {
    const r = await readAsset(svc, 'file/exports/run%201/page-0001.png');
    expect(r.status).toBe(200);
    expect(r.mime).toBe('image/png');
    expect(Buffer.from(r.body as Uint8Array).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it.each([
    ['file/exports/..%2fcase.sqlite', 403],
    ['file/exports/%2e%2e/case.sqlite', 403],
    ['file/exports/..%252fcase.sqlite', 403],
    ['file/evidence/0000', 400],
    ['case.sqlite', 400],
    ['file/exports/link.txt', 403],
    ['file/exports/missing.png', 404],
  ])('refuses %s', async (p, status) => {
    const r = await readAsset(svc, p);
    expect(r.status).toBe(status);
    expect(String(r.body)).not.toContain('TOP-SECRET-OUTSIDE');
  });

  it('answers page requests of an unknown item with a clear 404, not a crash', async () => {
    const r = await readAsset(svc, 'page/99/0.png?dpi=96');
    expect(r.status).toBe(404);
    expect(String(r.body)).toMatch(/99/);
  });

  it('tells the renderer when the case changes', () => {
    expect(events).toContainEqual({ type: 'case-changed', what: 'case' });
  });
});
