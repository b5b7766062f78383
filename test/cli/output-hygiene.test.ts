import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';
import { oneLineName, terminalSafe } from '../../main/cli/terminal-text';

describe('terminal output hygiene (issue 16, item 10)', () => {
  it('escapes every control character but line feed and tab; names stay on one line', () => {
    expect(terminalSafe('a\x1b[2Jb\x07c\rd\x00e\u0085f\ng\th')).toBe('a\\e[2Jb\\x07c\\rd\\0e\\x85f\ng\th');
    expect(oneLineName('book\n#2  forged.epub\t')).toBe('book\\n#2  forged.epub\\t');
  });

  it('a file named with ESC, BEL, CR and LF reaches `add` and `items` output escaped, never raw', async () => {
    const dir = tmpDir('shoko-hygiene-');
    const name = 'evil\x1b[31m\x07\rname\n#99  forged.epub';
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(REPO_ROOT, 'resources/demo/demo-member-directory.epub'), file);
    const caseDir = path.join(dir, 'case');
    expect((await runShokoAsync(['case', 'init', caseDir, '--name', 'hygiene'])).code).toBe(0);
    const add = await runShokoAsync(['add', caseDir, file]);
    expect(add.code, add.stderr).toBe(0);
    const items = await runShokoAsync(['items', caseDir]);
    for (const out of [add.stdout, items.stdout]) {
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(out).toContain('evil\\e[31m\\x07\\rname\\n#99  forged.epub');
    }
    // One item, one line: the name's line feed did not forge a second entry.
    expect(items.stdout.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(1);
    // JSON keeps the real name (evidence), escaped by JSON itself.
    const json = JSON.parse((await runShokoAsync(['--json', 'items', caseDir])).stdout);
    expect(JSON.stringify(json)).toContain(JSON.stringify(name).slice(1, -1));
  });
});
