import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { realTarget, refuseOutputInEvidence } from '../../main/case/output-paths';
import { tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';
import { REPO_ROOT } from '../helpers/paths';

describe('outputs never land in evidence/ (issue 16, item 9)', () => {
  it('compares real paths: through a symlinked case folder or --out, evidence/ is still refused', () => {
    const dir = tmpDir('shoko-outpaths-');
    const c = initCase(path.join(dir, 'case'), { name: 'paths' });
    const alias = path.join(dir, 'alias');
    fs.symlinkSync(c.dir, alias);
    const outLink = path.join(dir, 'out-link');
    fs.symlinkSync(c.evidenceDir, outLink);
    for (const out of [path.join(c.evidenceDir, 'x.png'), path.join(alias, 'evidence', 'new', 'bag'), outLink, path.join(outLink, 'redacted'), c.evidenceDir]) {
      expect(() => refuseOutputInEvidence(c, out, 'a render'), out).toThrow(/inside the case's evidence folder/);
    }
    expect(() => refuseOutputInEvidence(c, path.join(c.exportsDir, 'x.png'), 'a render')).not.toThrow();
    expect(realTarget(path.join(alias, 'not', 'yet'))).toBe(path.join(fs.realpathSync(c.dir), 'not', 'yet'));
    c.close();
  });

  it('redact, render and package refuse --out inside evidence/, also through a link', async () => {
    const dir = tmpDir('shoko-outpaths-');
    const caseDir = path.join(dir, 'case');
    expect((await runShokoAsync(['case', 'init', caseDir, '--name', 'paths'])).code).toBe(0);
    expect((await runShokoAsync(['add', caseDir, path.join(REPO_ROOT, 'resources/demo/demo-member-directory.epub')])).code).toBe(0);
    const link = path.join(dir, 'sneaky');
    fs.symlinkSync(path.join(caseDir, 'evidence'), link);
    const runs = [
      ['redact', caseDir, '--status', 'all-hits', '--out', path.join(caseDir, 'evidence')],
      ['render', caseDir, '--item', '1', '--page', '1', '--out', path.join(link, 'x.png')],
      ['package', caseDir, '--out', path.join(link, 'bag')],
    ];
    for (const args of runs) {
      const r = await runShokoAsync(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args[0]).toContain("inside the case's evidence folder");
    }
    const files = fs.readdirSync(path.join(caseDir, 'evidence'));
    expect(files).toHaveLength(1);
  });
});
