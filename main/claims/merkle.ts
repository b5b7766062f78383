import { createHash, createHmac } from 'node:crypto';

/**
 * The list commitment's hash tree (docs/claims.md). Domain separation: a leaf hash starts with 0x00, an
 * inner node with 0x01, so a leaf can never pass for a node (the second-preimage trick on Merkle trees).
 * Leaves are sorted bytewise; an odd node at the end of a level is carried up unchanged (never paired
 * with itself, which would let two different leaf lists share a root).
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const SEP = Buffer.from([0x00]);

/**
 * Each record has one secret random salt (kept in the case); each of its fields gets its own salt derived
 * from it, and only that derived salt is disclosed in a claim. So proving a record's e-mail does not let
 * anyone test guesses of the same record's undisclosed birth date or phone against its other leaves.
 */
export function fieldSalt(recordSalt: Uint8Array, field: string): Buffer {
  return createHmac('sha256', recordSalt).update(`shoko-claims/1 field-salt\0${field}`).digest();
}

/** SHA-256(0x00 ‖ field salt ‖ record key ‖ 0x00 ‖ field ‖ 0x00 ‖ normalized value), all text UTF-8. */
export function leafHash(salt: Uint8Array, recordKey: string, field: string, value: string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(salt).update(recordKey, 'utf8').update(SEP)
    .update(field, 'utf8').update(SEP).update(value, 'utf8').digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** One step of a path from a leaf to the root: the sibling, and on which side of the running hash it sits. */
export interface PathStep {
  side: 'left' | 'right';
  hash: string;
}

/**
 * The tree over a list's leaves, kept flat (32 bytes a node): a million-record list has millions of
 * leaves, and a Buffer object per leaf would cost more than the hashes themselves.
 */
export class MerkleTree {
  /** levels[0] = the sorted leaves, levels[last] = the root; each 32 bytes a node. */
  private readonly levels: Buffer[];

  /** `leaves`: n × 32 bytes, any order. */
  constructor(leaves: Buffer) {
    if (leaves.length % 32 !== 0) throw new Error('leaves are not whole SHA-256 values');
    const sorted = sortLeaves(leaves);
    for (let i = 32; i < sorted.length; i += 32) {
      // Two equal leaves would need the same salt, key, field and value: a repeated record key.
      if (sorted.compare(sorted, i - 32, i, i, i + 32) === 0) throw new Error(`duplicate leaf ${sorted.subarray(i, i + 32).toString('hex')}`);
    }
    this.levels = [sorted];
    while (this.levels[this.levels.length - 1].length > 32) {
      const below = this.levels[this.levels.length - 1];
      const n = below.length / 32;
      const up = Buffer.alloc(Math.ceil(n / 2) * 32);
      for (let i = 0; i < n; i += 2) {
        const node = i + 1 < n ? nodeHash(below.subarray(i * 32, i * 32 + 32), below.subarray(i * 32 + 32, i * 32 + 64)) : below.subarray(i * 32, i * 32 + 32);
        node.copy(up, (i / 2) * 32);
      }
      this.levels.push(up);
    }
  }

  get leafCount(): number { return this.levels[0].length / 32; }

  /** The root; an empty tree's root is SHA-256 of nothing, said as such in the docs. */
  get root(): Buffer {
    return this.leafCount === 0 ? createHash('sha256').digest() : Buffer.from(this.levels[this.levels.length - 1]);
  }

  /** The leaf's index in sorted order, or -1. */
  indexOf(leaf: Uint8Array): number {
    const leaves = this.levels[0];
    let lo = 0, hi = this.leafCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = leaves.compare(leaf, 0, 32, mid * 32, mid * 32 + 32);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  has(leaf: Uint8Array): boolean {
    return this.indexOf(leaf) >= 0;
  }

  /** The path from a leaf to the root (empty for a one-leaf tree). */
  path(leaf: Uint8Array): PathStep[] {
    let i = this.indexOf(leaf);
    if (i < 0) throw new Error('leaf not in the tree');
    const steps: PathStep[] = [];
    for (let level = 0; level < this.levels.length - 1; level++) {
      const nodes = this.levels[level];
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling * 32 < nodes.length) {
        steps.push({ side: i % 2 === 0 ? 'right' : 'left', hash: nodes.subarray(sibling * 32, sibling * 32 + 32).toString('hex') });
      }
      i = Math.floor(i / 2);
    }
    return steps;
  }
}

/** Sorts n × 32-byte leaves bytewise (an index sort on the first 8 bytes, ties by the whole leaf). */
function sortLeaves(leaves: Buffer): Buffer {
  const n = leaves.length / 32;
  const hi = new Uint32Array(n), lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = leaves.readUInt32BE(i * 32);
    lo[i] = leaves.readUInt32BE(i * 32 + 4);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (hi[a] - hi[b]) || (lo[a] - lo[b]) || leaves.compare(leaves, b * 32, b * 32 + 32, a * 32, a * 32 + 32));
  const out = Buffer.alloc(leaves.length);
  for (let i = 0; i < n; i++) leaves.copy(out, i * 32, order[i] * 32, order[i] * 32 + 32);
  return out;
}

/** Walks a path from a leaf; the result must equal the committed root. */
export function rootFromPath(leaf: Uint8Array, path: readonly PathStep[]): Buffer {
  let h: Buffer = Buffer.from(leaf);
  for (const step of path) {
    const sib = Buffer.from(step.hash, 'hex');
    if (sib.length !== 32) throw new Error(`path node "${step.hash}" is not a SHA-256 value`);
    if (step.side === 'left') h = nodeHash(sib, h);
    else if (step.side === 'right') h = nodeHash(h, sib);
    else throw new Error(`path step side "${String(step.side)}" is neither left nor right`);
  }
  return h;
}
