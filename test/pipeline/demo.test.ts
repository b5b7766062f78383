import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runShokoAsync } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';

describe('shoko demo', () => {
  it('runs the whole triage on the bundled sample and leaves a verified package with a report', async () => {
    const root = tmpDir('shoko-demo-');
    const out = path.join(root, 'demo');
    const r = await runShokoAsync(['demo', '--out', out, '--json'], { env: { SHOKO_HOME: path.join(root, 'home') } });
    expect(r.stderr).not.toContain('shoko:');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[7/7] verify: package verified');
    const s = JSON.parse(r.stdout);
    // The generated book republishes 12 of the 40 listed members, next to 4 people not in the list.
    expect(s.recordsInList).toBe(40);
    expect(s.recordsPresent).toBe(12);
    expect(s.redactedFiles).toBeGreaterThan(0);
    expect(s.verified).toBe(true);
    const bag = path.join(out, 'package');
    const findings = JSON.parse(fs.readFileSync(path.join(bag, 'data/findings.json'), 'utf8'));
    expect(findings.records.filter((x: { present: boolean }) => x.present)).toHaveLength(12);
    expect(fs.readdirSync(path.join(bag, 'data/redacted')).length).toBe(s.redactedFiles);
    const csv = fs.readFileSync(path.join(process.cwd(), 'resources/demo/demo-leak-list.csv'), 'utf8');
    const emails = [...csv.matchAll(/[a-z0-9]+@example\.(com|net|org)/g)].map((m) => m[0]);
    const text = execFileSync('pdftotext', [path.join(bag, 'data/report/report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('漏えい');
    for (const e of emails) expect(text).not.toContain(e);
  });
});
