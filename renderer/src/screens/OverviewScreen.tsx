import type { ReactNode } from 'react';
import type { CaseOverview } from '../../../shared/ipc/types';
import type { ScreenId } from '../App';
import { call, useLoad, useShokoEvents } from '../api';
import { ErrorLine, ScreenHeader } from '../components/common';
import { useI18n, type MessageKey } from '../i18n';

const NEXT_SCREEN: Record<CaseOverview['next'], ScreenId> = {
  'add-evidence': 'evidence', 'import-list': 'leaks', scan: 'scan', review: 'viewer', export: 'export', package: 'package', done: 'custody',
};

/** The first question answered first: what is in the case, what was found, what is left, what next. */
export function OverviewScreen({ onGo }: { onGo: (s: ScreenId) => void }) {
  const { t } = useI18n();
  const o = useLoad(() => call('case.overview', {}), []);
  useShokoEvents((e) => { if (e.type === 'case-changed' || (e.type === 'job' && e.state !== 'running')) o.reload(); });
  const d = o.data;
  return (
    <div className="screen">
      <ScreenHeader title={t('overview.title')} intro={t('overview.intro')} />
      <ErrorLine error={o.error} />
      {d && (
        <>
          <section className="card next-step" data-testid="overview-next" data-next={d.next}>
            <h2>{t('overview.next')}</h2>
            <p>{t(`overview.next.${d.next}` as MessageKey, { n: d.hits.pending })}</p>
            <div className="actions"><button type="button" className="btn btn-primary" onClick={() => onGo(NEXT_SCREEN[d.next])} data-testid="overview-go">{t('overview.go')} →</button></div>
          </section>
          <div className="overview-grid" data-testid="overview">
            <Tile title={t('overview.evidence')} go={() => onGo('evidence')}>
              <p>{t('overview.evidenceLine', d.evidence)}</p>
              {d.evidence.notScanned > 0 && <p className="warn-text">{t('overview.notScanned', { n: d.evidence.notScanned })}</p>}
              {d.evidence.protected > 0 && <p className="warn-text">{t('overview.protected', { n: d.evidence.protected })}</p>}
            </Tile>
            <Tile title={t('overview.list')} go={() => onGo('leaks')}>
              <p>{d.lists.sets ? t('overview.listLine', d.lists) : t('overview.noList')}</p>
            </Tile>
            <Tile title={t('overview.hits')} go={() => onGo('viewer')}>
              <p data-testid="overview-hits">{t('overview.hitsLine', { ...d.hits })}</p>
              {d.hits.total > 0 && <StatusBar c={d.hits} />}
            </Tile>
            <Tile title={t('overview.records')} go={() => onGo('records')}>
              <p className="big-num" data-testid="overview-records">{t('overview.recordsLine', d.records)}</p>
            </Tile>
            <Tile title={t('overview.outputs')} go={() => onGo('export')}>
              <p>{t('overview.outputsLine', { exports: d.exports, packages: d.packages, redactions: d.redactions })}</p>
            </Tile>
            <Tile title={t('overview.custody')} go={() => onGo('custody')}>
              <p className={d.custody.ok ? 'ok-line' : 'error-line'}>{t(d.custody.ok ? 'overview.custodyOk' : 'overview.custodyBad', { n: d.custody.events })}</p>
            </Tile>
          </div>
        </>
      )}
    </div>
  );
}

function Tile({ title, go, children }: { title: string; go: () => void; children: ReactNode }) {
  return (
    <section className="card tile">
      <h2><button type="button" className="link-button" onClick={go}>{title}</button></h2>
      {children}
    </section>
  );
}

/** Pending / confirmed / dismissed as one stacked bar. */
function StatusBar({ c }: { c: { pending: number; confirmed: number; dismissed: number; total: number } }) {
  const w = (n: number) => `${(100 * n) / Math.max(1, c.total)}%`;
  return (
    <div className="status-bar" aria-hidden="true">
      <span className="sb-confirmed" style={{ width: w(c.confirmed) }} />
      <span className="sb-dismissed" style={{ width: w(c.dismissed) }} />
      <span className="sb-pending" style={{ width: w(c.pending) }} />
    </div>
  );
}
