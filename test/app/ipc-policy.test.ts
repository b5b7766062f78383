import { describe, expect, it } from 'vitest';
import { checkInvoke, toWireError } from '../../main/app/ipc-policy';
import { METHODS, validateRequest } from '../../shared/ipc/contract';
import { ShokoError } from '../../main/common/errors';

const APP = 'shoko://app/index.html';

describe('IPC validation', () => {
  it('accepts a well-formed request and returns the parsed payload', () => {
    const r = checkInvoke(APP, { method: 'case.create', payload: { dir: '/tmp/c', name: '  事件 1 ', examiner: 'Sato' } });
    expect(r).toEqual({ ok: true, method: 'case.create', payload: { dir: '/tmp/c', name: '事件 1', examiner: 'Sato' } });
    expect(checkInvoke(APP, { method: 'redactions.add', payload: { itemId: 1, page: 0, box: [1, 2, 30, 40] } }).ok).toBe(true);
  });

  it.each([
    ['not an object', 'hello'],
    ['an array', [1, 2]],
    ['an unknown method', { method: 'fs.readFile', payload: { path: '/etc/passwd' } }],
    ['a prototype key as method', { method: '__proto__', payload: {} }],
    ['extra top-level keys', { method: 'case.current', payload: {}, extra: 1 }],
    ['a missing payload', { method: 'case.current' }],
    ['unknown payload keys', { method: 'case.open', payload: { dir: '/x', exec: 'rm -rf /' } }],
    ['a wrong type', { method: 'evidence.metadata', payload: { itemId: '1' } }],
    ['a non-integer id', { method: 'evidence.metadata', payload: { itemId: 1.5 } }],
    ['an empty file list', { method: 'evidence.add', payload: { files: [] } }],
    ['a NUL byte in a path', { method: 'case.open', payload: { dir: '/tmp/a\0b' } }],
    ['an empty case name', { method: 'case.create', payload: { dir: '/tmp/c', name: '   ' } }],
    ['an inverted box', { method: 'redactions.add', payload: { itemId: 1, page: 0, box: [30, 40, 1, 2] } }],
    ['a NaN in a box', { method: 'redactions.add', payload: { itemId: 1, page: 0, box: [0, 0, Number.NaN, 2] } }],
    ['a bad hit status', { method: 'hits.setStatus', payload: { hitId: 1, status: 'deleted' } }],
    ['a bad job id', { method: 'job.cancel', payload: { jobId: '../../x' } }],
  ])('rejects %s', (_what, message) => {
    const r = checkInvoke(APP, message);
    expect(r.ok).toBe(false);
  });

  it('names the method and the field in the error', () => {
    const r = validateRequest('evidence.metadata', { itemId: 'x' });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/^evidence\.metadata: invalid itemId: /);
  });

  it('refuses invokes from frames that are not the app', () => {
    expect(checkInvoke('https://evil.example/', { method: 'case.current', payload: {} }).ok).toBe(false);
    expect(checkInvoke(undefined, { method: 'case.current', payload: {} }).ok).toBe(false);
  });

  it('has a schema for every method', () => {
    expect(METHODS.length).toBeGreaterThan(25);
    for (const m of METHODS) expect(validateRequest(m, 'not an object').ok).toBe(false);
  });

  it('carries the engine error as a code and its message across the boundary', () => {
    expect(toWireError(new ShokoError('bad-input', '/x: no such case folder'))).toEqual({ code: 'not-found', message: '/x: no such case folder' });
    expect(toWireError(new ShokoError('bad-input', '/x: is not a folder'))).toEqual({ code: 'bad-input', message: '/x: is not a folder' });
    expect(toWireError('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});
