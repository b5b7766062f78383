/** One numbered schema step. Versions are dense and increasing; the store's user_version records the last applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
