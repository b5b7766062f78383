import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTESTATION_FILES } from '../../../main/evidence/bag/bag-validator';
import { decodeManifestPath, encodeManifestPath, formatManifest, parseManifest } from '../../../main/evidence/bag/manifest-format';
import { safeFileName, UniqueNames } from '../../../main/evidence/bag/safe-names';
import { makeCaseAndBag } from './bag-fixture';

describe('RFC 8493 manifest encoding', () => {
  it('percent-encodes CR, LF and % (and only those) and decodes them back', () => {
    const name = 'data/a%b\r\nc 名簿%0A.txt';
    const enc = encodeManifestPath(name);
    expect(enc).toBe('data/a%25b%0D%0Ac 名簿%250A.txt');
    expect(enc).not.toMatch(/[\r\n]/);
    expect(decodeManifestPath(enc)).toBe(name);
    const text = formatManifest([{ path: name, digest: 'ab' }]);
    expect(text).toBe(`ab ${enc}\n`);
    expect(parseManifest(text, 'm').entries).toEqual([{ path: name, digest: 'ab' }]);
  });

  it('makes original names safe and unique without losing what they were', () => {
    expect(safeFileName('a/b\\c:d*?.epub', 'x')).toBe('a_b_c_d__.epub');
    expect(safeFileName('line\nbreak.pdf', 'x')).toBe('line_break.pdf');
    expect(safeFileName('  *.hidden ', 'x')).toBe('hidden');
    expect(safeFileName('CON.txt', 'x')).toBe('_CON.txt');
    expect(safeFileName('..', 'item-3')).toBe('item-3');
    expect(Buffer.byteLength(safeFileName(`${'長'.repeat(200)}.epub`, 'x'))).toBeLessThanOrEqual(180);
    expect(safeFileName(`${'長'.repeat(200)}.epub`, 'x').endsWith('.epub')).toBe(true);
    const u = new UniqueNames();
    expect([u.take('a.epub'), u.take('A.epub'), u.take('a.epub')]).toEqual(['a.epub', 'A (2).epub', 'a (3).epub']);
  });
});

describe('a built bag follows RFC 8493', () => {
  let bag: string;
  beforeAll(async () => { ({ bag } = await makeCaseAndBag()); });

  it('declares BagIt 1.0 in UTF-8 and writes every tag file with LF endings and no BOM', () => {
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    for (const f of ['bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sha512.txt']) {
      const b = fs.readFileSync(path.join(bag, f));
      expect(b.includes(0x0d), `${f} has CR`).toBe(false);
      expect(b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), `${f} has BOM`).toBe(false);
      expect(b.at(-1)).toBe(0x0a);
    }
  });

  it('names an original whose name holds % with ％ in the bag (bagit-python and sha256sum -c do not decode %25); findings.json keeps the real name', () => {
    const m = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(m).toMatch(/^[0-9a-f]{64} data\/originals\/100％_leak list\.txt$/m);
    expect(m).not.toContain('%');
    expect(fs.existsSync(path.join(bag, 'data/originals/100％_leak list.txt'))).toBe(true);
    const findings = JSON.parse(fs.readFileSync(path.join(bag, 'data/findings.json'), 'utf8'));
    expect(findings.items.map((i: { name: string }) => i.name)).toContain('100%_leak list.txt');
  });

  it('has Payload-Oxum = octets.count of data/ and the required bag-info labels', () => {
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    let bytes = 0; let count = 0;
    const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { if (e.isDirectory()) walk(path.join(d, e.name)); else { bytes += fs.statSync(path.join(d, e.name)).size; count++; } } };
    walk(path.join(bag, 'data'));
    expect(info).toContain(`Payload-Oxum: ${bytes}.${count}\n`);
    for (const label of ['Source-Organization: 試験株式会社', 'Contact-Name: 検査 花子', 'External-Identifier: T-2026-7', 'External-Description: ', 'Bagging-Date: ', 'Bag-Software-Agent: Shoko ', 'Bag-Count: 1 of 1']) {
      expect(info).toContain(label);
    }
    const manifest = fs.readFileSync(path.join(bag, 'manifest-sha512.txt'), 'utf8').trim().split('\n');
    expect(manifest).toHaveLength(count);
  });

  it('tag manifests cover every tag file except tag manifests and the files that attest to them', () => {
    const all: string[] = [];
    const walk = (rel: string) => { for (const e of fs.readdirSync(path.join(bag, rel), { withFileTypes: true })) { const r = rel ? `${rel}/${e.name}` : e.name; if (e.isDirectory()) walk(r); else all.push(r); } };
    walk('');
    const tagFiles = all.filter((f) => !f.startsWith('data/') && !f.startsWith('tagmanifest-') && !ATTESTATION_FILES.includes(f)).sort();
    expect(tagFiles).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'signature/fingerprint.txt', 'signature/public-key.pem']);
    for (const tm of ['tagmanifest-sha256.txt', 'tagmanifest-sha512.txt']) {
      const listed = parseManifest(fs.readFileSync(path.join(bag, tm), 'utf8'), tm).entries.map((e) => e.path).sort();
      expect(listed).toEqual(tagFiles);
    }
    expect(all).toContain('signature/tagmanifest.sig');
    expect(all).toContain('timestamp/tagmanifest.tsq');
  });

  it('copies originals bit-exactly and writes the payload files the design names', () => {
    for (const f of ['data/findings.json', 'data/provenance.jsonld', 'data/custody-log.jsonl', 'data/report/report.html', 'data/report/report.pdf']) {
      expect(fs.existsSync(path.join(bag, f)), f).toBe(true);
    }
    const findings = JSON.parse(fs.readFileSync(path.join(bag, 'data/findings.json'), 'utf8'));
    expect(findings.format).toBe('shoko-findings/1');
    for (const it of findings.items) {
      const copy = fs.readFileSync(path.join(bag, it.bagPath));
      expect(createHash('sha256').update(copy).digest('hex')).toBe(it.sha256);
    }
    const prov = JSON.parse(fs.readFileSync(path.join(bag, 'data/provenance.jsonld'), 'utf8'));
    const types = new Set(prov['@graph'].map((n: { '@type': string }) => n['@type']));
    for (const t of ['case-investigation:InvestigativeAction', 'case-investigation:ProvenanceRecord', 'uco-observable:File', 'uco-tool:Tool']) expect(types.has(t), t).toBe(true);
  });
});
