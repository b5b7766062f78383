// Screenshot sets are named like "IMG_2.png", "IMG_10.png": numeric-aware, case-insensitive order.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function naturalSort(names: readonly string[]): string[] {
  return [...names].sort(naturalCompare);
}
