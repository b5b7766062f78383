import fs from 'node:fs';
import { badInput } from '../../common/errors';
import { isUtf8, type FsPath } from '../../evidence/raw-names';

/**
 * Node decodes the command line as UTF-8 and puts U+FFFD where a byte is not UTF-8, so a file named in
 * Shift_JIS reaches `shoko add` as a name that does not exist. The kernel keeps the bytes as given in
 * /proc/self/cmdline (Linux); an argument with U+FFFD is replaced by the raw argument that decodes to it.
 * Elsewhere (macOS and Windows hand over names as Unicode) there is nothing to recover.
 */
export function rawCommandLinePaths(args: readonly string[], cmdline = readCmdline()): FsPath[] {
  if (!args.some((a) => a.includes('\ufffd'))) return [...args];
  if (!cmdline) throw badInput(`${args.find((a) => a.includes('\ufffd'))}: the name holds bytes that are not UTF-8, and this system does not give the command line's bytes; add the folder that holds it with --screenshots, or rename a copy`);
  // The k-th use of a text among the arguments is the k-th raw argument that decodes to it.
  const used = new Map<string, number>();
  return args.map((a) => {
    if (!a.includes('\ufffd')) return a;
    const candidates = cmdline.filter((raw) => raw.toString('utf8') === a);
    const k = used.get(a) ?? 0;
    used.set(a, k + 1);
    const raw = candidates[k];
    if (!raw) throw badInput(`${a}: the name holds bytes that are not UTF-8 and they could not be found on the command line`);
    // A real U+FFFD in a UTF-8 name is text as given.
    return isUtf8(raw) ? a : Buffer.from(raw);
  });
}

/** The process's arguments as bytes, or null where the system does not expose them. */
function readCmdline(): Buffer[] | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync('/proc/self/cmdline');
  } catch {
    return null;
  }
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      out.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}
