import { call, useLoad, useShokoEvents } from '../api';
import { ErrorLine, ScreenHeader } from '../components/common';
import { formatUtc, shortHash } from '../format';
import { useI18n } from '../i18n';

export function CustodyScreen() {
  const { t } = useI18n();
  const log = useLoad(() => call('custody.list', {}), []);
  useShokoEvents((e) => { if (e.type === 'case-changed' || (e.type === 'job' && e.state !== 'running')) log.reload(); });
  const chain = log.data?.chain;
  return (
    <div className="screen">
      <ScreenHeader title={t('custody.title')} />
      <ErrorLine error={log.error} />
      {chain && (chain.ok
        ? <p className="notice notice-ok" data-testid="chain-status">✓ {t('custody.intact', { n: chain.events, head: shortHash(chain.head, 16) })}</p>
        : <p className="notice notice-danger" data-testid="chain-status">✕ {t('custody.broken', { n: chain.brokenAt, reason: chain.reason })}</p>)}
      <div className="table-wrap">
        <table className="table compact" data-testid="custody-table">
          <thead>
            <tr><th className="num">{t('custody.col.seq')}</th><th>{t('custody.col.at')}</th><th>{t('custody.col.actor')}</th><th>{t('custody.col.action')}</th>
              <th className="num">{t('custody.col.item')}</th><th>{t('custody.col.details')}</th><th>{t('custody.col.hash')}</th></tr>
          </thead>
          <tbody>
            {log.data?.events.map((e) => (
              <tr key={e.seq} className={chain && !chain.ok && chain.brokenAt === e.seq ? 'row-bad' : ''}>
                <td className="num">{e.seq}</td>
                <td className="nowrap">{formatUtc(e.at)}</td>
                <td>{e.actor}</td>
                <td><span className="tag">{e.action}</span></td>
                <td className="num">{e.itemId ?? ''}</td>
                <td className="details-cell"><DetailsSummary details={e.details} /></td>
                <td><code title={e.hash}>{shortHash(e.hash, 10)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const KEYS = ['name', 'originalName', 'sha256', 'fileName', 'records', 'pages', 'hits', 'status', 'path', 'bag', 'format'];

function DetailsSummary({ details }: { details: Record<string, unknown> }) {
  const parts = KEYS.filter((k) => details[k] !== undefined && details[k] !== null && typeof details[k] !== 'object')
    .slice(0, 3).map((k) => `${k}: ${k === 'sha256' ? shortHash(String(details[k]), 16) : String(details[k])}`);
  return <span title={JSON.stringify(details, null, 1)} className="muted">{parts.join(' · ') || Object.keys(details).slice(0, 4).join(', ')}</span>;
}
