import { badInput } from '../../common/errors';
import { latin1 } from './bytes';
import { readIndex } from './indx';
import { decoderFor, NULL_INDEX, type MobiHeader } from './mobi-header';
import type { PalmDb } from './palmdb';

/** One XHTML file rebuilt from a skeleton and its fragments. Text is latin1 (one char per byte). */
export interface Kf8File {
  index: number;
  /** Start and end of the file's bytes (skeleton + fragments) in the raw text flow. */
  start: number;
  end: number;
  markup: string;
}

/** A fragment of the FRAG index; kindle:pos:fid links count from its insert position. */
export interface Kf8Fragment {
  insertPos: number;
  /** CNCX selector, e.g. "P-//*[@aid='0']". */
  selector?: string;
  fileNumber: number;
  length: number;
}

export interface Kf8Parts {
  /** Flow 0 is the text (XHTML files); the others are CSS, SVG… (latin1 strings of bytes). */
  flows: string[];
  files: Kf8File[];
  fragments: Kf8Fragment[];
}

const MAX_REASSEMBLY_COPY = 1024 * 1024 * 1024;

const relIndex = (h: MobiHeader, i: number) => h.base + i;

/**
 * Splits the raw KF8 markup into flows (FDST) and rebuilds the XHTML files from the skeleton (SKEL)
 * and fragment (FRAG) indexes (MobileRead wiki "KF8"; calibre reader/mobi8.py): each skeleton is a
 * file's outline, its fragments follow it in the text flow and are inserted at absolute positions.
 */
export function buildKf8Parts(db: PalmDb, h: MobiHeader, raw: Uint8Array): Kf8Parts {
  const text = latin1(raw);
  const flows = readFlows(db, h, text);
  const flow0 = flows[0]!;
  const decodeKey = (b: Uint8Array) => latin1(b);
  if (h.skelIndex === NULL_INDEX || h.fragIndex === NULL_INDEX) {
    throw badInput(`record ${h.base} (KF8 header): no skeleton/fragment index (skeleton ${h.skelIndex}, fragment ${h.fragIndex})`);
  }
  const skel = readIndex(db, relIndex(h, h.skelIndex), decodeKey);
  const frag = readIndex(db, relIndex(h, h.fragIndex), decoderFor(h.codec));

  const fragments: Kf8Fragment[] = frag.entries.map((e, i) => {
    const insertPos = Number(e.key);
    const file = e.tags.get(3)?.[0];
    const pos = e.tags.get(6);
    if (!/^\d{1,12}$/.test(e.key)) {
      throw badInput(`record ${relIndex(h, h.fragIndex)} (FRAG index): fragment ${i} has the non-numeric insert position ${JSON.stringify(e.key)}`);
    }
    if (file === undefined || !pos || pos.length < 2) {
      throw badInput(`record ${relIndex(h, h.fragIndex)} (FRAG index): fragment ${i} lacks its file number or length`);
    }
    const cncxOffset = e.tags.get(2)?.[0];
    return { insertPos, fileNumber: file, length: pos[1]!, selector: cncxOffset === undefined ? undefined : frag.cncx.get(cncxOffset) };
  });

  const files: Kf8File[] = [];
  let fragPtr = 0;
  // Each insertion copies the file's markup; a forged index with very many fragments would make that
  // quadratic, so the total copied is capped far above what real books need (≈ fragments × file size).
  let copied = 0;
  skel.entries.forEach((e, index) => {
    const count = e.tags.get(1)?.[0];
    const pos = e.tags.get(6);
    if (count === undefined || !pos || pos.length < 2) {
      throw badInput(`record ${relIndex(h, h.skelIndex)} (SKEL index): skeleton ${index} lacks its fragment count or position`);
    }
    const [skelPos, skelLen] = pos as [number, number];
    if (skelPos + skelLen > flow0.length) {
      throw badInput(`SKEL index: skeleton ${index} spans ${skelPos}..${skelPos + skelLen}, past the ${flow0.length}-byte text flow`);
    }
    if (fragPtr + count > fragments.length) {
      throw badInput(`SKEL index: skeleton ${index} needs ${count} fragments, only ${fragments.length - fragPtr} are left`);
    }
    let markup = flow0.slice(skelPos, skelPos + skelLen);
    let basePtr = skelPos + skelLen;
    for (let i = 0; i < count; i++) {
      const f = fragments[fragPtr++]!;
      if (basePtr + f.length > flow0.length) {
        throw badInput(`FRAG index: fragment ${fragPtr - 1} (${f.length} bytes at ${basePtr}) runs past the text flow`);
      }
      const insert = f.insertPos - skelPos;
      if (insert < 0 || insert > markup.length) {
        throw badInput(`FRAG index: fragment ${fragPtr - 1} inserts at ${f.insertPos}, outside skeleton ${index} (${skelPos}..${skelPos + markup.length})`);
      }
      copied += markup.length + f.length;
      if (copied > MAX_REASSEMBLY_COPY) {
        throw badInput(`FRAG index: reassembling skeleton ${index} exceeds ${MAX_REASSEMBLY_COPY} bytes of copying (${fragments.length} fragments)`);
      }
      markup = markup.slice(0, insert) + flow0.slice(basePtr, basePtr + f.length) + markup.slice(insert);
      basePtr += f.length;
    }
    files.push({ index, start: skelPos, end: basePtr, markup });
  });
  if (files.length === 0) throw badInput(`SKEL index: the book has no skeleton entries (no text files)`);
  return { flows, files, fragments };
}

/** FDST: a table of (start, end) pairs cutting the raw markup into flows. Without one, a single flow. */
function readFlows(db: PalmDb, h: MobiHeader, text: string): string[] {
  if (h.fdstIndex === NULL_INDEX) return [text];
  const v = db.view(relIndex(h, h.fdstIndex), 'FDST');
  if (v.tag(0) !== 'FDST') throw badInput(`${v.label}: no "FDST" signature`);
  const count = v.u32(8, 'FDST flow count');
  if (count > 10_000) throw badInput(`${v.label}: claims ${count} flows`);
  const flows: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = v.u32(12 + i * 8, 'flow start');
    const end = v.u32(16 + i * 8, 'flow end');
    if (start > end || end > text.length) throw badInput(`${v.label}: flow ${i} spans ${start}..${end}, outside the ${text.length}-byte text`);
    flows.push(text.slice(start, end));
  }
  if (flows.length === 0) throw badInput(`${v.label}: no flows`);
  return flows;
}
