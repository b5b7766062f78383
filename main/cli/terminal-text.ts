/**
 * Text bound for a terminal. File names and ZIP entry names in evidence are chosen by whoever made the
 * book: an ESC sequence could rewrite the screen, a BEL ring, a CR overwrite the line before. Every control
 * character but line feed and tab is shown escaped (\e, \r, \x07, \u0085 …); JSON output is already safe.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, escapeControl);
}

/** One value (a name) on one line: line feeds and tabs escaped too, so a name cannot forge a line. */
export function oneLineName(name: string): string {
  return terminalSafe(name).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function escapeControl(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x1b) return '\\e';
  if (c === 0x0d) return '\\r';
  if (c === 0) return '\\0';
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}
