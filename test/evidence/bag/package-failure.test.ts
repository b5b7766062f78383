import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, openCase, type CaseHandle } from '../../../main/case/case-folder';
import { buildPackage } from '../../../main/evidence/bag/build-package';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { listCustodyEvents } from '../../../main/evidence/custody-log';
import { addEvidence } from '../../../main/evidence/intake';
import { verifyCase } from '../../../main/evidence/verify-case';
import { runShoko } from '../../helpers/run-cli';
import { corpusFile, tmpDir } from '../../helpers/paths';
import { bagFindingsErrors } from './findings-schema';

/**
 * A build that fails after package.started must end in package.failed in the same chained log, leave
 * nothing at the target or in staging, and leave a log that the case check and a later bag accept.
 */
describe('a package build that fails after it started', () => {
  let root: string;
  let caseDir: string;
  let c: CaseHandle;
  const partials = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.partial-'));
  const packageEvents = () => listCustodyEvents(c.db).filter((e) => e.action.startsWith('package.'));

  beforeAll(async () => {
    root = tmpDir('shoko-pkgfail-');
    process.env.SHOKO_HOME = path.join(root, 'home');
    const note = path.join(root, 'member list.txt');
    fs.writeFileSync(note, 'member list sample\n');
    caseDir = path.join(root, 'case');
    c = initCase(caseDir, { name: '失敗試験', examiner: '検査 太郎' });
    await addEvidence(c, [note, corpusFile('epub/epubcheck-minimal-valid.epub')], { source: 'test' });
  });
  afterAll(() => c?.close());

  it('logs package.failed with reason "cancelled" when stopped mid-build, and removes the partial bag', async () => {
    const target = path.join(root, 'cancelled-bag');
    const ac = new AbortController();
    // Stop once the first original has been copied: the staging folder then really holds part of a bag.
    const onProgress = (p: { phase: string; done: number }) => { if (p.phase === 'package originals' && p.done === 1) ac.abort(); };
    await expect(buildPackage(c, { out: target, signal: ac.signal, onProgress })).rejects.toMatchObject({ kind: 'cancelled' });

    const [started, failed] = packageEvents().slice(-2);
    expect(started.action).toBe('package.started');
    expect(failed.action).toBe('package.failed');
    expect(failed.seq).toBe(started.seq + 1);
    expect(failed.prevHash).toBe(started.hash);
    expect(failed.details).toEqual({ out: target, kind: 'dir', reason: 'cancelled' });
    expect(fs.existsSync(target)).toBe(false);
    expect(partials(root)).toEqual([]);
  });

  it('logs package.failed with the one-line reason when the output folder is replaced by a file mid-build', async () => {
    const parent = path.join(root, 'out');
    fs.mkdirSync(parent);
    const target = path.join(parent, 'bag.zip');
    const onProgress = (p: { phase: string }) => {
      if (p.phase !== 'package report' || fs.statSync(parent).isFile()) return;
      fs.rmSync(parent, { recursive: true, force: true });
      fs.writeFileSync(parent, 'not a folder');
    };
    const err = await buildPackage(c, { out: target, onProgress }).then(() => null, (e: Error) => e);
    expect(err).toBeInstanceOf(Error);

    const [started, failed] = packageEvents().slice(-2);
    expect(started.action).toBe('package.started');
    expect(failed.action).toBe('package.failed');
    expect(failed.details.out).toBe(target);
    expect(failed.details.kind).toBe('zip');
    const reason = String(failed.details.reason);
    expect(reason).not.toBe('cancelled');
    expect(reason).toMatch(/ENOTDIR|ENOENT/);
    expect(reason).not.toMatch(/[\r\n]/);
    expect(reason).toBe(err!.message.replace(/\s+/g, ' ').trim());
    // What is at the parent's path is the file put there, nothing of the bag.
    expect(fs.readFileSync(parent, 'utf8')).toBe('not a folder');
    expect(partials(root)).toEqual([]);
  });

  it('the case check, a later package and its provenance accept the failed attempts', async () => {
    const v = verifyCase(c);
    expect(v.failure).toBeUndefined();
    expect(v.ok).toBe(true);

    const bag = path.join(root, 'good-bag');
    const pkg = await buildPackage(c, { out: bag });
    expect(packageEvents().map((e) => e.action)).toEqual(['package.started', 'package.failed', 'package.started', 'package.failed', 'package.started', 'package.built']);
    const pv = await verifyPackage(pkg.path);
    expect(pv.failure).toBeUndefined();
    expect(pv.ok).toBe(true);
    expect(bagFindingsErrors(pkg.path)).toEqual([]);

    // The bag carries the failed attempts in its own chain.
    const bagLog = fs.readFileSync(path.join(bag, 'data/custody-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; seq: number; details: Record<string, unknown> });
    expect(bagLog.filter((e) => e.action === 'package.failed').map((e) => e.details.reason)).toEqual(['cancelled', expect.stringMatching(/ENOTDIR|ENOENT/)]);

    // Provenance: the bag's files are the result of this build's package.started only; failures say so.
    const graph = (JSON.parse(fs.readFileSync(path.join(bag, 'data/provenance.jsonld'), 'utf8')) as { '@graph': Array<Record<string, unknown>> })['@graph'];
    const actions = graph.filter((n) => n['@type'] === 'case-investigation:InvestigativeAction');
    const starts = actions.filter((a) => a['uco-core:name'] === 'package.started');
    expect(starts.map((a) => Boolean(a['uco-action:result']))).toEqual([false, false, true]);
    const failures = actions.filter((a) => a['uco-core:name'] === 'package.failed').map((a) => String(a['uco-core:description']));
    expect(failures[0]).toContain(`failed: cancelled (${path.join(root, 'cancelled-bag')})`);
    expect(failures[1]).toContain(`(${path.join(root, 'out', 'bag.zip')})`);
  });

  it('`shoko verify` on the case folder passes with the failed attempts in its log', () => {
    c.close();
    try {
      const r = runShoko(['verify', caseDir, '--json']);
      expect(r.stderr).not.toContain('shoko:');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).ok).toBe(true);
    } finally {
      c = openCase(caseDir);
    }
  });
});
