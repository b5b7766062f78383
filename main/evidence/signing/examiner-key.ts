import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ShokoError } from '../../common/errors';
import { shokoHome } from './shoko-home';

export const KEY_FILE = 'examiner-ed25519.pem';

export interface ExaminerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** "SHA256:" + hex of the SHA-256 of the public key's DER SubjectPublicKeyInfo (what `openssl pkey -pubin -outform DER | sha256sum` prints). */
  fingerprint: string;
  file: string;
}

/**
 * The examiner's Ed25519 key: created on first use and kept in the installation's own folder (never in
 * a case, so a case handed to others does not carry it), readable by the owner only.
 */
export function loadOrCreateExaminerKey(home = shokoHome()): ExaminerKey {
  const file = path.join(home, 'keys', KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      // 'wx': two processes creating the key at once keep the first one.
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } catch (err) {
    throw new ShokoError('bad-input', `${file}: the examiner key cannot be read (${(err as Error).message}); restore it from backup or move it away to create a new one`, { cause: err });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ShokoError('bad-input', `${file}: not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string, fingerprint: keyFingerprint(publicKey), file };
}

export function keyFingerprint(publicKey: KeyObject): string {
  return `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/** A raw 64-byte Ed25519 signature (what `openssl pkeyutl -verify -rawin` reads). */
export function signBytes(key: ExaminerKey, data: Uint8Array): Buffer {
  return sign(null, data, key.privateKey);
}

export type SignatureCheck = { ok: true; fingerprint: string } | { ok: false; reason: string };

export function verifySignature(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): SignatureCheck {
  let pub: KeyObject;
  try {
    pub = createPublicKey(publicKeyPem);
  } catch (err) {
    return { ok: false, reason: `public key unreadable (${(err as Error).message})` };
  }
  if (pub.asymmetricKeyType !== 'ed25519') return { ok: false, reason: `public key is ${pub.asymmetricKeyType}, not Ed25519` };
  if (signature.length !== 64) return { ok: false, reason: `signature is ${signature.length} bytes, an Ed25519 signature has 64` };
  return verify(null, data, pub, signature) ? { ok: true, fingerprint: keyFingerprint(pub) } : { ok: false, reason: 'signature does not match tagmanifest-sha256.txt' };
}
