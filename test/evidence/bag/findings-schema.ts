// docs/findings.schema.json checked with a real validator (ajv, draft 2020-12, formats), for every bag
// the evidence tests build.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '../../helpers/paths';

let validate: ReturnType<Ajv2020['compile']> | null = null;

export function findingsValidator(): ReturnType<Ajv2020['compile']> {
  if (validate) return validate;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'docs/findings.schema.json'), 'utf8')));
  return validate;
}

/** The schema's errors for a findings object, as readable lines (empty when valid). */
export function findingsErrors(findings: unknown): string[] {
  const v = findingsValidator();
  return v(findings) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** data/findings.json of a bag folder, validated. */
export function bagFindingsErrors(bagDir: string): string[] {
  return findingsErrors(JSON.parse(fs.readFileSync(path.join(bagDir, 'data/findings.json'), 'utf8')));
}
