import type { Box } from '../model/geometry';
import type { Progress } from '../model/progress';
import type { Method, RequestOf } from './contract';
import type { CustodyEvent } from '../model/custody';
import type { HitStatus } from '../model/hit-status';
import type { WireError } from './errors';

/** What the running engine can do: pieces not built yet report false and the UI says so. */
export interface Capabilities {
  documents: boolean;
  ocr: boolean;
  leaks: boolean;
  scan: boolean;
  hits: boolean;
  redactions: boolean;
  export: boolean;
  package: boolean;
  timestamp: boolean;
}

export interface AppInfo {
  version: string;
  platform: string;
  /** The OS / browser locale, e.g. 'ja-JP'. */
  locale: string;
  capabilities: Capabilities;
}

export interface CaseSummary {
  dir: string;
  name: string;
  caseNumber: string | null;
  examiner: string | null;
  organization: string | null;
  createdAt: string;
  caseUuid: string;
}

export interface RecentCase {
  dir: string;
  name: string;
  openedAt: string;
  /** false when the folder is gone or no longer a case. */
  exists: boolean;
}

export interface AcquisitionView {
  originalName: string;
  originalPath: string;
  acquiredAt: string;
  /** Local time with its offset, as recorded. */
  acquiredLocal: string;
  source: string | null;
  collector: string | null;
  note: string | null;
}

export interface EvidenceRow {
  id: number;
  name: string;
  mediaType: string;
  mediaLabel: string;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
  protection: string | null;
  extensionMismatch: boolean;
  /** Whether the document engine can open this type at all. */
  supported: boolean;
  /** How its scan went; `partial`: opened, but text may be missing (partialReason says why). */
  readStatus?: 'ok' | 'partial' | 'protected' | 'failed' | 'not-scanned';
  partialReason?: string | null;
  /** What the reader worked around (main/documents ReadNote): a code the UI translates, the detail in English. */
  readNotes?: { code: string; detail: string; partial: boolean }[];
  addedAt: string;
  acquisitions: AcquisitionView[];
}

export interface AddedEvidence {
  id: number;
  name: string;
  sha256: string;
  added: boolean;
  protection: string | null;
}

export interface MetadataView {
  itemId: number;
  available: boolean;
  /** Flat, displayable key/value pairs (title, authors, tools…). */
  fields: { key: string; value: string }[];
  note?: string;
}

export interface LeakPreview {
  file: string;
  sha256: string;
  /** The encoding detected (or the one asked for). */
  encoding: string;
  detectedEncoding: string;
  columns: string[];
  /** field → column, guessed from the headers. */
  mapping: Record<string, string>;
  keyColumn: string | null;
  /** First rows with every value masked (山田 **, y***@example.com). */
  rows: string[][];
  rowCount: number;
  badRows: { line: number; reason: string }[];
}

export interface LeakSetView {
  id: number;
  sha256: string;
  fileName: string;
  records: number;
  columns: Record<string, string>;
  importedAt: string;
}

export interface PageInfo {
  index: number;
  width: number;
  height: number;
  textSource: 'native' | 'ocr' | 'mixed' | 'none';
  needsOcr: boolean;
}

export interface PagesView {
  itemId: number;
  pageCount: number;
  status: 'ok' | 'protected' | 'failed' | 'not-scanned';
  error?: string;
  pages: PageInfo[];
}

export type { HitStatus } from '../model/hit-status';

export interface HitView {
  id: number;
  itemId: number;
  page: number;
  /** 'leak' for list records, else the recognizer type (email, phone_jp, my_number…). */
  kind: string;
  field: string;
  /** Leak record key, null for generic recognizers. */
  recordKey: string | null;
  /** The text found on the page (the examiner reviews it; it is on the page image anyway). */
  text: string;
  boxes: Box[];
  score: number;
  status: HitStatus;
  source: 'native' | 'ocr';
}

/** Every hit of the case (or one item) at once: the CLI-shaped view kept for engine tests; the UI pages through `hits.list`. */
export interface HitsView {
  available: boolean;
  hits: HitView[];
  recordsPresent: number;
  recordsInList: number;
}

/** One page of `hits.list`: hits in page order, and where the next page of results starts. */
export interface HitPage {
  available: boolean;
  hits: HitView[];
  /** How many hits match the filter in all (not only this page of results). */
  total: number;
  /** Pass back as `cursor` for the next page of results; null at the end. */
  nextCursor: string | null;
}

export interface StatusCounts {
  pending: number;
  confirmed: number;
  dismissed: number;
}

