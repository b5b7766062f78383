/**
 * Times as a reader in Japan needs them on paper: JST first, to the second, with UTC beside it
 * (2026-11-26 10:05:00 JST (2026-11-26 01:05:00 UTC)). The stored values stay UTC ISO to the millisecond.
 */
const JST_MIN = 9 * 60;

export function reportTime(utc: string): string {
  const ms = Date.parse(utc);
  if (Number.isNaN(ms)) return utc;
  const j = new Date(ms + JST_MIN * 60_000).toISOString();
  const u = new Date(ms).toISOString();
  return `${j.slice(0, 10)} ${j.slice(11, 19)} JST (${u.slice(0, 10)} ${u.slice(11, 19)} UTC)`;
}

/** The short form used in dense tables: JST only (the table heading says so). */
export function reportTimeShort(utc: string): string {
  const ms = Date.parse(utc);
  if (Number.isNaN(ms)) return utc;
  const j = new Date(ms + JST_MIN * 60_000).toISOString();
  return `${j.slice(0, 10)} ${j.slice(11, 19)}`;
}
