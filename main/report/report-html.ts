import type { CaseFindings, RecordFinding } from '../evidence/bag/case-findings';
import { fieldLabel, shortFieldLabel } from './field-labels';
import { reportTime, reportTimeShort } from './report-time';
import { VERIFY_COMMANDS } from './verify-instructions';
import { readNoteLabel } from './read-note-labels';

export interface ReportScreenshot {
  caption: string;
  png: Uint8Array;
}

export interface ReportContext {
  findings: CaseFindings;
  /** When the package was made (UTC ISO) and the examiner's offset. */
  generatedAt: string;
  tzOffsetMin: number;
  tool: string;
  keyFingerprint: string;
  includeOriginals: boolean;
  screenshots: ReportScreenshot[];
  /** Name of each item's copy in data/originals/, by item id. */
  originalNames: Map<number, string>;
}

const esc = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A bilingual label: Japanese first, English after a slash. */
const L = (ja: string, en: string): string => `${esc(ja)} <span class="en">/ ${esc(en)}</span>`;
const mono = (s: unknown) => `<span class="mono">${esc(s)}</span>`;

export const REPORT_HEADINGS = {
  title: ['証拠パッケージ報告書', 'Evidence package report'],
  summary: ['事件の概要', 'Case summary'],
  items: ['証拠品', 'Evidence items'],
  findings: ['検出結果', 'Findings'],
  screenshots: ['黒塗り済みの主要ページ', 'Redacted key pages'],
  custody: ['保管記録（チェーン・オブ・カストディ）', 'Chain of custody'],
  howto: ['Shoko を使わずに確認する方法', 'Checking without Shoko'],
} as const;

const H = (k: keyof typeof REPORT_HEADINGS) => L(REPORT_HEADINGS[k][0], REPORT_HEADINGS[k][1]);

/**
 * The report in parts: flowing text, and long tables whose header row must head every page they run
 * over. report.html joins them into one page (the header in <thead>, which browsers repeat when
 * printing); report.pdf lays each table out page by page with its header on each (report-pdf.ts).
 */
export type ReportSection =
  | { kind: 'flow'; html: string }
  | { kind: 'table'; before: string; className: string; head: string; rows: string[]; after?: string };

