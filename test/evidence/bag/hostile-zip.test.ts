import { describe, expect, it } from 'vitest';
import { corpusFile } from '../../helpers/paths';
import { runShoko } from '../../helpers/run-cli';

// `shoko verify <bag.zip>` unpacks the zip to check it: a hostile zip is refused before anything lands.
describe('shoko verify on hostile zips', () => {
  it('refuses an entry claiming 2 GiB in a 308-byte zip (zip bomb) and a path-traversal entry, exit 2', () => {
    const bomb = runShoko(['verify', corpusFile('hostile/yauzl-entry-size-overflow.zip')]);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr.trim()).toMatch(/^shoko: .*yauzl-entry-size-overflow\.zip: would unpack to more than \d+ bytes \(zip bomb\?\); not unpacked$/);
    const slip = runShoko(['verify', corpusFile('hostile/yauzl-path-traversal-dotdot.zip')]);
    expect(slip.code).toBe(2);
    expect(slip.stderr).toMatch(/invalid relative path: \.\.\/xt/);
  });
});
