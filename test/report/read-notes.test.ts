import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { collectCaseFindings } from '../../main/evidence/bag/case-findings';
import { addEvidence } from '../../main/evidence/intake';
import { scanCase } from '../../main/pipeline/scan';
import { renderReportHtml } from '../../main/report/report-html';
import { listEvidenceItems } from '../../main/case/evidence-items';
import { getDocument } from '../../main/documents/document-store';
import { toEvidenceRow } from '../../main/services/evidence-view';
import { corpusFile, tmpDir } from '../helpers/paths';

// Issue 12: a vertical-rl book laid out horizontally says so per item in the report, in both languages.
describe('reader notes in the report and the app', () => {
  it('a vertical-rl EPUB shows the horizontal-substitute note on its item', async () => {
    const c = initCase(path.join(tmpDir('shoko-notes-'), 'case'), { name: 'notes' });
    await addEvidence(c, [corpusFile('epub/ja-kusamakura-vertical.epub')]);
    await scanCase(c, { ocr: 'never' });
    const findings = collectCaseFindings(c);
    const notes = findings.items[0].document?.readNotes ?? [];
    expect(notes.map((n) => n.code)).toContain('layout-horizontal-substitute');
    const html = renderReportHtml({ findings, generatedAt: new Date().toISOString(), tzOffsetMin: 540, tool: 'Shoko test',
      keyFingerprint: 'SHA256:00', includeOriginals: false, screenshots: [], originalNames: new Map() });
    expect(html).toContain('縦書きの本を横書きで代替して組版');
    expect(html).toContain('vertical-rl book laid out horizontally as a substitute');
    // The app's evidence list carries the same notes, by code, for its dictionary.
    const item = listEvidenceItems(c.db)[0];
    expect(toEvidenceRow(item, getDocument(c, item.id)).readNotes?.map((n) => n.code)).toContain('layout-horizontal-substitute');
    c.close();
  });
});
