import type { Box } from '../../../shared/model/geometry';

/**
 * The boxes of a stored hit (`hit.boxes_json`): a list of [x0, y0, x1, y1] in page units. A single
 * bare box is read as a list of one; anything malformed yields no boxes rather than a crash, so one
 * damaged row cannot stop a report or an export.
 */
export function parseHitBoxes(v: unknown): Box[] {
  try {
    const parsed = JSON.parse(String(v)) as unknown;
    if (!Array.isArray(parsed)) return [];
    if (parsed.length === 4 && parsed.every((n) => typeof n === 'number')) return [parsed as Box];
    return parsed.filter((b): b is Box => Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number'));
  } catch {
    return [];
  }
}
