/** One custody-log event as stored and chained (hash = SHA-256 of prevHash and the event's canonical JSON). */
export interface CustodyEvent {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actor: string;
  action: string;
  itemId: number | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