export function reportSections(ctx: ReportContext): ReportSection[] {
  const f = ctx.findings;
  const out: ReportSection[] = [];
  const flow = (html: string) => out.push({ kind: 'flow', html });
  const s = f.summary;
  const last = f.custody[f.custody.length - 1];

  // Summary first: what a reader needs before any detail.
  flow(`<h1>${H('title')}</h1>
<table class="kv">
<tr><th>${L('事件名', 'Case')}</th><td>${esc(f.case.name)}</td></tr>
<tr><th>${L('事件番号', 'Case number')}</th><td>${esc(f.case.caseNumber ?? '—')}</td></tr>
<tr><th>${L('検査者', 'Examiner')}</th><td>${esc(f.case.examiner ?? '—')}</td></tr>
<tr><th>${L('組織', 'Organization')}</th><td>${esc(f.case.organization ?? '—')}</td></tr>
<tr><th>${L('事件作成日時', 'Case created')}</th><td>${esc(reportTime(f.case.createdAt))}</td></tr>
<tr><th>${L('報告書作成日時', 'Report generated')}</th><td>${esc(reportTime(ctx.generatedAt))}</td></tr>
<tr><th>${L('作成ツール', 'Tool')}</th><td>${esc(ctx.tool)}</td></tr>
<tr><td colspan="2">${L('検査者鍵の指紋', 'Examiner key fingerprint')}<br/>${mono(ctx.keyFingerprint)}</td></tr>
<tr><th>${L('事件 UUID', 'Case UUID')}</th><td>${mono(f.case.caseUuid)}</td></tr>
</table>
<h2>${H('summary')}</h2>
<ul>
<li>${L('証拠品の数', 'Evidence items')}: <b>${s.items}</b></li>
<li>${L('漏えいリストの件数', 'Records in the leak list')}: <b>${s.recordsInList.toLocaleString('en-US')}</b>${f.leakSet ? `<br/>SHA-256 ${mono(f.leakSet.sha256)}` : ''}</li>
<li>${L('書籍内で確認された漏えいレコード', 'Leaked records found present')}: <b>${s.recordsPresent.toLocaleString('en-US')}</b>${f.records.length > s.recordsPresent ? ` ${L(`（ほかに弱い一致 ${f.records.length - s.recordsPresent} 件）`, `(and ${f.records.length - s.recordsPresent} weak matches)`)}` : ''}</li>
<li>${L('検出のあったページ', 'Pages with hits')}: <b>${s.pagesWithHits.toLocaleString('en-US')}</b></li>
<li>${L('その他の個人情報の検出', 'Other personal-data hits')}: <b>${s.piiHits.toLocaleString('en-US')}</b></li>
<li>${L('保管記録', 'Custody log')}: ${f.custody.length} ${L('件、最終ハッシュ', 'events, last hash')}<br/>${mono(last?.hash ?? '—')}</li>
</ul>
<p class="note">${L('報告書中の個人情報はすべて一部を伏せて表示しています。すべての出現箇所と座標は data/findings.json にあります。', 'All personal data in this report is shown masked. Every occurrence with its boxes is in data/findings.json.')}</p>
<p class="note">${L('時刻は日本標準時（JST）、括弧内は協定世界時（UTC）です。', 'Times are Japan Standard Time, with UTC in brackets.')}</p>`);

  flow(`<h2>${H('items')}</h2>\n${f.items.map((it) => itemTable(ctx, it)).join('\n')}`);

  // Findings: one compact line per record (complete), the occurrences themselves in findings.json.
  const findingsHead = `<h2>${H('findings')}</h2>`;
  if (f.records.length === 0) {
    flow(`${findingsHead}<p>${L('漏えいリストのレコードは検出されませんでした。', 'No record of the leak list was found.')}</p>`);
  } else {
    const multiItem = f.items.length > 1;
    out.push({
      kind: 'table', className: 'grid compact',
      before: `${findingsHead}<p class="note">${L(`漏えいリストのレコード ${f.records.length.toLocaleString('en-US')} 件（1 行 1 件）。判定「あり」は書籍内に掲載されていると判断したもの。`, `${f.records.length} leak-list records, one per line; "present" means judged republished in the book.`)}</p>`,
      head: `<tr><th>No.</th><th>${L('レコードキー', 'Record key')}</th><th>${L('判定', 'Present')}</th><th>${L('スコア', 'Score')}</th><th>${L('出現', 'Hits')}</th><th>${L('ページ', 'Pages')}</th><th>${L('項目と例（伏せ字）', 'Fields, example (masked)')}</th></tr>`,
      rows: f.records.map((r, n) => recordRow(r, n + 1, multiItem)),
    });
  }
  if (f.pii.length) {
    const byType = new Map<string, typeof f.pii>();
    for (const p of f.pii) {
      const list = byType.get(p.type);
      if (list) list.push(p); else byType.set(p.type, [p]);
    }
    out.push({
      kind: 'table', className: 'grid compact',
      before: `<h3>${L('その他の個人情報（リスト不要の検出）', 'Other personal data (pattern recognizers)')}</h3>`,
      head: `<tr><th>${L('種類', 'Type')}</th><th>${L('件数', 'Hits')}</th><th>${L('ページ数', 'Pages')}</th><th>${L('例（伏せ字）', 'Examples (masked)')}</th></tr>`,
      rows: [...byType].map(([t, ps]) => `<tr><td>${esc(fieldLabel(t))}</td><td>${ps.length}</td><td>${new Set(ps.map((p) => `${p.item}:${p.page}`)).size}</td><td>${
        ps.slice(0, 2).map((p) => `#${p.item} p.${p.page}: ${esc(clip(p.valueMasked, 24))}`).join(', ')}</td></tr>`),
    });
  }

  flow(`<h2>${H('screenshots')}</h2>\n${ctx.screenshots.length === 0
    ? `<p>${L('黒塗り済みの出力がないため、画像はありません。', 'No redacted export exists, so no page is shown.')}</p>`
    : ctx.screenshots.map((sc) => `<div class="shot"><img src="data:image/png;base64,${Buffer.from(sc.png).toString('base64')}" style="width:12cm"/><p>${esc(sc.caption)}</p></div>`).join('\n')}`);

  out.push({
    kind: 'table', className: 'grid compact',
    before: `<h2>${H('custody')}</h2><p class="note">${L('各記録のハッシュは直前の記録のハッシュを含みます（全文は data/custody-log.jsonl）。', 'Each event\'s hash covers the previous event\'s hash (full log in data/custody-log.jsonl).')}</p>`,
    head: `<tr><th>#</th><th>${L('日時（JST）', 'Time (JST)')}</th><th>${L('実施者', 'Actor')}</th><th>${L('操作', 'Action')}</th><th>${L('ハッシュ（先頭）', 'Hash (start)')}</th></tr>`,
    rows: f.custody.map((e) => `<tr><td>${e.seq}</td><td>${esc(reportTimeShort(e.at))}</td><td>${esc(clip(e.actor, 16))}</td><td>${esc(e.action)}${e.itemId ? ` (#${e.itemId})` : ''}</td><td>${mono(e.hash.slice(0, 16))}</td></tr>`),
    after: `<p class="note">${L('最終記録', 'Last event')} ${last?.seq ?? 0}: ${mono(last?.hash ?? '—')}</p>`,
  });

  const pre = (lines: readonly string[]) => `<pre>${lines.map(esc).join('\n')}</pre>`;
  flow(`<h2>${H('howto')}</h2>
<p>${L('パッケージのフォルダ（bag.zip は展開後）で実行します。手順の全文は data/report/VERIFY.txt にあります。', 'Run these in the package folder (unzip a bag.zip first). The full steps are in data/report/VERIFY.txt.')}</p>
<p><b>Linux</b></p>${pre(VERIFY_COMMANDS.linux)}
<p><b>macOS</b></p>${pre(VERIFY_COMMANDS.macos)}
<p><b>Windows</b> ${L('（ファイルごとに manifest-sha256.txt の値と比較）', '(compare each value with manifest-sha256.txt)')}</p>${pre(VERIFY_COMMANDS.windows)}
<p>${L('署名の確認（OpenSSL 3）', 'Signature (OpenSSL 3)')}:</p>${pre(VERIFY_COMMANDS.signature)}
<p>${L('鍵の指紋（signature/fingerprint.txt と一致すること）', 'Key fingerprint (must equal signature/fingerprint.txt)')}:</p>${pre(VERIFY_COMMANDS.fingerprint)}
<p>${L('タイムスタンプ（TSA の応答 timestamp/tagmanifest.tsr がある場合。認定タイムスタンプ事業者の CA 証明書で確認します）', 'Timestamp (when a TSA reply was imported; check it against the accredited TSA\'s CA certificate)')}:</p>${pre(VERIFY_COMMANDS.timestamp)}
<p>${L('名簿との照合の主張（data/claims/ がある場合。名簿を受け取らずに、見つかった会員が署名済みの名簿コミットメントに含まれることを確認します。手順は data/claims/README.txt）', 'Claims (when data/claims/ is present: checks that the members found are in the signed list commitment, without the list; steps in data/claims/README.txt)')}:</p>${pre(VERIFY_COMMANDS.claims)}
<p class="note">${L('応答がない場合、時刻は検査者の時計だけに基づきます。信頼できる CA で確認されていない応答について、shoko verify は「TSA not validated against a trusted root」と表示します。', 'Without a reply, times rest on the examiner\'s clock only. For a reply not checked against a trusted CA, shoko verify says "TSA not validated against a trusted root".')}</p>`);
  return out;
}

function itemTable(ctx: ReportContext, it: CaseFindings['items'][number]): string {
  const i = it.item;
  const acq = i.acquisitions.map((a, n) => `<tr><th>${L('取得', 'Acquired')} ${n + 1}</th><td>${esc(reportTime(a.acquiredAt))}<br/>
${L('元のファイル名', 'Original name')}: ${esc(a.originalName)}<br/>${L('入手元', 'Source')}: ${esc(a.source ?? '—')}${a.collector ? `<br/>${L('収集者', 'Collector')}: ${esc(a.collector)}` : ''}${a.note ? `<br/>${L('メモ', 'Note')}: ${esc(a.note)}` : ''}</td></tr>`).join('\n');
  const inBag = ctx.originalNames.get(i.id);
  return `<h3>#${i.id} ${esc(i.name)}</h3>
<table class="kv">
<tr><th>${L('種類', 'Type')}</th><td>${esc(i.mediaLabel)} (${esc(i.mediaType)})${i.protection ? ` — <b>${L('保護あり', 'protected')}: ${esc(i.protection)}</b>` : ''}</td></tr>
<tr><th>${L('サイズ', 'Size')}</th><td>${i.size.toLocaleString('en-US')} ${L('バイト', 'bytes')}</td></tr>
<tr><td colspan="2">SHA-256<br/>${mono(i.sha256)}</td></tr>
<tr><th>SHA-1</th><td>${mono(i.sha1)}</td></tr>
<tr><th>MD5</th><td>${mono(i.md5)}</td></tr>
<tr><th>${L('パッケージ内', 'In the package')}</th><td>${inBag ? mono(`data/originals/${inBag}`) : L('原本は含まれていません', 'original not included')}</td></tr>
${it.document ? `<tr><th>${L('文書', 'Document')}</th><td>${esc(it.document.format)}, ${it.document.pageCount} ${L('ページ', 'pages')}, ${esc(it.document.status)}${it.document.error ? ` — ${esc(it.document.error)}` : ''}</td></tr>` : ''}
${it.document?.coverage != null ? `<tr><th>${L('読取率', 'Coverage')}</th><td>${(Math.floor(it.document.coverage * 10000) / 100).toFixed(2)} %</td></tr>` : ''}
${it.document?.partialReason ? `<tr><th>${L('一部未読', 'Not read whole')}</th><td><b>${L('本文の一部を読み取れていない可能性があります', 'Text may be missing')}</b>: ${esc(it.document.partialReason)}</td></tr>` : ''}
${it.document?.readNotes?.length ? `<tr><th>${L('読取の注記', 'Reader notes')}</th><td>${it.document.readNotes.map((n) => `${n.partial ? '<b>' : ''}${L(readNoteLabel(n.code, 'ja'), readNoteLabel(n.code, 'en'))}${n.partial ? '</b>' : ''}: ${esc(n.detail)}`).join('<br/>')}</td></tr>` : ''}
${acq}
</table>`;
}

/** Fields in the order a reader identifies a person by; the example is the most telling one. */
const EXAMPLE_ORDER = ['email', 'phone', 'phone_jp', 'name', 'address', 'birth_date', 'postal_code', 'name_kana'];

function recordRow(r: RecordFinding, n: number, multiItem: boolean): string {
  const pages = [...new Set(r.occurrences.map((o) => (multiItem ? `#${o.item} p.${o.page}` : `p.${o.page}`)))];
  const shownPages = pages.length > 4 ? `${pages.slice(0, 3).join(', ')} 他${pages.length - 3}` : pages.join(', ');
  const fields = [...new Set(r.occurrences.map((o) => o.field))];
  const example = [...r.occurrences].sort((a, b) => rank(a.field) - rank(b.field))[0];
  const labels = [...new Set(fields.map(shortFieldLabel))].join('・');
  return `<tr><td>${n}</td><td>${esc(clip(r.key, 24))}</td><td>${r.present ? 'あり' : '弱'}</td><td>${r.score === null ? '—' : r.score.toFixed(2)}</td><td>${r.occurrences.length}</td><td>${esc(shownPages)}</td><td>${esc(labels)}${example ? ` ${esc(clip(example.valueMasked, 26))}` : ''}</td></tr>`;
}

function rank(field: string): number {
  const i = EXAMPLE_ORDER.indexOf(field);
  return i < 0 ? EXAMPLE_ORDER.length : i;
}

/** Keeps a cell on one line; the full value is in findings.json. */
function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

export const REPORT_CSS = `body { font-family: "IPAexGothic", sans-serif; font-size: 9.5pt; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 8pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 5pt 0; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 9pt 0 3pt 0; }
.en { color: #444; }
table { border-collapse: collapse; margin: 3pt 0; }
table.kv { width: 100%; }
table.kv th { width: 24%; text-align: left; padding: 1pt 8pt 1pt 0; font-weight: normal; color: #333; }
table.kv td { width: 76%; }
table.grid th, table.grid td { border: 1px solid #999; padding: 1pt 3pt; }
table.compact { font-size: 7pt; line-height: 1.25; }
table.compact td, table.compact th { white-space: nowrap; }
.mono, pre { font-family: monospace; font-size: 7pt; }
pre { background: #f3f3f3; padding: 4pt; white-space: pre-wrap; }
.note { font-size: 8.5pt; color: #333; }
.shot img { border: 1px solid #888; }`;

/** One HTML document around a body (the head carries the style both outputs use). */
export function htmlDocument(title: string, body: string, extraCss = ''): string {
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"/><title>${esc(title)}</title>
<style>
${REPORT_CSS}
${extraCss}</style></head>
<body>
${body}
</body></html>
`;
}

export function reportTitle(ctx: ReportContext): string {
  return `${REPORT_HEADINGS.title[0]} — ${ctx.findings.case.name}`;
}

/**
 * The report as one self-contained XHTML file (images inline), in Japanese with English alongside.
 * report.pdf says the same from the same sections.
 */
export function renderReportHtml(ctx: ReportContext): string {
  const body = reportSections(ctx).map((s) => (s.kind === 'flow' ? s.html
    : `${s.before}\n<table class="${s.className}"><thead>${s.head}</thead><tbody>\n${s.rows.join('\n')}\n</tbody></table>${s.after ?? ''}`)).join('\n');
  return htmlDocument(reportTitle(ctx), body);
}
