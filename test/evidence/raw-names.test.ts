import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../main/case/case-folder';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { rawCommandLinePaths } from '../../main/cli/commands/add-raw-paths';
import { buildPackage } from '../../main/evidence/bag/build-package';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { addEvidence } from '../../main/evidence/intake';
import { readableName } from '../../main/evidence/raw-names';
import { addScreenshotFolder } from '../../main/evidence/screenshot-set';
import { verifyCase } from '../../main/evidence/verify-case';
import { extractItem } from '../../main/documents/extract-item';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShoko, SHOKO_BIN } from '../helpers/run-cli';
import { bagFindingsErrors } from './bag/findings-schema';

// File names that are not UTF-8 (issue #16.9): Shift_JIS names from old Windows machines and ZIPs.
const SJIS_TEST = Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]); // テスト in Shift_JIS
const SJIS_FOLDER = Buffer.from([0x8e, 0x42, 0x89, 0x65]); // 撮影 in Shift_JIS
const BROKEN = Buffer.from([0x78, 0xff, 0xfe]); // "x" and two bytes that are neither UTF-8 nor Shift_JIS
const buf = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

let home: string;
beforeAll(() => {
  home = path.join(tmpDir('shoko-rawnames-home-'), 'home');
  process.env.SHOKO_HOME = home;
});

/**
 * Runs the real `shoko` with arguments given as bytes, as a shell passes a name typed or completed on a
 * Shift_JIS file system: printf writes each byte (octal), so Node's argv holds U+FFFD where they were.
 */
