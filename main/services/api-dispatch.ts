import type { EngineMethod, ParsedRequestOf } from '../../shared/ipc/contract';
import type { ResponseOf } from '../../shared/ipc/types';
import type { ShokoService } from './shoko-service';

type Handler<M extends EngineMethod> = (svc: ShokoService, req: ParsedRequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;

/** Every engine method of the contract, mapped to the facade. The compiler checks none is missing. */
const HANDLERS: { [M in EngineMethod]: Handler<M> } = {
  'app.info': (s) => s.appInfo(),
  'case.recent': (s) => s.recent(),
  'case.create': (s, r) => s.createCase(r),
  'case.open': (s, r) => s.openCase(r),
  'case.close': (s) => s.closeCase(),
  'case.current': (s) => s.currentCase(),
  'evidence.list': (s) => s.listEvidence(),
  'evidence.add': (s, r) => s.addEvidence(r),
  'evidence.addScreenshots': (s, r) => s.addScreenshots(r),
  'evidence.metadata': (s, r) => s.evidenceMetadata(r),
  'leaks.preview': (s, r) => s.previewLeaks(r),
  'leaks.import': (s, r) => s.importLeaks(r),
  'leaks.list': (s) => s.leakSets(),
  'scan.start': (s, r) => s.startScan(r),
  'job.cancel': (s, r) => s.cancelJob(r.jobId),
  'pages.list': (s, r) => s.pages(r),
  'hits.list': (s, r) => s.hits(r),
  'hits.summary': (s, r) => s.hitsSummary(r),
  'hits.setStatus': (s, r) => s.setHitStatus(r),
  'hits.bulkSetStatus': (s, r) => s.bulkSetStatus(r),
  'records.list': (s) => s.records(),
  'records.exportCsv': (s) => s.recordsCsv(),
  'records.exportXlsx': (s) => s.recordsXlsx(),
  'case.overview': (s) => s.overview(),
  'redactions.list': (s, r) => s.redactions(r),
  'redactions.add': (s, r) => s.addRedaction(r),
  'redactions.update': (s, r) => s.moveRedaction(r),
  'redactions.delete': (s, r) => s.deleteRedaction(r),
  'redactions.restore': (s, r) => s.restoreRedaction(r),
  'export.start': (s, r) => s.startExport(r),
  'exports.list': (s) => s.exportsList(),
  'package.start': (s, r) => s.startPackage(r),
  'package.verify': (s, r) => s.verifyPackage(r),
  'claims.export': (s) => s.claimsBundle(),
  'timestamp.import': (s, r) => s.importTimestamp(r),
  'custody.list': (s, r) => s.custody(r),
};

/** Runs one already-validated engine request. */
export async function dispatchEngine<M extends EngineMethod>(svc: ShokoService, method: M, req: ParsedRequestOf<M>): Promise<ResponseOf<M>> {
  const handler = HANDLERS[method] as Handler<M>;
  return handler(svc, req);
}
