import { useState } from 'react';
import { call, useLoad, useShokoEvents } from '../api';
import { ErrorLine, ScreenHeader } from '../components/common';
import { formatLocal, shortHash } from '../format';
import { useI18n } from '../i18n';

const PAGE = 200;

/** The custody log a page of events at a time (the latest first shown); the chain is checked in main over all of it. */
export function CustodyScreen() {
  const { t } = useI18n();
  // null: follow the latest events; a number: the page the examiner chose.
  const [offset, setOffset] = useState<number | null>(null);
  const log = useLoad(() => call('custody.list', offset === null ? { limit: PAGE } : { offset, limit: PAGE }), [offset]);
  useShokoEvents((e) => { if (e.type === 'case-changed' || (e.type === 'job' && e.state !== 'running')) log.reload(); });
  const chain = log.data?.chain;
  const from = log.data?.offset ?? 0;
  const total = log.data?.total ?? 0;
  const shown = log.data?.events.length ?? 0;
  return (
    <div className="screen">
      <ScreenHeader title={t('custody.title')} />
      <ErrorLine error={log.error} />
      {chain && (chain.ok
        ? <p className="notice notice-ok" data-testid="chain-status">✓ {t('custody.intact', { n: chain.events })} <code title={chain.head}>{shortHash(chain.head, 16)}</code></p>
        : <p className="notice notice-danger" data-testid="chain-status">✕ {t('custody.broken', { n: chain.brokenAt, reason: chain.reason })}</p>)}
      <div className="pager" data-testid="custody-pager">
        <button type="button" className="btn btn-small" disabled={from === 0} onClick={() => setOffset(0)}>{t('custody.first')}</button>
        <button type="button" className="btn btn-small" disabled={from === 0} onClick={() => setOffset(Math.max(0, from - PAGE))}>{t('custody.older')}</button>
        <span className="num muted">{t('custody.page', { from: total ? from + 1 : 0, to: from + shown, total })}</span>
        <button type="button" className="btn btn-small" disabled={from + shown >= total} onClick={() => setOffset(from + PAGE)}>{t('custody.newer')}</button>
        <button type="button" className="btn btn-small" disabled={from + shown >= total} onClick={() => setOffset(null)}>{t('custody.last')}</button>
      </div>
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
                <td className="nowrap" title={e.at}>{formatLocal(e.at)}</td>
                <td translate="no">{e.actor}</td>
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

// Review events name the hit and page (one decision) or the count and the ids' SHA-256 (a bulk decision).
const KEYS = ['hitId', 'page', 'from', 'status', 'count', 'idsSha256', 'name', 'originalName', 'sha256', 'fileName', 'records', 'rows', 'pages', 'hits', 'path', 'bag', 'format'];

function DetailsSummary({ details }: { details: Record<string, unknown> }) {
  const parts = KEYS.filter((k) => details[k] !== undefined && details[k] !== null && (typeof details[k] !== 'object' || k === 'pages'))
    .slice(0, 5).map((k) => `${k}: ${/sha256/i.test(k) ? shortHash(String(details[k]), 16) : Array.isArray(details[k]) ? (details[k] as unknown[]).join('–') : String(details[k])}`);
  return <span title={JSON.stringify(details, null, 1)} className="muted">{parts.join(' · ') || Object.keys(details).slice(0, 4).join(', ')}</span>;
}
