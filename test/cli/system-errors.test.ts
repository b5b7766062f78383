import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';

const BOOK = path.join(REPO_ROOT, 'resources/demo/demo-member-directory.epub');

/** A 3 MiB tmpfs: a real full disk (root in the sandbox and in CI can mount one). */
function smallDisk(): string | null {
  const dir = tmpDir('shoko-fulldisk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const mounted: string[] = [];
afterAll(() => { for (const d of mounted) execFileSync('umount', [d]); });

describe('the operating system says no: a sentence and exit 2, never a stack (issue 16, items 8 and 10)', () => {
  it('disk full during add: "not enough space in <case>", no .incoming leftover, the case still opens', async (t) => {
    const disk = smallDisk();
    if (!disk) return t.skip('no tmpfs mount here (not root)');
    mounted.push(disk);
    const caseDir = path.join(disk, 'case');
    expect((await runShokoAsync(['case', 'init', caseDir, '--name', 'full disk'])).code).toBe(0);
    const big = path.join(tmpDir('shoko-big-'), 'big.pdf');
    fs.writeFileSync(big, crypto.randomBytes(4 * 1024 * 1024));
    const r = await runShokoAsync(['add', caseDir, big]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`not enough space in ${path.join(caseDir, 'evidence')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(path.join(caseDir, 'evidence'))).toEqual([]);
    const items = await runShokoAsync(['--json', 'items', caseDir]);
    expect(items.code).toBe(0);
    expect(JSON.parse(items.stdout)).toEqual([]);
  });

  it('redact --out an existing file, and package --out /proc/self/bag, are bad input', async () => {
    const dir = tmpDir('shoko-syserr-');
    const caseDir = path.join(dir, 'case');
    expect((await runShokoAsync(['case', 'init', caseDir, '--name', 'paths'])).code).toBe(0);
    expect((await runShokoAsync(['add', caseDir, BOOK])).code).toBe(0);
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const redact = await runShokoAsync(['redact', caseDir, '--status', 'all-hits', '--out', file]);
    expect(redact.code, redact.stderr).toBe(2);
    expect(redact.stderr).not.toContain('internal error');
    const pkg = await runShokoAsync(['package', caseDir, '--out', '/proc/self/bag']);
    expect(pkg.code, pkg.stderr).toBe(2);
    expect(pkg.stderr).not.toContain('internal error');
  });
});
