import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isTesseractNoise } from '../../main/cli/quiet-tesseract';
import { corpusFile, REPO_ROOT } from '../helpers/paths';
import { runShoko } from '../helpers/run-cli';

describe('tesseract diagnostics on the CLI', () => {
  it('drops only tesseract\'s own diagnostics', () => {
    expect(isTesseractNoise('Estimating resolution as 304')).toBe(true);
    expect(isTesseractNoise('Error opening data file ./\x13.traineddata')).toBe(true);
    expect(isTesseractNoise("Failed loading language '\x13'")).toBe(true);
    expect(isTesseractNoise('shoko: /x/y.png: cannot read (ENOENT)')).toBe(false);
    expect(isTesseractNoise('Error opening data file ./jpn.traineddata')).toBe(false);
  });

  it('shoko ocr with jpn+eng prints progress and no tesseract noise on stderr', () => {
    const r = runShoko(['ocr', corpusFile('images/en-tesseract-phototest.tif')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/quick brown/i);
    expect(r.stderr).not.toMatch(/traineddata|Estimating resolution|Failed loading/);
  });

  it('tesseract prints nothing at the source: the OCR worker\'s console is silenced, with no filter in between', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/cli/support/ocr-low-dpi.ts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('hanako.sato@example.com');
    expect(r.stderr).toBe('');
  }, 120_000);
});
