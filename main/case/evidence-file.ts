import fs from 'node:fs';
import path from 'node:path';
import { verificationFailed } from '../common/errors';

/**
 * What sits at a name in evidence/, seen with lstat (never through a link). evidence/ holds plain files
 * Shoko wrote there: a symbolic link would make verify hash, and scan/redact/package read, whatever it
 * points at (a copy outside the case verifies while the original is gone), so a link or any other special
 * file (FIFO, device, socket, folder) is refused, never followed.
 */
export type EvidenceEntry =
  | { kind: 'missing' }
  | { kind: 'file'; size: number; nlink: number }
  | { kind: 'link'; target: string }
  | { kind: 'other'; what: string };

export function inspectEvidenceEntry(file: string | Buffer): EvidenceEntry {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  if (st.isFile()) return { kind: 'file', size: st.size, nlink: st.nlink };
  if (st.isSymbolicLink()) {
    let target = '?';
    try { target = fs.readlinkSync(file, 'utf8'); } catch { /* named without its target */ }
    return { kind: 'link', target };
  }
  return { kind: 'other', what: specialKind(st) };
}

function specialKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

/** The entry in words, for a refusal: "a symbolic link to /x/y", "a FIFO (named pipe)". */
export function describeNonFile(e: EvidenceEntry): string {
  if (e.kind === 'link') return `a symbolic link (to ${e.target})`;
  if (e.kind === 'other') return `a ${e.what}, not a file`;
  return e.kind === 'missing' ? 'missing' : 'a file';
}

/**
 * Refuses a link or special file at an evidence path before it is read (exit 1: the case was tampered
 * with, and verify names it). A missing file is left to the caller, which says so in its own words.
 */
export function refuseNonFileEvidence(file: string): void {
  refuseLinkedEvidenceFolder(path.dirname(file));
  const e = inspectEvidenceEntry(file);
  if (e.kind === 'link' || e.kind === 'other') {
    throw verificationFailed(`${file}: is ${describeNonFile(e)}; Shoko never follows links or reads special files in the evidence folder (run 'shoko verify' on the case)`);
  }
}

/** The evidence folder itself may not be a link either: every original would then live outside the case. */
export function refuseLinkedEvidenceFolder(dir: string): void {
  const e = inspectEvidenceEntry(dir);
  if (e.kind === 'link') throw verificationFailed(`${dir}: the evidence folder is ${describeNonFile(e)}; Shoko never follows links in a case's evidence (run 'shoko verify' on the case)`);
}

/**
 * Opens an evidence file for reading without following a link in its last component (O_NOFOLLOW: a
 * link swapped in after a check is refused by the kernel, ELOOP) and without blocking on a FIFO
 * (O_NONBLOCK, no effect on regular files); anything but a regular file is refused.
 */
export function openEvidenceForReading(file: string): number {
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
  let fd: number;
  try {
    fd = fs.openSync(file, flags);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') refuseNonFileEvidence(file);
    throw err;
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    refuseNonFileEvidence(file);
    throw verificationFailed(`${file}: is not a regular file; Shoko reads only plain files in the evidence folder`);
  }
  return fd;
}
