import { createHash } from 'node:crypto';
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

/**
 * A stable UUID (RFC 4122 layout, version 5 bits) for one thing of one case: SHA-256 of the case UUID
 * and the thing's own key. Two cases merged never share an IRI; the same bag always gets the same ones.
 */
export function caseScopedUuid(caseUuid: string, key: string): string {
  const h = createHash('sha256').update(caseUuid).update('\u0000').update(key).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

type Node = Record<string, unknown>;

/** Hashes and facets are identified nodes of their own (CASE 1.4 requires UcoThings not be blank). */
function fileNodes(id: (kind: string, key: string) => string, key: string, name: string, size: number,
  h: { sha256: string; sha512?: string; sha1?: string; md5?: string }, mimeType?: string): { file: string; nodes: Node[] } {
  const nodes: Node[] = [];
  const hashIds: string[] = [];
  for (const [method, v] of [['SHA256', h.sha256], ['SHA512', h.sha512], ['SHA1', h.sha1], ['MD5', h.md5]] as const) {
    if (!v) continue;
    const hid = id('hash', `${key}/${method}`);
    hashIds.push(hid);
    nodes.push({ '@id': hid, '@type': 'uco-types:Hash', 'uco-types:hashMethod': method, 'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': v.toUpperCase() } });
  }
  const fileFacet = id('file-facet', key);
  const contentFacet = id('content-data-facet', key);
  nodes.push({ '@id': fileFacet, '@type': 'uco-observable:FileFacet', 'uco-observable:fileName': name, 'uco-observable:sizeInBytes': int(size) });
  nodes.push({ '@id': contentFacet, '@type': 'uco-observable:ContentDataFacet', 'uco-observable:sizeInBytes': int(size), 'uco-observable:hash': hashIds.map(ref),
    ...(mimeType ? { 'uco-observable:mimeType': mimeType } : {}) });
  const file = id('file', key);
  nodes.unshift({ '@id': file, '@type': 'uco-observable:File', 'uco-core:hasFacet': [ref(fileFacet), ref(contentFacet)] });
  return { file, nodes };
}

/**
 * The case's actions in CASE/UCO JSON-LD (https://caseontology.org): the tool, the examiner, each
 * evidence file with its hashes and a ProvenanceRecord, every custody event as an InvestigativeAction
 * (acquisition, examination, export, packaging) in the order of the custody chain, and the files of
 * the package that those actions produced.
 */
export function buildProvenance(f: CaseFindings, tool: { name: string; version: string }, bagFiles: readonly ProvenanceFile[]): object {
  const id = (kind: string, key: string) => `kb:${kind}-${caseScopedUuid(f.case.caseUuid, `${kind}/${key}`)}`;
  const graph: Node[] = [];
  const caseId = `kb:investigation-${f.case.caseUuid}`;
  const toolId = id('tool', `${tool.name}/${tool.version}`);
  graph.push({ '@id': toolId, '@type': 'uco-tool:Tool', 'uco-core:name': tool.name, 'uco-tool:version': tool.version, 'uco-tool:toolType': 'forensic triage of ebooks for leaked personal data' });
  const actors = new Map<string, string>();
  const actorId = (name: string) => {
    if (!actors.has(name)) {
      const pid = id('person', name);
      actors.set(name, pid);
      graph.push({ '@id': pid, '@type': 'uco-identity:Person', 'uco-core:name': name });
    }
    return actors.get(name)!;
  };
  if (f.case.examiner) actorId(f.case.examiner);
  if (f.case.organization) graph.push({ '@id': id('organization', f.case.organization), '@type': 'uco-identity:Organization', 'uco-core:name': f.case.organization });

  const itemFile = new Map<number, string>();
  const recordId = (itemId: number) => id('provenance-record', `item/${itemId}`);
  for (const it of f.items) {
    const i = it.item;
    const { file, nodes } = fileNodes(id, `evidence/${i.id}/${i.sha256}`, i.name, i.size, i, i.mediaType);
    itemFile.set(i.id, file);
    graph.push(...nodes);
    graph.push({
      '@id': recordId(i.id), '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': String(i.id), 'uco-core:description': `evidence item #${i.id} (${i.mediaLabel})${rawNamesNote(i.acquisitions)}`,
      'uco-core:object': [ref(file)],
    });
  }
  const packaged = bagFiles.map((b) => {
    const { file, nodes } = fileNodes(id, `bag/${b.bagPath}/${b.sha256}`, b.bagPath, b.size, b);
    graph.push(...nodes);
    return { ...b, id: file };
  });

  // The bag's files are the result of this build, the last package.started in the log; earlier starts
  // belong to other packages or to attempts that ended in package.failed.
  const thisBuild = f.custody.findLast((e) => e.action === 'package.started')?.seq;
  const actionIds: string[] = [];
  for (const e of f.custody) {
    const aid = id('action', `${e.seq}/${e.hash}`);
    actionIds.push(aid);
    const objects = e.itemId && itemFile.has(e.itemId) ? [ref(itemFile.get(e.itemId)!)] : [];
    const results = e.action === 'evidence.added' && e.itemId && itemFile.has(e.itemId) ? [ref(recordId(e.itemId)), ref(itemFile.get(e.itemId)!)] : [];
    if (e.action === 'package.started' && e.seq === thisBuild) results.push(...packaged.map((p) => ref(p.id)));
    const failed = e.action === 'package.failed' ? `; failed: ${String(e.details.reason ?? 'unknown')} (${String(e.details.out ?? '')})` : '';
    graph.push({
      '@id': aid, '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': e.action,
      'uco-core:description': `custody event ${e.seq}, chain hash ${e.hash}${failed}`,
      'uco-action:startTime': dt(e.at),
      'uco-action:performer': ref(actorId(e.actor)),
      'uco-action:instrument': ref(toolId),
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

/** Names that are not UTF-8 (Shift_JIS), kept as their bytes: fileName holds the readable form only. */
function rawNamesNote(acqs: ReadonlyArray<{ originalName: string; originalNameBytes?: { hex: string; decodedFrom: string } }>): string {
  const raw = acqs.filter((a) => a.originalNameBytes);
  return raw.map((a) => `; acquired under a name that is not UTF-8: bytes ${a.originalNameBytes!.hex} (shown ${a.originalNameBytes!.decodedFrom === 'cp932' ? 'decoded as Shift_JIS' : 'with bytes escaped'}: ${a.originalName})`).join('');
}
