import fs from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { badInput, notFound } from '../../common/errors';
import { shokoHome } from '../signing/shoko-home';
import { toArrayBuffer } from './timestamp-request';

/**
 * Trust anchors for RFC 3161 replies: the CA certificates of the TSAs one trusts (in Japan, the
 * accredited time-stamping services, 認定タイムスタンプ). Given per command (--ca-file) or kept in the
 * installation's trust store, $SHOKO_HOME/trust/tsa/*.pem|*.crt|*.cer. Without any, a reply's
 * signature can be checked with the certificate it carries, but not whose certificate that is.
 */
export interface TrustAnchors {
  certs: pkijs.Certificate[];
  /** Files the certificates came from (for messages). */
  sources: string[];
}

export function trustStoreDir(home = shokoHome()): string {
  return path.join(home, 'trust', 'tsa');
}

/** Certificates from the given files, or (when none is given) from the installation's trust store. */
export function loadTrustAnchors(files: readonly string[] = []): TrustAnchors {
  const sources = files.length ? files.map((f) => path.resolve(f)) : storeFiles();
  const certs: pkijs.Certificate[] = [];
  for (const f of sources) {
    if (!fs.existsSync(f)) throw notFound(`${f}: no such CA certificate file`);
    const found = parseCertificates(fs.readFileSync(f), f);
    if (found.length === 0) throw badInput(`${f}: holds no X.509 certificate (PEM or DER)`);
    certs.push(...found);
  }
  return { certs, sources };
}

function storeFiles(): string[] {
  const dir = trustStoreDir();
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => /\.(pem|crt|cer)$/i.test(n)).sort().map((n) => path.join(dir, n));
}

function parseCertificates(buf: Buffer, file: string): pkijs.Certificate[] {
  const text = buf.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  const ders = blocks.length ? blocks : [buf];
  try {
    return ders.map((d) => pkijs.Certificate.fromBER(toArrayBuffer(d)));
  } catch (err) {
    if (blocks.length) throw badInput(`${file}: a certificate cannot be read (${(err as Error).message})`);
    return [];
  }
}
