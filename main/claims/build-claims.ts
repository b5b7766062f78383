import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import { throwIfCancelled, verificationFailed } from '../common/errors';
import { forEachListedRecord, listLeakSets } from '../detect/leaks/load-list';
import { foldKey } from '../detect/normalize/match-fold';
import { parseHitBoxes } from '../detect/store/hit-boxes';
import { sha256Hex } from '../evidence/hashing';
import type { Box } from '../../shared/model/geometry';
import { loadCommitment, loadSalts, type StoredCommitment } from './claim-store';
import { ADDRESS_REST, CommitmentBuilder, recordClaimPaths, recordLeaves, type CommittedValue } from './commitment';
import { fieldSalt, type PathStep } from './merkle';

export const CLAIMS_FORMAT = 'shoko-claims/1';

/** One place in a book where a claimed value stands. */
export interface ClaimPlace {
  hit: number;
  /** SHA-256 of the book file (the platform checks its own copy against it). */
  item: string;
  itemName: string;
  /** 1 = the first page. */
  page: number;
  boxes: Box[];
  /** The text as it stands on the page. */
  text: string;
  source: string;
  /** Edits between the page text and the listed value (0 = exact; OCR-tolerant matches are > 0). */
  distance: number;
}

/** A record's field shown to be in the committed list: the disclosed value, its field salt and its path to the root. */
export interface Claim {
  record: string;
  field: string;
  value: string;
  /** The field's salt (hex), derived from the record's secret salt; discloses nothing about other fields. */
  salt: string;
  leaf: string;
  path: PathStep[];
  places: ClaimPlace[];
}

export interface ClaimsDoc {
  format: typeof CLAIMS_FORMAT;
  generatedAt: string;
  commitment: { file: 'commitment.json'; sha256: string; root: string; records: number; leaves: number };
  list: { sha256: string; name: string; keyColumn: string | null };
  /** Records with at least one claim. */
  records: number;
  claims: Claim[];
  /** Present records' hits that could not be claimed, and why (said, never dropped silently). */
  unclaimed: { record: string; field: string; hit: number; reason: string }[];
}

export interface ClaimsSet {
  setId: number;
  commitment: StoredCommitment;
  doc: ClaimsDoc;
}

export interface ClaimsBuild {
  sets: ClaimsSet[];
  /** Lists for which no claims could be made, and why. */
  skipped: { setId: number; list: string; reason: string }[];
}

interface HitRow {
  id: number; record_key: string; field: string; text: string; boxes_json: string; page_index: number; source: string; distance: number;
  sha256: string; first_name: string;
}

/**
 * Claims for every record found present (not dismissed): per matched field, the listed normalized value, its
 * field salt, its leaf and its path to the committed root, and every place it stands. The list is re-read
 * (hash-checked) and the whole tree rebuilt from it and the case's salts; a root that differs from the signed
 * one stops the build. Records that are not in the book contribute nothing but their share of the root.
 */
export async function buildClaims(c: CaseHandle, opts: { listPath?: string; signal?: AbortSignal } = {}): Promise<ClaimsBuild> {
  const out: ClaimsBuild = { sets: [], skipped: [] };
  for (const set of listLeakSets(c)) {
    throwIfCancelled(opts.signal);
    const commitment = loadCommitment(c.db, set.id);
    if (!commitment) {
      out.skipped.push({ setId: set.id, list: set.file_name, reason: 'this list was imported before Shoko made commitments; re-import it to commit' });
      continue;
    }
    const hits = c.db.prepare(`SELECT h.id, h.record_key, h.field, h.text, h.boxes_json, h.page_index, h.source, h.distance, e.sha256, e.first_name
      FROM hit h JOIN evidence_item e ON e.id = h.item_id
      WHERE h.kind = 'record' AND h.set_id = ? AND h.present = 1 AND h.status != 'dismissed'
      ORDER BY h.record_key, h.field, h.item_id, h.page_index, h.char_start`).all(set.id) as HitRow[];
    const present = new Set(hits.map((h) => h.record_key));
    const salts = loadSalts(c.db, set.id);
    const builder = new CommitmentBuilder(commitment.statement.records, salts);
    const values = new Map<string, CommittedValue[]>();
    let unsalted = 0;
    try {
      await forEachListedRecord(set, opts.listPath, (key, normalized) => {
        if (!salts.has(key)) unsalted++;
        builder.add(key, normalized);
        if (present.has(key)) values.set(key, recordLeaves(salts.get(key)!, key, normalized));
      });
    } catch (err) {
      out.skipped.push({ setId: set.id, list: set.file_name, reason: (err as Error).message });
      continue;
    }
    const tree = builder.tree();
    if (unsalted > 0 || tree.root.toString('hex') !== commitment.statement.root) {
      throw verificationFailed(`${set.file_name}: the list and the case's salts give root ${tree.root.toString('hex').slice(0, 16)}…, but the signed commitment says ${commitment.statement.root.slice(0, 16)}…${unsalted ? ` (${unsalted} record(s) without a salt)` : ''}; the case or the list has been altered`);
    }

    const doc: ClaimsDoc = {
      format: CLAIMS_FORMAT, generatedAt: now().utc,
      commitment: { file: 'commitment.json', sha256: sha256Hex(commitment.statementBytes), root: commitment.statement.root,
        records: commitment.statement.records, leaves: commitment.statement.leaves },
      list: commitment.statement.list, records: 0, claims: [], unclaimed: [],
    };
    const claims = new Map<string, Claim>();
    // Hits come ordered by record: each record's paths are made from one tree of its own.
    let paths = null as { key: string; of: (leaf: Buffer) => PathStep[] } | null;
    for (const h of hits) {
      const chosen = committedValueFor(values.get(h.record_key) ?? [], h.field, h.text);
      if (!chosen) {
        doc.unclaimed.push({ record: h.record_key, field: h.field, hit: h.id, reason: `no committed ${h.field} value for this record` });
        continue;
      }
      const id = `${h.record_key}\0${chosen.field}\0${chosen.value}`;
      let claim = claims.get(id);
      if (!claim) {
        const salt = salts.get(h.record_key)!;
        claim = { record: h.record_key, field: chosen.field, value: chosen.value, salt: fieldSalt(salt, chosen.field).toString('hex'),
          leaf: chosen.leaf.toString('hex'), path: [], places: [] };
        if (paths?.key !== h.record_key) paths = { key: h.record_key, of: recordClaimPaths(tree, values.get(h.record_key)!) };
        claim.path = paths.of(chosen.leaf);
        claims.set(id, claim);
      }
      claim.places.push({ hit: h.id, item: h.sha256, itemName: h.first_name, page: h.page_index + 1, boxes: parseHitBoxes(h.boxes_json),
        text: h.text, source: h.source, distance: h.distance });
    }
    doc.claims = [...claims.values()];
    doc.records = new Set(doc.claims.map((cl) => cl.record)).size;
    out.sets.push({ setId: set.id, commitment, doc });
  }
  return out;
}

/**
 * Which committed value a hit shows: the one its page text folds to, else (OCR-tolerant matches, an address
 * printed with or without its prefecture) the closest in length among the field's committed forms.
 */
function committedValueFor(values: readonly CommittedValue[], field: string, text: string): CommittedValue | null {
  const forms = values.filter((v) => v.field === field || (field === 'address' && v.field === ADDRESS_REST));
  if (!forms.length) return null;
  const folded = foldKey(text);
  return forms.find((v) => v.value === folded)
    ?? [...forms].sort((a, b) => Math.abs(a.value.length - folded.length) - Math.abs(b.value.length - folded.length))[0];
}
