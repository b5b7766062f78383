import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_VARIANT, languageDataBase, languageDataFile, languageFolder, parseLanguages, setLanguageDataBase,
} from '../../main/ocr/language-data';
import { runShoko } from '../helpers/run-cli';
import { REPO_ROOT, corpusFile, scratchDir } from '../helpers/paths';

// tesseract.js decides "fetch or read from disk" with this very package.
const isUrl = createRequire(createRequire(import.meta.url).resolve('tesseract.js'))('is-url') as (s: string) => boolean;

afterEach(() => setLanguageDataBase(null));

describe('language data on disk', () => {
  it('gathers every language of a worker into one plain local folder', () => {
    const dir = languageFolder(['jpn', 'eng'], DEFAULT_VARIANT);
    expect(path.isAbsolute(dir)).toBe(true);
    expect(isUrl(dir)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => !f.includes('.traineddata.gz.')).sort()).toEqual(['eng.traineddata.gz', 'jpn.traineddata.gz']);
    const real = fs.realpathSync(path.join(dir, 'jpn.traineddata.gz'));
    expect(real).toBe(fs.realpathSync(path.join(languageDataBase(), 'jpn', DEFAULT_VARIANT, 'jpn.traineddata.gz')));
    // Gzip data as shipped.
    expect([...fs.readFileSync(real).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    // Asking again reuses the folder.
    expect(languageFolder(['eng', 'jpn'])).toBe(dir);
  });

  it('reads from another base folder when the packaged app sets one', () => {
    const base = scratchDir('ocr-language-base');
    fs.mkdirSync(path.join(base, 'eng', '4.0.0_best_int'), { recursive: true });
    fs.copyFileSync(languageDataFile('eng'), path.join(base, 'eng', '4.0.0_best_int', 'eng.traineddata.gz'));
    setLanguageDataBase(base);
    expect(languageDataBase()).toBe(base);
    expect(languageDataFile('eng')).toBe(path.join(base, 'eng', '4.0.0_best_int', 'eng.traineddata.gz'));
    expect(() => languageFolder(['jpn'])).toThrow(/OCR language data missing: .*jpn\.traineddata\.gz/);
  });

  it('refuses unknown languages with the list of known ones', () => {
    expect(parseLanguages('jpn+eng+jpn')).toEqual(['jpn', 'eng']);
    expect(() => parseLanguages('jpn+klingon')).toThrow(/unknown OCR language 'klingon' \(available: jpn, jpn_vert, eng\)/);
    expect(() => parseLanguages('+')).toThrow(/no OCR language/);
  });

  it('shoko ocr works with every network path blocked (no CDN, core and data from node_modules)', () => {
    const r = runShoko(['ocr', corpusFile('images/en-tesseract-phototest.tif'), '--lang', 'eng', '--json'], {
      env: { NODE_OPTIONS: `--require ${path.join(REPO_ROOT, 'test/ocr/fixtures/no-network.cjs')}` },
    });
    expect(r.stderr).not.toMatch(/network attempted/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; confidence: number; words: { text: string; box: number[]; confidence: number }[] };
    expect(out.text).toContain('The quick brown dog jumped over the');
    expect(out.confidence).toBeGreaterThan(80);
    const quick = out.words.find((w) => w.text === 'quick')!;
    expect(quick.box).toHaveLength(4);
    expect(quick.box[2]).toBeGreaterThan(quick.box[0]);
    // No traineddata is written into the working directory (cacheMethod 'none').
    expect(fs.readdirSync(REPO_ROOT).filter((f) => f.endsWith('.traineddata'))).toEqual([]);
  });

  it('the blocker really blocks, in worker threads too (so the check above can fail)', () => {
    const r = spawnSync(process.execPath, ['-e',
      "new (require('node:worker_threads').Worker)('fetch(\\'https://cdn.jsdelivr.net/\\').then(() => console.log(\\'fetched\\'), (e) => console.log(e.message))', { eval: true })"],
    { env: { ...process.env, NODE_OPTIONS: `--require ${path.join(REPO_ROOT, 'test/ocr/fixtures/no-network.cjs')}` }, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('network attempted: fetch https://cdn.jsdelivr.net/');
  });
});
