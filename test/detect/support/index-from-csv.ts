import { applyMapOption, guessMapping } from '../../../main/detect/leaks/header-map';
import { readList } from '../../../main/detect/leaks/read-list';
import { normalizeRow } from '../../../main/detect/leaks/record-fields';
import { LeakIndexBuilder } from '../../../main/detect/match/leak-index';
import { Matcher } from '../../../main/detect/match/detect-pages';

/** The in-memory index as the store builds it, from CSV text (key: first column). */
export async function matcherFromCsv(csv: string): Promise<Matcher> {
  const list = await readList('list.csv', Buffer.from(csv, 'utf8'));
  const mapping = applyMapOption(list.headers, guessMapping(list.headers), undefined);
  const b = new LeakIndexBuilder(1, 'test');
  list.forEachRow((row) => b.addRecord(row.cells[0], normalizeRow(row.cells, mapping)));
  return new Matcher(b.build());
}
