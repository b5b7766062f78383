import { foldKey } from '../detect/normalize/match-fold';
import { sha256Hex } from '../evidence/hashing';
import { keyFingerprint, verifySignature } from '../evidence/signing/examiner-key';
import { createPublicKey } from 'node:crypto';
import type { CommitmentStatement } from './commitment';
import type { ClaimsDoc } from './build-claims';
import { leafHash, rootFromPath } from './merkle';

export interface ClaimCheck {
  list: string;
  record: string;
  field: string;
  pages: string;
  ok: boolean;
  reason?: string;
  /** Whether each place's text folds to the claimed value (false for OCR-tolerant matches). */
  textExact: boolean;
}

export interface ClaimsVerdict {
  /** False when a list's commitment or any claim fails. */
  ok: boolean;
  lists: { dir: string; ok: boolean; problems: string[]; root?: string; records?: number; examinerKey?: string }[];
  claims: ClaimCheck[];
  /** Books named in claims, by SHA-256, with their names. */
  books: Map<string, string>;
}

/**
 * Checks a claims folder as verify_claims.py does, file by file: each list's commitment against its
 * signature and key, then each claim's leaf (recomputed from salt, record key, field and value) and its path
 * to the signed root. `read` gives a file's bytes by path relative to the folder, or null when absent.
 */
export function verifyClaims(read: (rel: string) => Buffer | null, listDirs: readonly string[]): ClaimsVerdict {
  const verdict: ClaimsVerdict = { ok: true, lists: [], claims: [], books: new Map() };
  if (!listDirs.length) {
    verdict.ok = false;
    verdict.lists.push({ dir: '.', ok: false, problems: ['no list-*/claims.json in this folder'] });
  }
  for (const dir of listDirs) {
    const problems: string[] = [];
    const need = (name: string) => {
      const b = read(`${dir}/${name}`);
      if (!b) problems.push(`${dir}/${name} is missing`);
      return b;
    };
    const claimsBytes = need('claims.json'), statementBytes = need('commitment.json'), sig = need('commitment.sig'), pem = need('public-key.pem');
    if (!claimsBytes || !statementBytes || !sig || !pem) {
      verdict.ok = false;
      verdict.lists.push({ dir, ok: false, problems });
      continue;
    }
    let doc: ClaimsDoc, statement: CommitmentStatement;
    try {
      doc = JSON.parse(claimsBytes.toString('utf8')) as ClaimsDoc;
      statement = JSON.parse(statementBytes.toString('utf8')) as CommitmentStatement;
    } catch (err) {
      verdict.ok = false;
      verdict.lists.push({ dir, ok: false, problems: [`unreadable JSON (${(err as Error).message})`] });
      continue;
    }
    const sigCheck = verifySignature(pem.toString('utf8'), statementBytes, sig);
    if (!sigCheck.ok) problems.push(`commitment signature: ${sigCheck.reason.replace('tagmanifest-sha256.txt', 'commitment.json')}`);
    else if (sigCheck.fingerprint !== statement.examinerKey) problems.push(`commitment names key ${statement.examinerKey}, but public-key.pem is ${sigCheck.fingerprint}`);
    if (sha256Hex(statementBytes) !== doc.commitment?.sha256) problems.push('claims.json refers to another commitment.json (SHA-256 differs)');
    if (doc.commitment?.root !== statement.root) problems.push('claims.json and commitment.json name different roots');
    const root = Buffer.from(String(statement.root), 'hex');
    if (root.length !== 32) problems.push('commitment.json has no SHA-256 root');
    const listOk = problems.length === 0;
    verdict.lists.push({ dir, ok: listOk, problems, root: statement.root, records: statement.records, examinerKey: safeFingerprint(pem) });
    if (!listOk) verdict.ok = false;

    for (const cl of Array.isArray(doc.claims) ? doc.claims : []) {
      const pages = (cl.places ?? []).map((p) => p.page).join(', ');
      for (const p of cl.places ?? []) verdict.books.set(p.item, p.itemName);
      const check: ClaimCheck = { list: dir, record: String(cl.record), field: String(cl.field), pages, ok: false, textExact: false };
      try {
        const salt = Buffer.from(cl.salt, 'hex');
        if (salt.length !== 32) throw new Error('salt is not 32 bytes');
        const leaf = leafHash(salt, cl.record, cl.field, cl.value);
        if (leaf.toString('hex') !== cl.leaf) throw new Error('leaf does not match salt, record, field and value');
        if (!listOk) throw new Error('the commitment itself did not verify');
        if (!rootFromPath(leaf, cl.path).equals(root)) throw new Error('path does not lead to the committed root');
        check.ok = true;
        check.textExact = (cl.places ?? []).every((p) => foldKey(p.text) === cl.value);
      } catch (err) {
        check.reason = (err as Error).message;
        verdict.ok = false;
      }
      verdict.claims.push(check);
    }
  }
  return verdict;
}

function safeFingerprint(pem: Buffer): string | undefined {
  try {
    return keyFingerprint(createPublicKey(pem.toString('utf8')));
  } catch {
    return undefined;
  }
}
