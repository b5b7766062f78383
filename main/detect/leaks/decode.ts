import chardet from 'chardet';
import iconv from 'iconv-lite';
import { badInput } from '../../common/errors';
import type { ListSurvey } from './survey';

export type ListEncoding = 'utf-8' | 'shift_jis' | 'euc-jp';
export const ENCODING_CHOICES = ['auto', 'utf-8', 'shift_jis', 'euc-jp'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

const NAMES: Record<ListEncoding, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS', 'euc-jp': 'EUC-JP' };

/**
 * The encoding a list is read in. A UTF-8 BOM, or bytes that are all valid UTF-8, mean UTF-8; otherwise
 * chardet tells Shift_JIS from EUC-JP on the first MiB. A file with some lines in UTF-8 and others in
 * Shift_JIS/EUC-JP (two exports pasted together) is refused with lines of each kind: reading it in either
 * encoding would turn the other half into garbage records. `--encoding utf-8` still reads such a file,
 * reporting the other lines as undecodable rows.
 */
export function chooseEncoding(survey: ListSurvey, choice: EncodingChoice, where: string): ListEncoding {
  if (choice === 'utf-8') return 'utf-8';
  if (survey.utf8Lines.length && survey.legacyLines.length) throw mixedEncodings(survey, choice, where);
  if (choice !== 'auto') return choice;
  return detectedEncoding(survey);
}

/** What `auto` picks for a surveyed file (the wizard shows it beside a forced choice). */
export function detectedEncoding(survey: ListSurvey): ListEncoding {
  if (survey.bom || survey.allUtf8) return 'utf-8';
  // Japanese UTF-8 lines and no line that reads as Shift_JIS/EUC-JP: UTF-8 with a few broken bytes,
  // whose rows are reported.
  if (survey.utf8Lines.length && !survey.legacyLines.length) return 'utf-8';
  return guessLegacy(survey.sample);
}

function mixedEncodings(s: ListSurvey, choice: EncodingChoice, where: string) {
  const counts = { shift_jis: 0, 'euc-jp': 0 };
  for (const l of s.legacyLines) counts[l.encoding]++;
  const other: ListEncoding = choice === 'euc-jp' || (choice === 'auto' && counts['euc-jp'] > counts.shift_jis) ? 'euc-jp' : 'shift_jis';
  const list = (lines: number[], more: boolean) => `${lines.length > 1 || more ? 'lines' : 'line'} ${lines.join(', ')}${more ? ' …' : ''}`;
  const utf8More = s.utf8Lines.length >= 3, otherMore = s.otherLines > s.legacyLines.length;
  return badInput(`${where}: this list mixes encodings: ${list(s.utf8Lines, utf8More)} ${s.utf8Lines.length > 1 || utf8More ? 'are' : 'is'} UTF-8, `
    + `but ${s.otherLines === 1 ? '1 line is' : `${s.otherLines} lines are`} not (${list(s.legacyLines.map((l) => l.line), otherMore)} read as ${NAMES[other]}). `
    + 'Read in one encoding, the other lines would become garbled records, so nothing was imported. Save the whole list in one '
    + 'encoding (UTF-8) and import it again, or give --encoding utf-8 to import the UTF-8 lines and have the others reported as undecodable rows');
}

/** chardet over a sample that is not UTF-8: Shift_JIS (CP932) or EUC-JP. */
function guessLegacy(sample: Buffer): ListEncoding {
  const guesses = chardet.analyse(sample);
  for (const g of guesses) {
    const n = g.name.toLowerCase();
    if (n === 'shift_jis' || n === 'shift-jis' || n === 'windows-31j') return 'shift_jis';
    if (n === 'euc-jp') return 'euc-jp';
  }
  // Mostly-UTF-8 with a few broken bytes: decode as UTF-8 and report those rows.
  return (guesses[0]?.name ?? '').toLowerCase() === 'utf-8' ? 'utf-8' : 'shift_jis';
}

/** The encoding of bytes in memory, as `auto` would choose it (without the mixed-file refusal). */
export function detectEncoding(buf: Buffer): ListEncoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch { /* not UTF-8 */ }
  return guessLegacy(buf.subarray(0, 1 << 20));
}

/**
 * Decodes a list chunk by chunk: a character split between two chunks is completed by the next one.
 * Shift_JIS is decoded as CP932 (Windows' superset with ①, ㈱, NEC/IBM kanji), which is what Japanese
 * Excel writes. Undecodable bytes become U+FFFD; rows holding one are reported. A leading BOM is dropped.
 */
export class ListDecoder {
  private readonly utf8: TextDecoder | null;
  private readonly legacy: { write(b: Buffer): string; end(): string | undefined } | null;
  private atStart = true;

  constructor(readonly encoding: ListEncoding) {
    this.utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }) : null;
    this.legacy = encoding === 'utf-8' ? null : iconv.getDecoder(encoding === 'shift_jis' ? 'cp932' : 'euc-jp');
  }

  write(bytes: Buffer): string {
    return this.start(this.utf8 ? this.utf8.decode(bytes, { stream: true }) : this.legacy!.write(bytes));
  }

  end(): string {
    return this.start(this.utf8 ? this.utf8.decode() : this.legacy!.end() ?? '');
  }

  private start(text: string): string {
    if (!this.atStart || !text) return text;
    this.atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