/** Counts of one item's hits, computed in SQL by the engine (what badges and filters show). */
export interface HitsSummary {
  itemId: number;
  totals: StatusCounts;
  /** Pages that have hits (sparse), by 0-based page index. */
  pages: ({ page: number } & StatusCounts)[];
  /** 'leak' for list records, else the recognizer type. */
  kinds: ({ kind: string } & StatusCounts)[];
  /** Record fields and recognizer types ('name', 'email', 'phone_jp'…). */
  fields: ({ field: string } & StatusCounts)[];
  /** Listed records with a hit in this item. */
  recordsInItem: number;
  /** Case-wide: records with a hit that is not dismissed (該当), and records in the lists. */
  recordsPresent: number;
  recordsInList: number;
}

/** Which hits one bulk decision is about: by ids, or by page / kind / record / field of one item. */
export interface HitSelector {
  itemId: number;
  ids?: number[];
  page?: number;
  kind?: string;
  recordKey?: string;
  field?: string;
  /** Only hits now in this status (e.g. pending: a bulk confirm leaves dismissed hits alone). */
  onlyStatus?: HitStatus;
}

/** What a bulk decision changed: enough for undo, and the custody event's fingerprint of the ids. */
export interface BulkResult {
  status: HitStatus;
  count: number;
  /** SHA-256 (hex) of the changed hit ids, ascending, joined by ','. */
  idsSha256: string;
  changed: { id: number; from: HitStatus }[];
  /** The custody event written (null when nothing changed). */
  eventSeq: number | null;
}

/** One listed record across the case (its key only: the list's values are never in the case). */
export interface RecordRow {
  key: string;
  setId: number;
  found: boolean;
  hits: number;
  pending: number;
  confirmed: number;
  dismissed: number;
  /** Fields that matched (name, email…). */
  fields: string[];
  /** Where: the first page (0-based) and item, and how many pages. */
  firstItem: number | null;
  firstPage: number | null;
  pageCount: number;
  /** not-found | pending (something left to decide) | confirmed | dismissed (every hit dismissed). */
  status: 'not-found' | 'pending' | 'confirmed' | 'dismissed';
}

export interface RecordsView {
  records: RecordRow[];
  found: number;
  total: number;
}

/** A claims bundle written to exports/ (docs/claims.md): what a platform checks without the list. */
export interface ClaimsExportView {
  /** Relative to the case folder. */
  path: string;
  sha256: string;
  size: number;
  records: number;
  claims: number;
  /** Lists for which no claims could be made, with the reason. */
  skipped: string[];
}

export interface FileWritten {
  /** Relative to the case folder. */
  path: string;
  sha256: string;
  rows: number;
}

/** The case at a glance, and what to do next. */
export interface CaseOverview {
  evidence: { items: number; scanned: number; protected: number; failed: number; notScanned: number; pages: number };
  lists: { sets: number; records: number };
  hits: StatusCounts & { total: number };
  records: { found: number; total: number };
  redactions: number;
  exports: number;
  packages: number;
  custody: { events: number; ok: boolean };
  next: 'add-evidence' | 'import-list' | 'scan' | 'review' | 'export' | 'package' | 'done';
}

export type ExportHits = 'confirmed' | 'not-dismissed';

export interface RedactionView {
  id: number;
  itemId: number;
  page: number;
  box: Box;
  reason: string;
  hitId: number | null;
}

export interface ExportView {
  id: number;
  kind: string;
  path: string;
  sha256: string;
  createdAt: string;
  verified: boolean;
  detail?: string;
}

export interface CheckLineView {
  ok: boolean;
  what: string;
  detail?: string;
  /** The check's machine name and page (1-based), for a line in the UI's language. */
  check?: string;
  page?: number;
}

export interface ExportResult {
  /** Output files; `path` is relative to the case folder (exports/…). */
  outputs: { path: string; sha256: string; name: string; kind: string }[];
  outDir: string;
  /** Regions blackened (hit boxes and hand-drawn boxes). */
  regionCount: number;
  /** Which hits were blackened. */
  hitsChoice: ExportHits;
  /** What was left visible on the exported pages: hits still pending (not blackened) and dismissed hits. */
  left: { pending: number; dismissed: number; pendingPages: number[] };
  verification: { ok: boolean; checks: CheckLineView[]; failure?: string };
}

export interface PackageResult {
  bagPath: string;
  /** SHA-256 of bag.zip, or of the tag manifest for a bag folder (it stands for the whole bag). */
  sha256: string;
  sha256Of: 'zip' | 'tagmanifest';
  keyFingerprint: string;
  files: number;
  verify: { ok: boolean; checks: CheckLineView[]; failure?: string };
}

