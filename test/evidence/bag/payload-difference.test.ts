import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { runShoko } from '../../helpers/run-cli';
import { copyBag, makeCaseAndBag } from './bag-fixture';

// Issue #16.10(b): a bag whose payload gained and lost files names them, not only "Payload-Oxum mismatch".
let root: string;
let bag: string;
beforeAll(async () => { ({ root, bag } = await makeCaseAndBag()); });

describe('verify names the payload files added and deleted', () => {
  it('one file added and one deleted: both named, by the CLI (exit 1)', () => {
    const d = copyBag(bag, path.join(root, 'added-deleted'));
    fs.rmSync(path.join(d, 'data/originals/epubcheck-minimal-valid.epub'));
    fs.writeFileSync(path.join(d, 'data/originals/planted.txt'), 'not in the case');
    const r = runShoko(['verify', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('RFC 8493:           INVALID — payload does not match manifest-sha256.txt: 1 deleted (data/originals/epubcheck-minimal-valid.epub), 1 added (data/originals/planted.txt)');
    expect(r.stdout).not.toContain('Payload-Oxum does not match');
  });

  it('several of each are all named, sorted', async () => {
    const d = copyBag(bag, path.join(root, 'several'));
    fs.rmSync(path.join(d, 'data/report/report.pdf'));
    fs.rmSync(path.join(d, 'data/findings.json'));
    for (const n of ['b.txt', 'a.txt']) fs.writeFileSync(path.join(d, 'data', n), n);
    const v = await verifyPackage(d);
    expect(v.failure).toBe('payload does not match manifest-sha256.txt: 2 deleted (data/findings.json, data/report/report.pdf), 2 added (data/a.txt, data/b.txt): deleted: listed in manifest-sha256.txt but not in the bag; added: in data/ but not listed');
    const d2 = copyBag(bag, path.join(root, 'two-added'));
    for (const n of ['b.txt', 'a.txt']) fs.writeFileSync(path.join(d2, 'data', n), n);
    expect((await verifyPackage(d2)).failure).toBe('payload files not in manifest-sha256.txt: data/a.txt, data/b.txt: a payload file every manifest must list (added to data/ after the bag was made?) (2 files)');
  });

  it('a Payload-Oxum edited while every file is as listed says that bag-info.txt is what changed', async () => {
    const d = copyBag(bag, path.join(root, 'oxum'));
    const info = path.join(d, 'bag-info.txt');
    fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Payload-Oxum: (\d+)\.(\d+)/, (_m, b, n) => `Payload-Oxum: ${Number(b) + 1}.${n}`));
    const v = await verifyPackage(d);
    expect(v.failure).toMatch(/^Payload-Oxum does not match the payload: .*no payload file was added or deleted: the Payload-Oxum line of bag-info\.txt is what changed$/);
  });
});
