import { formatLocal } from '../common/clock';
import type { CaseFindings } from '../evidence/bag/case-findings';

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
  howto: ['Shoko を使わずにハッシュを確認する方法', 'Checking the hashes without Shoko'],
} as const;

const H = (k: keyof typeof REPORT_HEADINGS) => L(REPORT_HEADINGS[k][0], REPORT_HEADINGS[k][1]);

/**
 * The report as one self-contained XHTML file (images inline), in Japanese with English alongside.
 * The same markup is laid out into report.pdf by MuPDF, so both say the same thing.
 */
export function renderReportHtml(ctx: ReportContext): string {
  const f = ctx.findings;
  const local = (utc: string) => formatLocal(utc, ctx.tzOffsetMin);
  const parts: string[] = [];
  parts.push(`<h1>${H('title')}</h1>`);
  parts.push(`<table class="kv">
<tr><th>${L('事件名', 'Case')}</th><td>${esc(f.case.name)}</td></tr>
<tr><th>${L('事件番号', 'Case number')}</th><td>${esc(f.case.caseNumber ?? '—')}</td></tr>
<tr><th>${L('検査者', 'Examiner')}</th><td>${esc(f.case.examiner ?? '—')}</td></tr>
<tr><th>${L('組織', 'Organization')}</th><td>${esc(f.case.organization ?? '—')}</td></tr>
<tr><th>${L('事件作成日時', 'Case created')}</th><td>${mono(local(f.case.createdAt))}</td></tr>
<tr><th>${L('報告書作成日時', 'Report generated')}</th><td>${mono(local(ctx.generatedAt))}</td></tr>
<tr><th>${L('作成ツール', 'Tool')}</th><td>${esc(ctx.tool)}</td></tr>
<tr><td colspan="2">${L('検査者鍵の指紋', 'Examiner key fingerprint')}<br/>${mono(ctx.keyFingerprint)}</td></tr>
<tr><th>${L('事件 UUID', 'Case UUID')}</th><td>${mono(f.case.caseUuid)}</td></tr>
</table>`);

  parts.push(`<h2>${H('summary')}</h2>`);
  const s = f.summary;
  parts.push(`<ul>
<li>${L('証拠品の数', 'Evidence items')}: <b>${s.items}</b></li>
<li>${L('漏えいリストの件数', 'Records in the leak list')}: <b>${s.recordsInList}</b>${f.leakSet ? ` (SHA-256 ${mono(f.leakSet.sha256)})` : ''}</li>
<li>${L('書籍内で確認された漏えいレコード', 'Leaked records found present')}: <b>${s.recordsPresent}</b></li>
<li>${L('検出のあったページ', 'Pages with hits')}: <b>${s.pagesWithHits}</b></li>
<li>${L('その他の個人情報の検出', 'Other personal-data hits')}: <b>${s.piiHits}</b></li>
</ul>
<p class="note">${L('報告書中の個人情報はすべて一部を伏せて表示しています。', 'All personal data in this report is shown masked.')}</p>`);

  parts.push(`<h2>${H('items')}</h2>`);
  for (const it of f.items) {
    const i = it.item;
    const acq = i.acquisitions.map((a, n) => `<tr><th>${L('取得', 'Acquired')} ${n + 1}</th><td>${mono(it.acquiredLocal[n])} ${esc(a.tzName)}<br/>
${L('元のファイル名', 'Original name')}: ${esc(a.originalName)}<br/>${L('入手元', 'Source')}: ${esc(a.source ?? '—')}${a.collector ? `<br/>${L('収集者', 'Collector')}: ${esc(a.collector)}` : ''}${a.note ? `<br/>${L('メモ', 'Note')}: ${esc(a.note)}` : ''}</td></tr>`).join('\n');
    const inBag = ctx.originalNames.get(i.id);
    parts.push(`<h3>#${i.id} ${esc(i.name)}</h3>
<table class="kv">
<tr><th>${L('種類', 'Type')}</th><td>${esc(i.mediaLabel)} (${esc(i.mediaType)})${i.protection ? ` — <b>${L('保護あり', 'protected')}: ${esc(i.protection)}</b>` : ''}</td></tr>
<tr><th>${L('サイズ', 'Size')}</th><td>${i.size.toLocaleString('en-US')} ${L('バイト', 'bytes')}</td></tr>
<tr><td colspan="2">SHA-256<br/>${mono(i.sha256)}</td></tr>
<tr><th>SHA-1</th><td>${mono(i.sha1)}</td></tr>
<tr><th>MD5</th><td>${mono(i.md5)}</td></tr>
<tr><th>${L('パッケージ内', 'In the package')}</th><td>${inBag ? mono(`data/originals/${inBag}`) : L('原本は含まれていません', 'original not included')}</td></tr>
${it.document ? `<tr><th>${L('文書', 'Document')}</th><td>${esc(it.document.format)}, ${it.document.pageCount} ${L('ページ', 'pages')}, ${esc(it.document.status)}${it.document.error ? ` — ${esc(it.document.error)}` : ''}</td></tr>` : ''}
${acq}
</table>`);
  }

  parts.push(`<h2>${H('findings')}</h2>`);
  const present = f.records.filter((r) => r.present);
  if (present.length === 0 && f.records.length === 0) {
    parts.push(`<p>${L('漏えいリストのレコードは検出されませんでした。', 'No record of the leak list was found.')}</p>`);
  } else {
    parts.push(`<table class="grid"><tr><th>${L('レコードキー', 'Record key')}</th><th>${L('判定', 'Present')}</th><th>${L('スコア', 'Score')}</th><th>${L('ページと項目（伏せ字）', 'Pages and fields (masked)')}</th></tr>
${f.records.map((r) => `<tr><td>${esc(r.key)}</td><td>${r.present ? L('あり', 'yes') : L('弱い一致', 'weak')}</td><td>${r.score === null ? '—' : r.score.toFixed(2)}</td><td>${
  r.occurrences.map((o) => `#${o.item} p.${o.page} ${esc(o.field)}: ${esc(o.valueMasked)}`).join('<br/>')}</td></tr>`).join('\n')}
</table>`);
  }
  if (f.pii.length) {
    const byType = new Map<string, number>();
    for (const p of f.pii) byType.set(p.type, (byType.get(p.type) ?? 0) + 1);
    parts.push(`<h3>${L('その他の個人情報（リスト不要の検出）', 'Other personal data (pattern recognizers)')}</h3>
<table class="grid"><tr><th>${L('種類', 'Type')}</th><th>${L('件数', 'Hits')}</th><th>${L('例（伏せ字）', 'Examples (masked)')}</th></tr>
${[...byType].map(([t, n]) => `<tr><td>${esc(t)}</td><td>${n}</td><td>${f.pii.filter((p) => p.type === t).slice(0, 3).map((p) => `#${p.item} p.${p.page}: ${esc(p.valueMasked)}`).join('<br/>')}</td></tr>`).join('\n')}
</table>`);
  }

  parts.push(`<h2>${H('screenshots')}</h2>`);
  if (ctx.screenshots.length === 0) {
    parts.push(`<p>${L('黒塗り済みの出力がないため、画像はありません。', 'No redacted export exists, so no page is shown.')}</p>`);
  } else {
    for (const sc of ctx.screenshots) {
      parts.push(`<div class="shot"><img src="data:image/png;base64,${Buffer.from(sc.png).toString('base64')}" style="width:12cm"/><p>${esc(sc.caption)}</p></div>`);
    }
  }

  parts.push(`<h2>${H('custody')}</h2>
<table class="grid small"><tr><th>#</th><th>${L('日時', 'Time')}</th><th>${L('実施者', 'Actor')}</th><th>${L('操作', 'Action')}</th><th>${L('ハッシュ', 'Hash')}</th></tr>
${f.custody.map((e) => `<tr><td>${e.seq}</td><td>${mono(local(e.at))}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}${e.itemId ? ` (#${e.itemId})` : ''}</td><td>${mono(e.hash.slice(0, 16))}…</td></tr>`).join('\n')}
</table>
<p class="note">${L('各記録のハッシュは直前の記録のハッシュを含みます（data/custody-log.jsonl に全文）。', 'Each event\'s hash covers the previous event\'s hash (full log in data/custody-log.jsonl).')}</p>`);

  parts.push(`<h2>${H('howto')}</h2>
<p>${L('パッケージのフォルダで次のコマンドを実行します。すべて OK なら、ファイルは作成時から変わっていません。', 'Run these in the package folder; if every line says OK, no file changed since the package was made.')}</p>
<p><b>Linux</b></p><pre>sha256sum -c manifest-sha256.txt
sha256sum -c tagmanifest-sha256.txt</pre>
<p><b>macOS</b></p><pre>shasum -a 256 -c manifest-sha256.txt
shasum -a 256 -c tagmanifest-sha256.txt</pre>
<p><b>Windows</b> ${L('（ファイルごとに値を比較）', '(compare each value by eye or script)')}</p><pre>certutil -hashfile data\\originals\\&lt;${esc('file')}&gt; SHA256</pre>
<p>${L('署名の確認（OpenSSL 3）', 'Signature (OpenSSL 3)')}:</p><pre>openssl pkeyutl -verify -pubin -inkey signature/public-key.pem -rawin -in tagmanifest-sha256.txt -sigfile signature/tagmanifest.sig</pre>
<p>${L('タイムスタンプ（TSA の応答を取り込んだ後）', 'Timestamp (once a TSA reply was imported)')}:</p><pre>openssl ts -verify -queryfile timestamp/tagmanifest.tsq -in timestamp/tagmanifest.tsr -CAfile &lt;TSA CA&gt;</pre>
<p>${L('詳細は docs/evidence-package.md を参照してください。', 'See docs/evidence-package.md for details.')}</p>`);

  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"/><title>${esc(REPORT_HEADINGS.title[0])} — ${esc(f.case.name)}</title>
<style>
body { font-family: "IPAexGothic", sans-serif; font-size: 9.5pt; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 8pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 5pt 0; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 9pt 0 3pt 0; }
.en { color: #444; }
table { border-collapse: collapse; margin: 3pt 0; }
table.kv { width: 100%; }
table.kv th { width: 24%; text-align: left; vertical-align: top; padding: 1pt 8pt 1pt 0; font-weight: normal; color: #333; }
table.kv td { width: 76%; }
table.grid th, table.grid td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; }
table.small { font-size: 8pt; }
.mono, pre { font-family: monospace; font-size: 7pt; }
pre { background: #f3f3f3; padding: 4pt; }
.note { font-size: 8.5pt; color: #333; }
.shot img { border: 1px solid #888; }
</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}
