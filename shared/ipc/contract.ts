import { z } from 'zod';
import { HIT_STATUSES } from '../model/hit-status';

/**
 * The one contract between the renderer and the engine: channel names, the request schema of every
 * method (validated in main before anything runs), and the events main pushes to the renderer.
 * Response and event types live in ./types; both sides import only from shared/.
 */

export { IPC_EVENT, IPC_INVOKE } from './channels';

/** Paths come from dialogs or drag and drop; NUL bytes and absurd lengths are refused outright. */
const filePath = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'path contains a NUL byte');
const itemId = z.number().int().positive();
const pageIndex = z.number().int().min(0).max(100_000);
const shortText = z.string().max(500);
const finite = z.number().finite();
export const boxSchema = z.tuple([finite, finite, finite, finite]).refine((b) => b[2] > b[0] && b[3] > b[1], 'box must have x1 > x0 and y1 > y0');
const jobId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const empty = z.object({}).strict();
/** A hit kind, record field or recognizer type: a short machine name. */
const kindName = z.string().regex(/^[a-z0-9_:-]{1,40}$/);
/** A box edit that is the viewer's undo or redo of an earlier one (said in its custody event). */
const editStep = z.enum(['undo', 'redo']);

import { ENCODINGS } from './vocabulary';

export const requestSchemas = {
  'app.info': empty,
  'case.recent': empty,
  'case.create': z.object({
    dir: filePath,
    name: z.string().trim().min(1).max(200),
    caseNumber: shortText.optional(),
    examiner: shortText.optional(),
    organization: shortText.optional(),
  }).strict(),
  'case.open': z.object({ dir: filePath }).strict(),
  'case.close': empty,
  'case.current': empty,
  'evidence.list': empty,
  'evidence.add': z.object({
    files: z.array(filePath).min(1).max(1000),
    source: shortText.optional(),
    note: shortText.optional(),
    collector: shortText.optional(),
  }).strict(),
  /** A folder of screenshots (one per page) as one evidence item. */
  'evidence.addScreenshots': z.object({
    folder: filePath,
    source: shortText.optional(),
    note: shortText.optional(),
    collector: shortText.optional(),
  }).strict(),
  'evidence.metadata': z.object({ itemId }).strict(),
  'leaks.preview': z.object({ file: filePath, encoding: z.enum(ENCODINGS).optional() }).strict(),
  'leaks.import': z.object({
    file: filePath,
    encoding: z.enum(ENCODINGS),
    /** field → column header */
    mapping: z.record(z.string().min(1).max(64), z.string().min(1).max(200)),
    keyColumn: z.string().min(1).max(200).nullable(),
  }).strict(),
  'leaks.list': empty,
  'scan.start': z.object({ ocr: z.enum(['auto', 'always', 'never']) }).strict(),
  'job.cancel': z.object({ jobId }).strict(),
  'pages.list': z.object({ itemId }).strict(),
  /** Hits of one item in page order, a page of results at a time, filtered in SQL. */
  'hits.list': z.object({
    itemId,
    pageFrom: pageIndex.optional(),
    pageTo: pageIndex.optional(),
    status: z.array(z.enum(HIT_STATUSES)).max(3).optional(),
    kind: kindName.optional(),
    recordKey: shortText.optional(),
    field: kindName.optional(),
    cursor: z.string().regex(/^\d{1,6}:\d{1,9}:\d{1,12}$/).optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  }).strict(),
  'hits.summary': z.object({ itemId }).strict(),
  'hits.setStatus': z.object({ hitId: z.number().int().positive(), status: z.enum(HIT_STATUSES) }).strict(),
  /** One decision over many hits (ONE custody event): by ids, or by page / kind / record / field. */
  'hits.bulkSetStatus': z.object({
    status: z.enum(HIT_STATUSES),
    select: z.object({
      itemId,
      ids: z.array(z.number().int().positive()).min(1).max(200_000).optional(),
      page: pageIndex.optional(),
      kind: kindName.optional(),
      recordKey: shortText.optional(),
      field: kindName.optional(),
      onlyStatus: z.enum(HIT_STATUSES).optional(),
    }).strict(),
  }).strict(),
  'records.list': empty,
  'records.exportCsv': empty,
  /** The same table as an Excel workbook (header frozen, widths set), for the lawyer. */
  'records.exportXlsx': empty,
  'case.overview': empty,
  'redactions.list': z.object({ itemId }).strict(),
  'redactions.add': z.object({ itemId, page: pageIndex, box: boxSchema }).strict(),
  'redactions.update': z.object({ id: z.number().int().positive(), box: boxSchema, step: editStep.optional() }).strict(),
  'redactions.delete': z.object({ id: z.number().int().positive(), step: editStep.optional() }).strict(),
  /** A deleted box back, as a new box (undo of a delete, redo of a draw). */
  'redactions.restore': z.object({ id: z.number().int().positive(), step: editStep.optional() }).strict(),
  'export.start': z.object({
    itemId,
    format: z.enum(['png', 'pdf', 'screenshot']),
    pages: z.array(pageIndex).max(100_000).optional(),
    crop: z.object({ page: pageIndex, box: boxSchema }).strict().optional(),
    /** Screenshot: add a caption line with the case number and date. */
    caption: z.boolean().optional(),
    dpi: z.number().int().min(36).max(600).optional(),
    /** A word in white on each black box: none (default), ja 黒塗り, en REDACTED. */
    label: z.enum(['none', 'ja', 'en']).optional(),
    /** Which hits to blacken: confirmed ones (default) or every hit not dismissed. */
    hits: z.enum(['confirmed', 'not-dismissed']).optional(),
    /** The examiner's acknowledgement that pending hits on the exported pages stay visible. */
    acceptPending: z.boolean().optional(),
  }).strict(),
  'exports.list': empty,
  'package.start': z.object({
    contactName: shortText.optional(),
    contactEmail: shortText.optional(),
    externalDescription: z.string().max(4000).optional(),
    includeOriginals: z.boolean(),
    redactedOnly: z.boolean(),
    zip: z.boolean(),
  }).strict(),
  'package.verify': z.object({ bagPath: filePath }).strict(),
  'claims.export': empty,
  'timestamp.import': z.object({ bagPath: filePath, replyFile: filePath }).strict(),
  'custody.list': z.object({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  // Host services (the window's OS dialogs and clipboard), answered by the shell, not the engine.
  'dialog.openFiles': z.object({ purpose: z.enum(['evidence', 'leaks', 'timestamp']) }).strict(),
  'dialog.openFolder': z.object({ purpose: z.enum(['open-case', 'new-case', 'screenshots']) }).strict(),
  'clipboard.write': z.object({ text: z.string().max(10_000) }).strict(),
} as const;

export type Method = keyof typeof requestSchemas;
export const METHODS = Object.keys(requestSchemas) as Method[];
export type RequestOf<M extends Method> = z.input<(typeof requestSchemas)[M]>;
export type ParsedRequestOf<M extends Method> = z.output<(typeof requestSchemas)[M]>;

/** Methods answered by the host shell (Electron main, or the test bridge) rather than the engine facade. */
export const HOST_METHODS = ['dialog.openFiles', 'dialog.openFolder', 'clipboard.write'] as const satisfies readonly Method[];
export type HostMethod = (typeof HOST_METHODS)[number];
export type EngineMethod = Exclude<Method, HostMethod>;

export function isMethod(x: unknown): x is Method {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, x);
}

export function isHostMethod(m: Method): m is HostMethod {
  return (HOST_METHODS as readonly string[]).includes(m);
}

export type Validated =
  | { ok: true; method: Method; payload: unknown }
  | { ok: false; error: string };

/**
 * Checks one incoming invoke: a known method and a payload that matches its schema exactly
 * (unknown keys refused). The error names the method and the first offending field.
 */
export function validateRequest(method: unknown, payload: unknown): Validated {
  if (!isMethod(method)) return { ok: false, error: `unknown method ${JSON.stringify(String(method)).slice(0, 80)}` };
  const r = requestSchemas[method].safeParse(payload);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'payload';
    return { ok: false, error: `${method}: invalid ${where}: ${issue?.message ?? 'malformed'}` };
  }
  return { ok: true, method, payload: r.data };
}