function runShokoBytes(args: Array<string | Buffer>, cwd: string): { code: number; stdout: string; stderr: string } {
  const octal = (b: Buffer) => [...b].map((x) => `\\${x.toString(8).padStart(3, '0')}`).join('');
  const words = args.map((a) => `"$(printf '${octal(typeof a === 'string' ? Buffer.from(a) : a)}')"`);
  const r = spawnSync('/bin/sh', ['-c', `exec "$SHOKO_NODE" "$SHOKO_BIN_PATH" ${words.join(' ')}`], {
    cwd, encoding: 'utf8', env: { ...process.env, SHOKO_HOME: home, SHOKO_NODE: process.execPath, SHOKO_BIN_PATH: SHOKO_BIN },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('readable names', () => {
  it('UTF-8 as is, Shift_JIS decoded where it decodes cleanly, else the odd bytes escaped', () => {
    expect(readableName(Buffer.from('テスト.png'))).toEqual({ text: 'テスト.png', decodedFrom: 'utf-8' });
    expect(readableName(buf(SJIS_TEST, '.png'))).toEqual({ text: 'テスト.png', decodedFrom: 'cp932' });
    expect(readableName(buf(BROKEN, '.png'))).toEqual({ text: 'x\\xff\\xfe.png', decodedFrom: 'escaped' });
    // A UTF-8 part stays readable beside bytes that are not: 日本 then 0x83 alone.
    expect(readableName(buf('日本', Buffer.from([0x83]), '.png'))).toEqual({ text: '日本\\x83.png', decodedFrom: 'escaped' });
  });

  it('recovers raw arguments from the command line bytes, the k-th use of a lossy text to the k-th raw argument', () => {
    const a = buf(SJIS_TEST, '.txt');
    const b = buf(Buffer.from([0x84, 0x65, 0x84, 0x58, 0x84, 0x67]), '.txt');
    const lossy = a.toString('utf8');
    expect(b.toString('utf8')).toBe(lossy);
    const cmdline = [Buffer.from('node'), Buffer.from('shoko'), Buffer.from('add'), Buffer.from('case'), a, Buffer.from('plain.txt'), b];
    const out = rawCommandLinePaths([lossy, 'plain.txt', lossy], cmdline);
    expect(out).toEqual([a, 'plain.txt', b]);
    expect(() => rawCommandLinePaths([lossy, lossy, lossy], cmdline)).toThrow(/could not be found on the command line/);
    expect(() => rawCommandLinePaths([lossy], null)).toThrow(/does not give the command line's bytes/);
  });
});

describe('shoko add with a Shift_JIS file name', () => {
  it('adds the file named on the command line and records its bytes in the store, the custody event and the listing', () => {
    const dir = tmpDir('shoko-rawnames-');
    const caseDir = path.join(dir, 'case');
    initCase(caseDir, { name: 'raw names' }).close();
    const name = buf(SJIS_TEST, '.txt');
    fs.writeFileSync(buf(dir, '/', name), 'member list\n');
    // Relative to the working folder, as typed.
    const r = runShokoBytes(['add', caseDir, name, '--json'], dir);
    expect(r.stderr).not.toContain('shoko:');
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.stdout);
    expect(res.added).toBe(true);
    expect(res.originalName).toBe('テスト.txt');
    expect(res.originalNameBytes).toEqual({ hex: name.toString('hex'), decodedFrom: 'cp932' });
    // The text output names it readably and gives the bytes.
    fs.writeFileSync(buf(dir, '/', BROKEN, '.txt'), 'other\n');
    const t = runShokoBytes(['add', caseDir, buf(BROKEN, '.txt')], dir);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('#2 x\\xff\\xfe.txt');
    expect(t.stdout).toContain(`name bytes (not UTF-8; shown escaped): ${buf(BROKEN, '.txt').toString('hex')}`);

    const c = openCase(caseDir);
    try {
      const [item, item2] = listEvidenceItems(c.db);
      expect(item.name).toBe('テスト.txt');
      expect(item.acquisitions[0].originalPath).toBe(path.join(dir, 'テスト.txt'));
      expect(item.acquisitions[0].originalNameBytes).toEqual({ hex: name.toString('hex'), decodedFrom: 'cp932' });
      expect(item.acquisitions[0].originalPathHex).toBe(buf(dir, '/', name).toString('hex'));
      expect(item2.acquisitions[0].originalNameBytes).toEqual({ hex: buf(BROKEN, '.txt').toString('hex'), decodedFrom: 'escaped' });
      const added = listCustodyEvents(c.db).find((e) => e.action === 'evidence.added' && e.itemId === item.id)!;
      expect(added.details.originalName).toBe('テスト.txt');
      expect(added.details.originalNameBytes).toEqual({ hex: name.toString('hex'), decodedFrom: 'cp932' });
      expect(added.details.originalPathHex).toBe(buf(dir, '/', name).toString('hex'));
      expect(verifyCase(c).ok).toBe(true);
      // The bytes are a fact the log holds: editing them in the store fails verify.
      c.db.prepare('UPDATE acquisition SET original_name_hex = ? WHERE item_id = ?').run('8366835883672e747874', item.id);
      expect(verifyCase(c).failure).toBe(`store does not match the custody log: evidence item ${item.id}: acquisition 1's name bytes in the store differ from its event ${added.seq}`);
    } finally {
      c.close();
    }
  });

  it('a file that does not exist is still "no such file", named readably', () => {
    const dir = tmpDir('shoko-rawnames-');
    const caseDir = path.join(dir, 'case');
    initCase(caseDir, { name: 'raw names' }).close();
    const r = runShokoBytes(['add', caseDir, buf(SJIS_TEST, '-missing.txt')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`shoko: ${path.join(dir, 'テスト-missing.txt')}: no such file`);
  });
});

describe('screenshot folders holding names that are not UTF-8', () => {
  function shots(root: string, folder: Buffer | string): Buffer {
    const dir = buf(root, '/', folder);
    fs.mkdirSync(dir);
    fs.copyFileSync(corpusFile('images/ja-manga-haruko-p02.jpg'), buf(dir, '/', SJIS_TEST, '.jpg'));
    // The same name in UTF-8 beside it: two members that read alike.
    fs.copyFileSync(corpusFile('images/ja-rendered-pii-form-SYNTHETIC.png'), buf(dir, '/テスト.jpg'));
    fs.copyFileSync(corpusFile('images/en-tesseract-phototest.tif'), buf(dir, '/', BROKEN, '.tif'));
    fs.writeFileSync(buf(dir, '/', SJIS_TEST, '.txt'), 'notes');
    return dir;
  }

  it('adds every image, names each readably with its bytes, and keeps entries unique (API)', async () => {
    const root = tmpDir('shoko-rawnames-');
    const c = initCase(path.join(root, 'case'), { name: 'shots' });
    try {
      const r = await addScreenshotFolder(c, shots(root, 'captures'));
      expect(r.members.map((m) => [m.name, m.entry, m.nameBytes?.decodedFrom ?? 'utf-8'])).toEqual([
        ['x\\xff\\xfe.tif', 'x＼xff＼xfe.tif', 'escaped'],
        // Names that read alike are ordered by their bytes (Shift_JIS 0x83… before UTF-8 0xe3…).
        ['テスト.jpg', `テスト [${buf(SJIS_TEST, '.jpg').toString('hex')}].jpg`, 'cp932'],
        ['テスト.jpg', 'テスト.jpg', 'utf-8'],
      ]);
      expect(r.members[1].sha256).toBe(spawnSync('sha256sum', [corpusFile('images/ja-manga-haruko-p02.jpg')], { encoding: 'utf8' }).stdout.split(' ')[0]);
      expect(r.skipped).toEqual([{ name: 'テスト.txt', reason: 'not an image (plain text)', nameBytes: { hex: buf(SJIS_TEST, '.txt').toString('hex'), decodedFrom: 'cp932' } }]);
      const event = listCustodyEvents(c.db).find((e) => e.action === 'evidence.added')!;
      const members = (event.details.screenshotSet as { members: Array<{ nameBytes?: unknown }> }).members;
      expect(members[1].nameBytes).toEqual({ hex: buf(SJIS_TEST, '.jpg').toString('hex'), decodedFrom: 'cp932' });
      // The document engine opens the container: one page per image, the one with a Shift_JIS name among them.
      const doc = await extractItem(c, r.id);
      expect([doc.status, doc.pageCount]).toEqual(['ok', 3]);
      // The same folder gives the same container.
      const again = await addScreenshotFolder(c, path.join(root, 'captures'));
      expect(again.added).toBe(false);
      expect(again.sha256).toBe(r.sha256);
    } finally {
      c.close();
    }
  });

  it('the CLI adds a folder whose own name is Shift_JIS, and the package keeps the bytes (findings, provenance)', async () => {
    const root = tmpDir('shoko-rawnames-');
    const caseDir = path.join(root, 'case');
    initCase(caseDir, { name: 'shots' }).close();
    shots(root, SJIS_FOLDER);
    const r = runShokoBytes(['add', caseDir, '--screenshots', SJIS_FOLDER, '--json'], root);
    expect(r.stderr).not.toContain('shoko:');
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.stdout);
    expect(res.originalName).toBe('撮影 (screenshot set).cbz');
    expect(res.members).toHaveLength(3);

    // A file added next to it by its bytes through the API (a Buffer path).
    const c = openCase(caseDir);
    try {
      const file = buf(root, '/', SJIS_TEST, '.txt');
      fs.writeFileSync(file, 'member list\n');
      const [added] = await addEvidence(c, [file]);
      expect(added.originalName).toBe('テスト.txt');
      const acq = listEvidenceItems(c.db)[0].acquisitions[0];
      expect(acq.originalPath).toBe(path.join(root, '撮影'));
      expect(acq.originalPathHex).toBe(buf(root, '/', SJIS_FOLDER).toString('hex'));

      const bag = path.join(root, 'bag');
      await buildPackage(c, { out: bag });
      expect(bagFindingsErrors(bag)).toEqual([]);
      const findings = JSON.parse(fs.readFileSync(path.join(bag, 'data/findings.json'), 'utf8'));
      expect(findings.items[1].acquisitions[0].originalNameBytes).toEqual({ hex: buf(SJIS_TEST, '.txt').toString('hex'), decodedFrom: 'cp932' });
      expect(findings.items[0].acquisitions[0].originalPathHex).toBe(buf(root, '/', SJIS_FOLDER).toString('hex'));
      const provenance = fs.readFileSync(path.join(bag, 'data/provenance.jsonld'), 'utf8');
      expect(provenance).toContain(`acquired under a name that is not UTF-8: bytes ${buf(SJIS_TEST, '.txt').toString('hex')} (shown decoded as Shift_JIS: テスト.txt)`);
      const log = fs.readFileSync(path.join(bag, 'data/custody-log.jsonl'), 'utf8');
      expect(log).toContain(`"nameBytes":{"decodedFrom":"cp932","hex":"${buf(SJIS_TEST, '.jpg').toString('hex')}"}`);
      expect(runShoko(['verify', bag]).code).toBe(0);
    } finally {
      c.close();
    }
  });
});
