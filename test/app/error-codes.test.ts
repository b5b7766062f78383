import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toWireError as policyToWireError } from '../../main/app/ipc-policy';
import { initCase, openCase } from '../../main/case/case-folder';
import { badInput, cancelled, notFound, ShokoError, verificationFailed } from '../../main/common/errors';
import { drmProtected, PDF_PASSWORD_NEEDED } from '../../main/documents/protection';
import { DocumentJobError } from '../../main/documents/worker-pool';
import { addEvidence } from '../../main/evidence/intake';
import { JobRunner } from '../../main/services/job-runner';
import { ERROR_CODES, toWireError, type ErrorCode, type WireError } from '../../shared/ipc/errors';
import type { JobEvent, ShokoEvent } from '../../shared/ipc/types';
import { describeError, ERROR_MESSAGE_KEYS, ShokoCallError } from '../../renderer/src/errors';
import { translator } from '../../renderer/src/i18n';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-errcodes-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What a call that fails with `fn` sends over IPC. */
async function wireOf(fn: () => unknown): Promise<WireError> {
  try {
    await fn();
  } catch (err) {
    return policyToWireError(err);
  }
  throw new Error('expected a failure');
}

describe('engine errors → wire codes', () => {
  it('reads the code of real engine failures, keeping the message that names the path', async () => {
    const missing = path.join(work, 'no-such-case');
    expect(await wireOf(() => openCase(missing))).toEqual({ code: 'not-found', message: `${missing}: no such case folder` });

    const full = path.join(work, 'not-empty');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'x.txt'), 'x');
    const refused = await wireOf(() => initCase(full, { name: 'c' }));
    expect(refused.code).toBe('bad-input');
    expect(refused.message).toContain(full);

    const c = initCase(path.join(work, 'case'), { name: 'errors' });
    try {
      const gone = path.join(work, '消えた本.epub');
      const w = await wireOf(() => addEvidence(c, [gone]));
      expect(w.code).toBe('not-found');
      expect(w.message).toContain(gone);
    } finally {
      c.close();
    }
  });

  it.each<[string, unknown, ErrorCode]>([
    ['a DRM refusal raised as bad input', badInput(`item 3 cannot be exported: protected: ${drmProtected('MOBI, encryption type 1')}`), 'protected'],
    ['a password-protected PDF', badInput(PDF_PASSWORD_NEEDED), 'protected'],
    ['a document job that ended protected', new DocumentJobError('protected', 'KFX container'), 'protected'],
    ['a document job that failed', new DocumentJobError('failed', 'broken zip'), 'internal'],
    ['a verification failure', verificationFailed('/b/t.tsr: timestamp reply rejected: another digest'), 'verification-failed'],
    ['a cancellation', cancelled(), 'cancelled'],
    ['an unsupported file', new ShokoError('unsupported', '/a.lit: Microsoft LIT is not supported'), 'unsupported'],
    ['an internal error', new ShokoError('internal', 'copy does not match'), 'internal'],
    ['other bad input', badInput('--pages 0: not a valid range'), 'bad-input'],
    ['a missing item', badInput('no evidence item 9 in this case (items: 1, 2)'), 'not-found'],
    ['a plain "no such bag" error', new Error('/x/bag: no such bag'), 'not-found'],
    ['a Node ENOENT', Object.assign(new Error("ENOENT: no such file or directory, open '/x'"), { code: 'ENOENT' }), 'not-found'],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'cancelled'],
    ['a bug', new TypeError('x is undefined'), 'internal'],
    ['a thrown string', 'boom', 'internal'],
  ])('maps %s', (_what, err, code) => {
    expect(toWireError(err).code).toBe(code);
  });

  it('takes the engine\'s own not-found mark at its word, whatever the wording', () => {
    const e = notFound('Beweisstück 7 fehlt');
    expect(e.exitCode).toBe(2);
    expect(toWireError(e)).toEqual({ code: 'not-found', message: 'Beweisstück 7 fehlt' });
    expect(toWireError(badInput('Beweisstück 7 fehlt')).code).toBe('bad-input');
  });

  it('gives the cause as detail when the message does not already say it, on one line', () => {
    const cause = Object.assign(new Error('EACCES: permission\ndenied'), { code: 'EACCES' });
    expect(toWireError(badInput('/c/case.sqlite: cannot open the case store', cause)))
      .toEqual({ code: 'bad-input', message: '/c/case.sqlite: cannot open the case store', detail: 'EACCES: permission denied' });
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(toWireError(badInput('/l.csv: cannot read the list (ENOENT)', enoent))).toEqual({ code: 'not-found', message: '/l.csv: cannot read the list (ENOENT)' });
  });

  it('carries the code of a failed or cancelled job in its event', async () => {
    const events: ShokoEvent[] = [];
    const jobs = new JobRunner((e) => events.push(e));
    const end = (id: string) => new Promise<JobEvent>((resolve) => {
      const t = setInterval(() => {
        const last = events.filter((e): e is JobEvent => e.type === 'job' && e.jobId === id).at(-1);
        if (last && last.state !== 'running') { clearInterval(t); resolve(last); }
      }, 5);
    });
    const failed = jobs.start('export', async () => { throw badInput(`item 2 cannot be exported: protected: ${drmProtected('AZW')}`); });
    expect((await end(failed)).failure).toMatchObject({ code: 'protected', message: expect.stringContaining('item 2') });
    const stopped = jobs.start('scan', () => new Promise(() => {}));
    jobs.cancel(stopped);
    expect((await end(stopped)).failure?.code).toBe('cancelled');
  });
});

describe('wire codes → the sentence the renderer shows', () => {
  const ja = translator('ja');
  const en = translator('en');

  it('has a distinct Japanese and English sentence for every code', () => {
    const jaSentences = ERROR_CODES.map((code) => ja(ERROR_MESSAGE_KEYS[code]));
    const enSentences = ERROR_CODES.map((code) => en(ERROR_MESSAGE_KEYS[code]));
    expect(new Set(jaSentences).size).toBe(ERROR_CODES.length);
    expect(new Set(enSentences).size).toBe(ERROR_CODES.length);
    for (let i = 0; i < ERROR_CODES.length; i++) {
      expect(jaSentences[i]).not.toBe(enSentences[i]);
      expect(jaSentences[i]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese script, not an untranslated key
      expect(enSentences[i]).not.toMatch(/^error\./);
    }
  });

  it('shows the sentence in the UI language and the engine message beneath, cause included', () => {
    const err = new ShokoCallError({ code: 'protected', message: '/ev/drm.mobi: DRM-protected', detail: 'encryption type 1' });
    expect(describeError(err, ja)).toEqual({ code: 'protected', sentence: ja('error.protected'), detail: '/ev/drm.mobi: DRM-protected (encryption type 1)' });
    expect(describeError(err, en).sentence).toBe('The document is protected (DRM or a password): its content cannot be examined.');
  });

  it('reads a job failure as sent, an unknown code as internal, and a renderer-side Error as bad input', () => {
    expect(describeError({ code: 'not-found', message: '/x: no such file' } satisfies WireError, en)).toMatchObject({ code: 'not-found', detail: '/x: no such file' });
    expect(new ShokoCallError({ code: 'exploded' as ErrorCode, message: 'm' }).code).toBe('internal');
    expect(describeError(new Error('Pages: 3-'), ja)).toMatchObject({ code: 'bad-input', sentence: ja('error.bad-input'), detail: 'Pages: 3-' });
  });
});
