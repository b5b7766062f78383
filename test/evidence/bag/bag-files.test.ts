import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { listBagFiles, NotAPlainFileError } from '../../../main/evidence/bag/bag-files';
import { validateBagDir } from '../../../main/evidence/bag/bag-validator';
import { BagWriter } from '../../../main/evidence/bag/bag-writer';
import { zipBagDir } from '../../../main/evidence/bag/bag-zip';
import { tmpDir } from '../../helpers/paths';

/** A small real bag written by BagWriter (no case needed for the folder rules). */
function smallBag(): string {
  const dir = path.join(tmpDir('shoko-bagfiles-'), 'bag');
  const bag = new BagWriter(dir);
  bag.addPayloadBytes('b.txt', 'b\n');
  bag.addPayloadBytes('a/z.txt', 'z\n');
  bag.addPayloadBytes('a.txt', 'a\n');
  bag.addPayloadBytes('report/報告.html', '<p>報告</p>\n');
  bag.addTagFile('signature/fingerprint.txt', 'SHA256:00\n');
  bag.finish({
    sourceOrganization: 'org', contactName: 'name', contactEmail: '', externalIdentifier: 'X-1',
    externalDescription: 'test bag', baggingDate: '2026-01-01', bagSoftwareAgent: 'test',
  });
  return dir;
}

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => { names.push(e.fileName); zip.readEntry(); });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

describe('the one folder walk of the bag code', () => {
  it('lists every file as a sorted relative path with / separators', () => {
    const dir = smallBag();
    expect(listBagFiles(dir)).toEqual([
      'bag-info.txt', 'bagit.txt', 'data/a.txt', 'data/a/z.txt', 'data/b.txt', 'data/report/報告.html',
      'manifest-sha256.txt', 'manifest-sha512.txt', 'signature/fingerprint.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sha512.txt',
    ]);
    expect(validateBagDir(dir).ok).toBe(true);
  });

  it('refuses a symbolic link without following it; the validator names it as a failure', () => {
    const dir = smallBag();
    const outside = path.join(path.dirname(dir), 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'not in the bag\n');
    fs.symlinkSync(outside, path.join(dir, 'data', 'linked'));
    expect(() => listBagFiles(dir)).toThrow(NotAPlainFileError);
    expect(() => listBagFiles(dir)).toThrow('data/linked is a symbolic link');
    const v = validateBagDir(dir);
    expect(v.ok).toBe(false);
    expect(v.failure).toBe('bag contains something that is not a plain file or folder: data/linked is a symbolic link');
  });

  it('zips in the walk order under one top folder, and refuses a folder holding a link', async () => {
    const dir = smallBag();
    const zip = path.join(path.dirname(dir), 'bag.zip');
    await zipBagDir(dir, 'top', zip);
    expect(await zipEntries(zip)).toEqual(listBagFiles(dir).map((f) => `top/${f}`));

    fs.symlinkSync(path.join(dir, 'data', 'a.txt'), path.join(dir, 'data', 'a-link.txt'));
    const zip2 = path.join(path.dirname(dir), 'bag2.zip');
    await expect(zipBagDir(dir, 'top', zip2)).rejects.toThrow(`${dir}: data/a-link.txt is a symbolic link; a bag holds only plain files and folders`);
    expect(fs.existsSync(zip2)).toBe(false);
  });

  it('checks each tag manifest with its own algorithm from one hash of each tag file', () => {
    const dir = smallBag();
    const tm512 = path.join(dir, 'tagmanifest-sha512.txt');
    // Alter only the SHA-512 line of bag-info.txt: the SHA-256 manifest still agrees with the file.
    fs.writeFileSync(tm512, fs.readFileSync(tm512, 'utf8').replace(/^[0-9a-f]{128}(?= bag-info\.txt$)/m, 'f'.repeat(128)));
    const v = validateBagDir(dir);
    expect(v.ok).toBe(false);
    expect(v.failure).toMatch(/^tag file altered: bag-info\.txt: sha512 is [0-9a-f]{128}, tagmanifest-sha512\.txt says f{128}$/);
  });
});
