import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCaseAndBag } from './bag-fixture';
import { findingsErrors } from './findings-schema';

let findings: Record<string, any>;

beforeAll(async () => {
  const { bag } = await makeCaseAndBag();
  findings = JSON.parse(fs.readFileSync(path.join(bag, 'data/findings.json'), 'utf8'));
});

const mutated = (f: (x: Record<string, any>) => void) => {
  const copy = structuredClone(findings);
  f(copy);
  return findingsErrors(copy);
};

describe('docs/findings.schema.json (strict, checked with ajv + ajv-formats)', () => {
  it('accepts the findings.json a package holds', () => {
    expect(findingsErrors(findings)).toEqual([]);
  });

  it('refuses a misspelt hash name, a negative size, a date that is not a date-time, an unknown field', () => {
    expect(mutated((x) => { x.items[0].sha265 = x.items[0].sha256; }).join('\n')).toMatch(/must NOT have additional properties.*sha265/);
    expect(mutated((x) => { x.items[0].size = -1; }).join('\n')).toMatch(/\/items\/0\/size must be >= 0/);
    expect(mutated((x) => { x.generatedAt = 'yesterday'; }).join('\n')).toMatch(/\/generatedAt must match format "date-time"/);
    expect(mutated((x) => { x.summary.extra = 1; })).not.toEqual([]);
    expect(mutated((x) => { x.case.uuid = 'not-a-uuid'; }).join('\n')).toMatch(/\/case\/uuid must match format "uuid"/);
    expect(mutated((x) => { x.items[0].sha256 = 'ABC'; })).not.toEqual([]);
  });

  it('refuses an occurrence with a page 0 or an unknown field', () => {
    const occ = { item: 1, page: 0, field: 'email', valueMasked: 'a***@example.com', boxes: [[1, 2, 3, 4]], source: 'native', score: 1, status: 'pending' };
    expect(mutated((x) => { x.records = [{ key: 'M1', present: true, score: 1, occurrences: [occ] }]; }).join('\n')).toMatch(/page must be >= 1/);
    expect(mutated((x) => { x.pii = [{ ...occ, page: 1, type: 'email', secret: 'x' }]; }).join('\n')).toMatch(/must NOT have unevaluated properties/);
    expect(mutated((x) => { x.pii = [{ ...occ, page: 1, type: 'email' }]; })).toEqual([]);
  });
});
