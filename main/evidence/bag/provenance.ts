import type { CaseFindings } from './case-findings';

/** A file in the bag as provenance describes it. */
export interface ProvenanceFile {
  bagPath: string;
  size: number;
  sha256: string;
  sha512?: string;
  sha1?: string;
  md5?: string;
  itemId?: number;
}

const CONTEXT = {
  kb: 'urn:shoko:kb:',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const dt = (v: string) => ({ '@type': 'xsd:dateTime', '@value': v });
const int = (v: number) => ({ '@type': 'xsd:integer', '@value': String(v) });
const ref = (id: string) => ({ '@id': id });

function hashes(f: { sha256: string; sha512?: string; sha1?: string; md5?: string }) {
  const out = [];
  for (const [method, v] of [['SHA256', f.sha256], ['SHA512', f.sha512], ['SHA1', f.sha1], ['MD5', f.md5]] as const) {
    if (v) out.push({ '@type': 'uco-types:Hash', 'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': method }, 'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': v.toUpperCase() } });
  }
  return out;
}

function fileNode(id: string, name: string, size: number, h: Parameters<typeof hashes>[0], extra: Record<string, unknown> = {}) {
  return {
    '@id': id,
    '@type': 'uco-observable:File',
    'uco-core:hasFacet': [
      { '@type': 'uco-observable:FileFacet', 'uco-observable:fileName': name, 'uco-observable:sizeInBytes': int(size), ...extra },
      { '@type': 'uco-observable:ContentDataFacet', 'uco-observable:sizeInBytes': int(size), 'uco-observable:hash': hashes(h) },
    ],
  };
}

/**
 * The case's actions in CASE/UCO JSON-LD (https://caseontology.org): the tool, the examiner, each
 * evidence file with its hashes and a ProvenanceRecord, every custody event as an InvestigativeAction
 * (acquisition, examination, export, packaging) in the order of the custody chain, and the files of
 * the package that those actions produced.
 */
export function buildProvenance(f: CaseFindings, tool: { name: string; version: string }, bagFiles: readonly ProvenanceFile[]): object {
  const graph: Record<string, unknown>[] = [];
  const caseId = `kb:investigation-${f.case.caseUuid}`;
  graph.push({ '@id': 'kb:tool-shoko', '@type': 'uco-tool:Tool', 'uco-core:name': tool.name, 'uco-tool:version': tool.version, 'uco-tool:toolType': 'forensic triage of ebooks for leaked personal data' });
  const actors = new Map<string, string>();
  const actorId = (name: string) => {
    if (!actors.has(name)) {
      const id = `kb:person-${actors.size + 1}`;
      actors.set(name, id);
      graph.push({ '@id': id, '@type': 'uco-identity:Person', 'uco-core:name': name });
    }
    return actors.get(name)!;
  };
  if (f.case.examiner) actorId(f.case.examiner);
  if (f.case.organization) graph.push({ '@id': 'kb:organization', '@type': 'uco-identity:Organization', 'uco-core:name': f.case.organization });

  const itemFile = new Map<number, string>();
  for (const it of f.items) {
    const i = it.item;
    const id = `kb:evidence-file-${i.sha256}`;
    itemFile.set(i.id, id);
    graph.push(fileNode(id, i.name, i.size, i, { 'uco-observable:mimeType': i.mediaType }));
    graph.push({
      '@id': `kb:provenance-record-item-${i.id}`, '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': String(i.id), 'uco-core:description': `evidence item #${i.id} (${i.mediaLabel})`,
      'uco-core:object': [ref(id)],
    });
  }
  const packaged = bagFiles.map((b, n) => {
    const id = `kb:bag-file-${n + 1}`;
    graph.push(fileNode(id, b.bagPath, b.size, b));
    return { ...b, id };
  });

  // The bag's files are the result of this build, the last package.started in the log; earlier starts
  // belong to other packages or to attempts that ended in package.failed.
  const thisBuild = f.custody.findLast((e) => e.action === 'package.started')?.seq;
  const actionIds: string[] = [];
  for (const e of f.custody) {
    const id = `kb:action-${e.seq}`;
    actionIds.push(id);
    const objects = e.itemId && itemFile.has(e.itemId) ? [ref(itemFile.get(e.itemId)!)] : [];
    const results = e.action === 'evidence.added' && e.itemId ? [ref(`kb:provenance-record-item-${e.itemId}`), ref(itemFile.get(e.itemId)!)] : [];
    if (e.action === 'package.started' && e.seq === thisBuild) results.push(...packaged.map((p) => ref(p.id)));
    const failed = e.action === 'package.failed' ? `; failed: ${String(e.details.reason ?? 'unknown')} (${String(e.details.out ?? '')})` : '';
    graph.push({
      '@id': id, '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': e.action,
      'uco-core:description': `custody event ${e.seq}, chain hash ${e.hash}${failed}`,
      'uco-action:startTime': dt(e.at),
      'uco-action:performer': ref(actorId(e.actor)),
      'uco-action:instrument': ref('kb:tool-shoko'),
      ...(objects.length ? { 'uco-action:object': objects } : {}),
      ...(results.length ? { 'uco-action:result': results } : {}),
    });
  }
  graph.push({
    '@id': caseId, '@type': 'case-investigation:Investigation',
    'uco-core:name': f.case.name,
    ...(f.case.caseNumber ? { 'uco-core:description': `case number ${f.case.caseNumber}` } : {}),
    'case-investigation:focus': 'leaked personal data republished in an ebook',
    'uco-core:object': [...actionIds.map(ref), ...[...itemFile.values()].map(ref)],
  });
  return { '@context': CONTEXT, '@graph': graph };
}
