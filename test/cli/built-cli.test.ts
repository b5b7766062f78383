// The bundled CLI (scripts/build-cli.mjs, what `npx shoko` runs after `npm install`) run for real:
// the same answers as the sources, with its worker threads (MD5 at intake, the MuPDF document worker,
// tesseract's quiet worker) started from the bundle. Built afresh into a temporary folder (beside a link
// to node_modules), so the test neither depends on nor disturbs dist-cli/ while sources are edited.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { builtCli } from '../../bin/built-cli.mjs';
import type { CliContext } from '../../main/cli/cli-context';
import { COMMANDS } from '../../main/cli/commands/index';
import { commandsFor } from '../../main/cli/main';
import { buildCli } from '../../scripts/build-cli.mjs';
import { corpusFile, REPO_ROOT } from '../helpers/paths';
import { runShoko, type CliRun } from '../helpers/run-cli';

const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the bundled shoko command', () => {
  let work: string;
  let runner: string;
  const built = (args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const builtAsync = (args: string[]): Promise<CliRun> => new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, ...args]);
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-built-cli-'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    await buildCli(path.join(work, 'dist-cli'));
    // What bin/shoko.mjs does with an up-to-date bundle.
    runner = path.join(work, 'shoko.mjs');
    fs.writeFileSync(runner, "const { main } = await import('./dist-cli/shoko.mjs');\nprocess.exitCode = await main(process.argv);\n");
  }, 120_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('starts from the bundle: --version, and the list of sources it was built from', () => {
    const v = built(['--version']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    expect(v.stderr).toBe('');
    const inputs = (JSON.parse(fs.readFileSync(path.join(work, 'dist-cli/inputs.json'), 'utf8')) as { inputs: Record<string, unknown> }).inputs;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['main/cli/main.ts', 'main/documents/document-worker.ts', 'main/ocr/ocr-pool.ts']));
    expect(fs.existsSync(path.join(work, 'dist-cli/document-worker.mjs'))).toBe(true);
  });

  it('creates a case, adds a file (hashes match) and lists it', () => {
    const dir = path.join(work, 'case');
    const init = built(['case', 'init', dir, '--name', '束ね版の確認']);
    expect(init.code, init.stderr).toBe(0);
    const file = corpusFile('epub/epubcheck-minimal-valid.epub');
    const add = built(['add', dir, file]);
    expect(add.code, add.stderr).toBe(0);
    const items = built(['--json', 'items', dir]);
    expect(items.code, items.stderr).toBe(0);
    const list = JSON.parse(items.stdout) as { sha256: string; md5: string; name: string }[];
    const bytes = fs.readFileSync(file);
    expect(list).toHaveLength(1);
    expect(list[0].sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(list[0].md5).toBe(crypto.createHash('md5').update(bytes).digest('hex'));
  });

  it('reads pages in the bundled document worker and OCRs with no tesseract noise on stderr', async () => {
    const dir = path.join(work, 'scan');
    expect(built(['case', 'init', dir, '--name', 'scan']).code).toBe(0);
    expect(built(['add', dir, corpusFile('epub/ja-kusamakura-vertical.epub')]).code).toBe(0);
    const scan = await builtAsync(['--json', 'scan', dir, '--ocr', 'never']);
    expect(scan.code, scan.stderr).toBe(0);
    const pages = await builtAsync(['--json', 'pages', dir, '--item', '1', '--to', '3']);
    expect(pages.code, pages.stderr).toBe(0);
    expect(pages.stdout).toContain('草枕');

    const ocr = await builtAsync(['ocr', corpusFile('images/en-tesseract-phototest.tif')]);
    expect(ocr.code, ocr.stderr).toBe(0);
    expect(ocr.stdout).toMatch(/quick brown/i);
    // Only Shoko's own progress lines: nothing from tesseract or Leptonica.
    expect(ocr.stderr.split('\n').filter(Boolean).every((l) => /^ocr \d+\/\d+/.test(l)), ocr.stderr).toBe(true);
  }, 180_000);

  it('bin/shoko.mjs leaves a bundle once a source it was built from changes, and runs the sources', () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-stale-cli-'));
    fs.writeFileSync(path.join(stale, 'inputs.json'), JSON.stringify({ inputs: { 'main/cli/main.ts': { size: 1, mtimeMs: 1 } } }));
    expect(builtCli(stale)).toEqual({ url: null, reason: 'main/cli/main.ts changed since the CLI was bundled' });
    expect(builtCli(path.join(stale, 'none')).url).toBeNull();
    const r = runShoko(['--version'], { env: { SHOKO_CLI: 'sources' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('only the command being run is loaded', () => {
  const names = (args: string[]) => commandsFor(['node', 'shoko', ...args]).map((c) => c.name);

  it('picks the command word; none for --version; all for help and anything unknown', () => {
    expect(names(['--json', 'items', './case'])).toEqual(['items']);
    expect(names(['items', '--help'])).toEqual(['items']);
    expect(names(['--version'])).toEqual([]);
    expect(names(['-V'])).toEqual([]);
    const all = COMMANDS.map((c) => c.name);
    expect(names([])).toEqual(all);
    expect(names(['--help'])).toEqual(all);
    expect(names(['help', 'scan'])).toEqual(all);
    expect(names(['itmes'])).toEqual(all);
  });

  it('each entry\'s module registers the command it is named for', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('shoko');
      (await entry.load()).register(program, {} as CliContext);
      expect(program.commands.map((c) => c.name()), entry.name).toEqual([entry.name]);
    }
  }, 60_000);
});
