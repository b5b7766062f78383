import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCase, openCase, type CaseHandle } from '../../main/case/case-folder';
import { openEvidenceForReading } from '../../main/case/evidence-file';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { buildPackage } from '../../main/evidence/bag/build-package';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { hashFile } from '../../main/evidence/hashing';
import { addEvidence } from '../../main/evidence/intake';
import { verifyCase } from '../../main/evidence/verify-case';
import { extractItem } from '../../main/documents/extract-item';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShoko } from '../helpers/run-cli';

// Links and special files in evidence/ (issue #16.9): a link to a copy outside the case must not verify,
// and nothing that reads evidence follows one.
let home: string;
beforeAll(() => {
  home = path.join(tmpDir('shoko-links-home-'), 'home');
  process.env.SHOKO_HOME = home;
});

const BOOK = corpusFile('epub/epubcheck-minimal-valid.epub');

/** A case with the sample EPUB added; returns the case and the evidence file's path. */
async function caseWithBook(): Promise<{ c: CaseHandle; file: string; root: string }> {
  const root = tmpDir('shoko-links-');
  const c = initCase(path.join(root, 'case'), { name: 'links' });
  const [r] = await addEvidence(c, [BOOK]);
  return { c, file: c.evidencePath(r.sha256), root };
}

/** Replaces the evidence file with a symbolic link to a bit-identical copy outside the case. */
function swapForLink(file: string, root: string): string {
  const outside = path.join(root, 'outside-copy.epub');
  fs.copyFileSync(file, outside);
  fs.chmodSync(path.dirname(file), 0o755);
  fs.rmSync(file);
  fs.symlinkSync(outside, file);
  return outside;
}

describe('links and special files in evidence/', () => {
  it('a symbolic link to an identical copy outside the case fails verify, naming the item and the link target', async () => {
    const { c, file, root } = await caseWithBook();
    try {
      expect(verifyCase(c).ok).toBe(true);
      const outside = swapForLink(file, root);
      // The copy outside hashes exactly as recorded: only refusing the link catches it.
      expect(hashFile(outside).sha256).toBe(path.basename(file));
      const v = verifyCase(c);
      expect(v.ok).toBe(false);
      expect(v.failure).toBe(`item 1 epubcheck-minimal-valid.epub: evidence file is a symbolic link (to ${outside}): ${file}: links and special files in evidence/ are refused, never followed`);
      expect(v.checks.some((x) => x.ok && x.what.includes('sha256/sha1/md5 and size match'))).toBe(false);
    } finally {
      c.close();
    }
  });

  it('the CLI exits 1 on such a case', async () => {
    const { c, file, root } = await caseWithBook();
    c.close();
    swapForLink(file, root);
    const r = runShoko(['verify', path.dirname(path.dirname(file))], { env: { SHOKO_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED: item 1 epubcheck-minimal-valid.epub: evidence file is a symbolic link');
  });

  it('a FIFO, a folder or a dangling link anywhere in evidence/ fails verify with its name', async () => {
    const { c, file } = await caseWithBook();
    try {
      fs.chmodSync(c.evidenceDir, 0o755);
      execFileSync('mkfifo', [path.join(c.evidenceDir, 'pipe')]);
      fs.mkdirSync(path.join(c.evidenceDir, 'sub'));
      fs.symlinkSync('/nonexistent/target', path.join(c.evidenceDir, 'dangling'));
      const failed = verifyCase(c).checks.filter((x) => !x.ok).map((x) => x.what);
      expect(failed).toEqual(expect.arrayContaining([
        'evidence/pipe is a FIFO (named pipe), not a file',
        'evidence/sub is a folder, not a file',
        'evidence/dangling is a symbolic link (to /nonexistent/target)',
      ]));
      // A folder where the item's file should be.
      fs.rmSync(file);
      fs.mkdirSync(file);
      expect(verifyCase(c).failure).toMatch(/^item 1 epubcheck-minimal-valid\.epub: evidence file is a folder, not a file/);
    } finally {
      c.close();
    }
  });

  it('a hard link is a warning, not a failure: the file still hashes as recorded', async () => {
    const { c, file, root } = await caseWithBook();
    try {
      fs.linkSync(file, path.join(root, 'second-name.epub'));
      const v = verifyCase(c);
      expect(v.ok).toBe(true);
      const warning = v.checks.find((x) => x.what.startsWith('warning:'));
      expect(warning?.what).toBe('warning: item 1 epubcheck-minimal-valid.epub: the evidence file has 2 hard links');
    } finally {
      c.close();
    }
  });

  it('scan, package and intake refuse the link instead of following it', async () => {
    const { c, file, root } = await caseWithBook();
    try {
      swapForLink(file, root);
      const sha = path.basename(file);
      expect(() => c.evidencePath(sha)).toThrow(/is a symbolic link \(to .*outside-copy\.epub\); Shoko never follows links/);
      // Reading with O_NOFOLLOW: the kernel refuses the link even when no check ran before.
      expect(() => openEvidenceForReading(file)).toThrow(/is a symbolic link/);
      expect(() => hashFile(file, { noFollow: true })).toThrow(/is a symbolic link/);
      await expect(extractItem(c, 1)).rejects.toThrow(/is a symbolic link/);
      const before = listCustodyEvents(c.db).length;
      await expect(buildPackage(c, { out: path.join(root, 'bag') })).rejects.toThrow(/is a symbolic link/);
      expect(fs.existsSync(path.join(root, 'bag'))).toBe(false);
      expect(listCustodyEvents(c.db).slice(before).map((e) => e.action)).toEqual(['package.started', 'package.failed']);
      // Adding the same content again meets the link at its name: refused, nothing recorded.
      const n = listEvidenceItems(c.db)[0].acquisitions.length;
      await expect(addEvidence(c, [BOOK])).rejects.toThrow(/is a symbolic link/);
      expect(listEvidenceItems(c.db)[0].acquisitions.length).toBe(n);
    } finally {
      c.close();
    }
  });

  it('a FIFO in place of an evidence file is refused without blocking on it', async () => {
    const { c, file } = await caseWithBook();
    try {
      fs.chmodSync(c.evidenceDir, 0o755);
      fs.rmSync(file);
      execFileSync('mkfifo', [file]);
      expect(() => openEvidenceForReading(file)).toThrow(/is a FIFO \(named pipe\), not a file/);
      expect(verifyCase(c).failure).toMatch(/evidence file is a FIFO \(named pipe\), not a file/);
    } finally {
      c.close();
    }
  });

  it('an evidence folder that is itself a link (the originals moved out of the case) fails verify and is not read', async () => {
    const { c, file, root } = await caseWithBook();
    try {
      const moved = path.join(root, 'moved-evidence');
      fs.renameSync(c.evidenceDir, moved);
      fs.symlinkSync(moved, c.evidenceDir);
      expect(verifyCase(c).failure).toBe(`evidence/ is a symbolic link (to ${moved}): ${c.evidenceDir}: the originals must be inside the case; links are refused, never followed`);
      expect(() => c.evidencePath(path.basename(file))).toThrow(/the evidence folder is a symbolic link/);
    } finally {
      c.close();
    }
  });

  it('a case reopened from disk still refuses (the check is on the path, not on a handle)', async () => {
    const { c, file, root } = await caseWithBook();
    const dir = c.dir;
    c.close();
    swapForLink(file, root);
    const again = openCase(dir);
    try {
      expect(verifyCase(again).ok).toBe(false);
    } finally {
      again.close();
    }
  });
});
