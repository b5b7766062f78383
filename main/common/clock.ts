/** A moment as evidence records it: UTC to the millisecond, plus the examiner's local offset and zone. */
export interface Timestamp {
  /** ISO 8601 UTC, e.g. 2026-11-26T15:23:30.123Z */
  utc: string;
  /** Minutes east of UTC at that moment (Japan: +540). */
  offsetMin: number;
  /** IANA zone name, e.g. Asia/Tokyo. */
  zone: string;
}

export function now(date = new Date()): Timestamp {
  return {
    utc: date.toISOString(),
    offsetMin: -date.getTimezoneOffset(),
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}

/** The same instant written in local time with its offset: 2026-11-27T00:23:30.123+09:00. */
export function formatLocal(utc: string, offsetMin: number): string {
  const local = new Date(Date.parse(utc) + offsetMin * 60_000).toISOString().slice(0, 23);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