export interface TimestampResult {
  ok: boolean;
  genTime: string | null;
  message: string;
}

/** What the custody screen shows of an event (the chain link itself is checked in main). */
export type CustodyEventView = Omit<CustodyEvent, 'prevHash'>;

export interface CustodyView {
  /** One page of events (newest last), from `offset`; `total` events in the log. */
  events: CustodyEventView[];
  offset: number;
  total: number;
  chain: { ok: true; events: number; head: string } | { ok: false; events: number; brokenAt: number; reason: string };
}

export interface ScanSummary {
  items: { itemId: number; name: string; status: string; pageCount: number; error?: string; ocrPages?: number; hits?: number }[];
  ok: number;
  /** Read, but text may be missing (coverage below 99.5 % or a reader note). */
  partial?: number;
  protected: number;
  failed: number;
  hits: number;
  /** A name, reading or address the OCR pages show for most found records but not located for some (main/detect/store/unlocated-fields.ts). */
  notSure?: { itemId: number; field: string; records: number; located: number; pages: number[] }[];
}

export interface JobStarted {
  jobId: string;
}

export interface ResponseMap {
  'app.info': AppInfo;
  'case.recent': RecentCase[];
  'case.create': CaseSummary;
  'case.open': CaseSummary;
  'case.close': null;
  'case.current': CaseSummary | null;
  'evidence.list': EvidenceRow[];
  'evidence.add': AddedEvidence[];
  'evidence.addScreenshots': AddedEvidence[];
  'evidence.metadata': MetadataView;
  'leaks.preview': LeakPreview;
  'leaks.import': LeakSetView;
  'leaks.list': LeakSetView[];
  'scan.start': JobStarted;
  'job.cancel': null;
  'pages.list': PagesView;
  'hits.list': HitPage;
  'hits.summary': HitsSummary;
  'hits.setStatus': HitView;
  'hits.bulkSetStatus': BulkResult;
  'records.list': RecordsView;
  'records.exportCsv': FileWritten;
  'records.exportXlsx': FileWritten;
  'case.overview': CaseOverview;
  'redactions.list': RedactionView[];
  'redactions.add': RedactionView;
  'redactions.update': RedactionView;
  'redactions.delete': null;
  'redactions.restore': RedactionView;
  'export.start': JobStarted;
  'exports.list': ExportView[];
  'package.start': JobStarted;
  'package.verify': PackageResult['verify'];
  'claims.export': ClaimsExportView;
  'timestamp.import': TimestampResult;
  'custody.list': CustodyView;
  'dialog.openFiles': string[];
  'dialog.openFolder': string | null;
  'clipboard.write': null;
}

export type ResponseOf<M extends Method> = M extends keyof ResponseMap ? ResponseMap[M] : never;

export type JobKind = 'scan' | 'export' | 'package';
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobEvent {
  type: 'job';
  jobId: string;
  kind: JobKind;
  state: JobState;
  progress?: Progress;
  /** For finished jobs: ExportResult / PackageResult / scan summary. */
  result?: unknown;
  /** The failure's one-line message (also set for a cancelled job). */
  error?: string;
  /** The same failure with its code, for a message in the UI's language. */
  failure?: WireError;
}

export interface CaseChangedEvent {
  type: 'case-changed';
  what: 'evidence' | 'leaks' | 'hits' | 'redactions' | 'exports' | 'custody' | 'case';
}

export type ShokoEvent = JobEvent | CaseChangedEvent;

/** An error as it crosses the boundary: a code, the engine's one-line message, maybe a detail (./errors). */
export type { ErrorCode, WireError } from './errors';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** What the preload (or the e2e test preload) puts on `window.shoko`. */
export interface ShokoApi {
  invoke<M extends Method>(method: M, payload: RequestOf<M>): Promise<ResponseOf<M>>;
  /**
   * The same request, answered as an envelope instead of a throw: an Error thrown across Electron's
   * contextBridge keeps only its message, so the renderer reads the error's code and detail from here.
   */
  request<M extends Method>(method: M, payload: RequestOf<M>): Promise<Envelope<ResponseOf<M>>>;
  /** Subscribes to main → renderer events; returns the unsubscribe function. */
  onEvent(listener: (e: ShokoEvent) => void): () => void;
  /** Base URL of the app's asset protocol: page images and exported files (ends with '/'). */
  assetBase: string;
  /** The file system path of a dropped File (drag and drop), or '' when there is none. */
  pathForFile(file: File): string;
}
