import { XMLParser } from 'fast-xml-parser';

/**
 * Parses a small XML document (OPF, container.xml, encryption.xml, FB2 header) into plain objects.
 * Entity declarations are refused outright: an ebook has no use for them and they are the vector of
 * entity-expansion attacks ("billion laughs"); standard entities (&amp; …) still decode.
 */
export function parseXml(text: string, what: string): Record<string, unknown> {
  refuseEntityDeclarations(text, what);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${what}: malformed XML (${(err as Error).message.split('\n')[0]})`);
  }
}

export function refuseEntityDeclarations(text: string, what: string): void {
  if (/<!ENTITY/i.test(text)) throw new Error(`${what}: XML entity declarations refused (entity-expansion risk)`);
}

/** Every node with this (namespace-stripped) name anywhere below `node`, in document order. */
export function findAll(node: unknown, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k.startsWith('@_') || k === '#text') continue;
      if (k === name) for (const x of v as unknown[]) out.push(typeof x === 'object' && x ? (x as XmlNode) : { '#text': [String(x)] });
      visit(v);
    }
  };
  visit(node);
  return out;
}

export type XmlNode = Record<string, unknown>;

export function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The text content of a node (concatenated text children, whitespace-collapsed). */
export function textOf(node: XmlNode): string {
  const parts: string[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (typeof n === 'string' || typeof n === 'number') return void parts.push(String(n));
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) if (!k.startsWith('@_')) visit(v);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
