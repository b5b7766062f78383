import type * as mupdf from 'mupdf';
import { sha256Hex } from '../evidence/hashing';
import type { DocumentMetadata, EmbeddedFile } from './types';

/**
 * PDF facts of forensic value: the Info dictionary verbatim, the XMP packet, the tools that made it,
 * and every embedded file (EmbeddedFiles name tree) with its size and SHA-256: attachments are a
 * classic place to hide content.
 */
export function pdfMetadata(doc: mupdf.PDFDocument, warnings: string[]): DocumentMetadata {
  const info: Record<string, string> = {};
  try {
    const dict = doc.getTrailer().get('Info');
    if (dict.isDictionary()) {
      dict.forEach((v, k) => {
        const value = v.resolve();
        info[String(k)] = value.isString() ? value.asString() : value.isName() ? value.asName() : value.toString();
      });
    }
  } catch (err) {
    warnings.push(`Info dictionary unreadable: ${(err as Error).message}`);
  }
  let xmp: string | undefined;
  try {
    const m = doc.getTrailer().get('Root').get('Metadata');
    if (m.isStream()) xmp = m.readStream().asString().slice(0, 200_000);
  } catch (err) {
    warnings.push(`XMP packet unreadable: ${(err as Error).message}`);
  }
  const tools = [info.Creator && `Creator: ${info.Creator}`, info.Producer && `Producer: ${info.Producer}`].filter(Boolean) as string[];
  const xmpTool = xmp?.match(/<xmp:CreatorTool>([^<]*)</)?.[1];
  if (xmpTool) tools.push(`XMP CreatorTool: ${xmpTool}`);
  const dates = [
    info.CreationDate && { event: 'created', value: info.CreationDate },
    info.ModDate && { event: 'modified', value: info.ModDate },
  ].filter(Boolean) as { event: string; value: string }[];
  const identifiers: { scheme: string; value: string }[] = [];
  const docId = xmp?.match(/<xmpMM:DocumentID>([^<]*)</)?.[1];
  if (docId) identifiers.push({ scheme: 'XMP DocumentID', value: docId });
  return {
    format: doc.getMetaData('format') ?? 'PDF',
    title: info.Title || undefined,
    authors: info.Author ? [info.Author] : [],
    language: langOf(doc),
    identifiers,
    dates,
    tools,
    description: info.Subject || undefined,
    pdfInfo: info,
    xmp,
    attachments: embeddedFiles(doc, warnings),
  };
}

function langOf(doc: mupdf.PDFDocument): string | undefined {
  try {
    const l = doc.getTrailer().get('Root').get('Lang');
    return l.isString() ? l.asString() : undefined;
  } catch {
    return undefined;
  }
}

function embeddedFiles(doc: mupdf.PDFDocument, warnings: string[]): EmbeddedFile[] {
  const out: EmbeddedFile[] = [];
  let files: Record<string, mupdf.PDFObject>;
  try {
    files = doc.getEmbeddedFiles();
  } catch (err) {
    warnings.push(`EmbeddedFiles unreadable: ${(err as Error).message}`);
    return out;
  }
  for (const [name, spec] of Object.entries(files)) {
    try {
      const params = doc.getFilespecParams(spec);
      const contents = doc.getEmbeddedFileContents(spec);
      const bytes = contents ? contents.asUint8Array().slice() : new Uint8Array();
      const desc = spec.get('Desc');
      out.push({
        name: params.filename || name,
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
        mimeType: params.mimetype || undefined,
        creationDate: validDate(params.creationDate),
        modificationDate: validDate(params.modificationDate),
        description: desc.isString() ? desc.asString() : undefined,
      });
    } catch (err) {
      warnings.push(`embedded file ${name} unreadable: ${(err as Error).message}`);
    }
  }
  return out;
}

function validDate(d: Date | undefined): string | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) && d.getTime() > 0 ? d.toISOString() : undefined;
}
