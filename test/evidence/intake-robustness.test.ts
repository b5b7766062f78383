import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../main/case/case-folder';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShoko, SHOKO_BIN } from '../helpers/run-cli';

function newCase(): string {
  const dir = path.join(tmpDir(), 'case');
  initCase(dir, { name: 'robust' }).close();
  return dir;
}

function eventCount(dir: string): number {
  const c = openCase(dir);
  try { return listCustodyEvents(c.db).length; } finally { c.close(); }
}

describe('intake robustness', () => {
  it('a process killed in the middle of adding a large file leaves the case consistent', async () => {
    const dir = newCase();
    const big = path.join(tmpDir(), 'big.bin');
    // Real bytes (not a sparse file) so the copy takes long enough to be interrupted.
    const block = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < 96; i++) { block.writeUInt32LE(i, 0); fs.writeSync(fd, block); }
    fs.closeSync(fd);

    const child = spawn(process.execPath, [SHOKO_BIN, 'add', dir, big], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => { if (/intake \d/.test(d.toString())) resolve(); });
      child.on('close', () => resolve());
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));

    const c = openCase(dir);
    expect(listEvidenceItems(c.db)).toHaveLength(0);
    c.close();
    const leftovers = fs.readdirSync(path.join(dir, 'evidence'));
    expect(leftovers.every((n) => n.startsWith('.incoming-'))).toBe(true);
    const v = runShoko(['verify', dir]);
    expect(v.code, v.stdout + v.stderr).toBe(0);

    // The next intake cleans the leftover and works.
    const again = runShoko(['add', dir, corpusFile('pdf/ja-pdfjs-noembed-sjis.pdf')]);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'evidence')).filter((n) => n.startsWith('.incoming-'))).toEqual([]);
    expect(runShoko(['verify', dir]).code).toBe(0);
  });

  it('bad inputs: one clear line naming the path, exit 2, nothing written', () => {
    const dir = newCase();
    const before = eventCount(dir);
    const missing = path.join(tmpDir(), 'nope.epub');
    const r1 = runShoko(['add', dir, corpusFile('epub/epubcheck-minimal-valid.epub'), missing]);
    expect(r1.code).toBe(2);
    expect(r1.stderr.trim().split('\n')).toEqual([`shoko: ${missing}: no such file`]);
    const folder = tmpDir();
    const r2 = runShoko(['add', dir, folder]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${folder}: is a folder, not a file`);
    const notCase = tmpDir();
    const r3 = runShoko(['add', notCase, corpusFile('epub/epubcheck-minimal-valid.epub')]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain(`${notCase}: not a Shoko case`);
    expect(fs.readdirSync(notCase)).toEqual([]);
    expect(eventCount(dir)).toBe(before);
    const c = openCase(dir);
    expect(listEvidenceItems(c.db)).toHaveLength(0);
    c.close();
    expect(runShoko(['verify', path.join(notCase, 'x')]).code).toBe(2);
  });

  it('verify catches one altered byte and a missing evidence file', () => {
    const dir = newCase();
    const r = runShoko(['--json', 'add', dir, corpusFile('pdf/ja-pdfjs-noembed-sjis.pdf'), corpusFile('epub/epubcheck-minimal-valid.epub')]);
    const [pdf, epub] = JSON.parse(r.stdout);
    const pdfCopy = path.join(dir, 'evidence', pdf.sha256);
    fs.chmodSync(pdfCopy, 0o644);
    const bytes = fs.readFileSync(pdfCopy);
    bytes[100] ^= 0x01;
    fs.writeFileSync(pdfCopy, bytes);
    const v = runShoko(['verify', dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(new RegExp(`FAIL item ${pdf.id} ja-pdfjs-noembed-sjis.pdf: evidence file altered`));
    expect(v.stdout).toMatch(/NOT VERIFIED/);

    fs.rmSync(path.join(dir, 'evidence', epub.sha256), { force: true });
    const v2 = runShoko(['--json', 'verify', dir]);
    expect(v2.code).toBe(1);
    const checks = JSON.parse(v2.stdout).checks as { ok: boolean; detail?: string }[];
    expect(checks.some((x) => !x.ok && /missing/.test(x.detail ?? ''))).toBe(true);
  });
});
