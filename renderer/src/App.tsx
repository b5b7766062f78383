import { useEffect, useRef, useState } from 'react';
import type { AppInfo, CaseOverview, CaseSummary } from '../../shared/ipc/types';
import { call, useShokoEvents } from './api';
import { I18nProvider, localeFrom, useI18n, type Locale, type MessageKey } from './i18n';
import { CustodyScreen } from './screens/CustodyScreen';
import { EvidenceScreen } from './screens/EvidenceScreen';
import { ExportScreen } from './screens/ExportScreen';
import { LeakImportScreen } from './screens/LeakImportScreen';
import { PackageScreen } from './screens/PackageScreen';
import { ScanScreen } from './screens/ScanScreen';
import { StartScreen } from './screens/StartScreen';
import { ViewerScreen, type ReviewTarget } from './screens/ViewerScreen';
import { OverviewScreen } from './screens/OverviewScreen';
import { RecordsScreen } from './screens/RecordsScreen';
import { JobIndicator } from './components/JobIndicator';
import { loadSetting, LOCALES, saveSetting, THEMES, type ThemeChoice } from './settings';

export type ScreenId = 'overview' | 'evidence' | 'leaks' | 'scan' | 'viewer' | 'records' | 'export' | 'package' | 'custody';
const NAV: { id: ScreenId; key: MessageKey }[] = [
  { id: 'overview', key: 'nav.overview' },
  { id: 'evidence', key: 'nav.evidence' },
  { id: 'leaks', key: 'nav.leaks' },
  { id: 'scan', key: 'nav.scan' },
  { id: 'viewer', key: 'nav.viewer' },
  { id: 'records', key: 'nav.records' },
  { id: 'export', key: 'nav.export' },
  { id: 'package', key: 'nav.package' },
  { id: 'custody', key: 'nav.custody' },
];

export function App() {
  const [locale, setLocale] = useState<Locale>(() => loadSetting('locale', LOCALES) ?? localeFrom(navigator.language));
  const [theme, setTheme] = useState<ThemeChoice>(() => loadSetting('theme', THEMES) ?? 'system');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [current, setCurrent] = useState<CaseSummary | null>(null);
  const [screen, setScreen] = useState<ScreenId>('overview');
  const [reviewTarget, setReviewTarget] = useState<ReviewTarget | null>(null);
  const openReview = (target: ReviewTarget) => { setReviewTarget(target); setScreen('viewer'); };

  useEffect(() => {
    void call('app.info', {}).then(setInfo);
    void call('case.current', {}).then(setCurrent);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);
  useShokoEvents((e) => {
    if (e.type === 'case-changed' && e.what === 'case') void call('case.current', {}).then(setCurrent);
  });

  const chooseLocale = (l: Locale) => { setLocale(l); saveSetting('locale', l); };
  const chooseTheme = (th: ThemeChoice) => { setTheme(th); saveSetting('theme', th); };

  return (
    <I18nProvider locale={locale}>
      <div className="app">
        <TopBar current={current} locale={locale} theme={theme} onLocale={chooseLocale} onTheme={chooseTheme}
          onClose={() => { void call('case.close', {}).then(() => setCurrent(null)); }} />
        {!current || !info ? (
          <main className="main-single" id="main">
            <StartScreen onOpened={(c) => { setCurrent(c); setScreen('overview'); }} />
          </main>
        ) : (
          <div className="workspace">
            <Nav screen={screen} onSelect={setScreen} />
            <main className="main" id="main" tabIndex={-1}>
              {screen === 'overview' && <OverviewScreen onGo={setScreen} />}
              {screen === 'evidence' && <EvidenceScreen />}
              {screen === 'leaks' && <LeakImportScreen caps={info.capabilities} />}
              {screen === 'scan' && <ScanScreen caps={info.capabilities} onReview={() => setScreen('viewer')} />}
              {screen === 'viewer' && <ViewerScreen caps={info.capabilities} target={reviewTarget} />}
              {screen === 'records' && <RecordsScreen onOpen={openReview} />}
              {screen === 'export' && <ExportScreen caps={info.capabilities} />}
              {screen === 'package' && <PackageScreen caps={info.capabilities} />}
              {screen === 'custody' && <CustodyScreen />}
            </main>
          </div>
        )}
      </div>
    </I18nProvider>
  );
}

function TopBar({ current, locale, theme, onLocale, onTheme, onClose }: {
  current: CaseSummary | null; locale: Locale; theme: ThemeChoice;
  onLocale: (l: Locale) => void; onTheme: (t: ThemeChoice) => void; onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">証</span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      {current && (
        <div className="case-chip" data-testid="case-chip">
          <span className="case-name">{current.name}</span>
          {current.caseNumber && <span className="muted">{current.caseNumber}</span>}
          <span className="muted case-dir" title={current.dir}>{current.dir}</span>
        </div>
      )}
      <div className="topbar-tools">
        {current && <JobIndicator />}
        <span className="offline-badge" title={t('app.offline')}>● {t('app.offline')}</span>
        <label className="compact-select">
          <span className="visually-hidden">{t('app.language')}</span>
          <select value={locale} onChange={(e) => onLocale(e.target.value as Locale)} aria-label={t('app.language')} data-testid="locale">
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
        <label className="compact-select">
          <span className="visually-hidden">{t('app.theme')}</span>
          <select value={theme} onChange={(e) => onTheme(e.target.value as ThemeChoice)} aria-label={t('app.theme')}>
            <option value="system">{t('app.theme.system')}</option>
            <option value="light">{t('app.theme.light')}</option>
            <option value="dark">{t('app.theme.dark')}</option>
          </select>
        </label>
        {current && <button type="button" className="btn btn-quiet" onClick={onClose}>{t('app.closeCase')}</button>}
      </div>
    </header>
  );
}

/** Which steps are done, and how many hits wait for review, from the engine's overview of the case. */
function useSteps(): { done: Partial<Record<ScreenId, boolean>>; pending: number } {
  const [o, setO] = useState<CaseOverview | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = () => { void call('case.overview', {}).then(setO, () => setO(null)); };
  useEffect(() => { load(); return () => { if (timer.current) clearTimeout(timer.current); }; }, []);
  // Counted again once changes pause (a run of y / n is one refresh, not one per key).
  useShokoEvents((e) => {
    if (e.type !== 'case-changed' && !(e.type === 'job' && e.state !== 'running')) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(load, 1000);
  });
  if (!o) return { done: {}, pending: 0 };
  return {
    done: {
      evidence: o.evidence.items > 0, leaks: o.lists.sets > 0, scan: o.evidence.items > 0 && o.evidence.notScanned === 0,
      viewer: o.hits.total > 0 && o.hits.pending === 0, export: o.exports > 0, package: o.packages > 0,
    },
    pending: o.hits.pending,
  };
}

function Nav({ screen, onSelect }: { screen: ScreenId; onSelect: (s: ScreenId) => void }) {
  const { t } = useI18n();
  const steps = useSteps();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ol>
        {NAV.map((n, i) => (
          <li key={n.id}>
            <button type="button" className={`nav-item${screen === n.id ? ' active' : ''}`} aria-current={screen === n.id ? 'page' : undefined}
              onClick={() => onSelect(n.id)} data-testid={`nav-${n.id}`}>
              <span className={`nav-num${steps.done[n.id] ? ' nav-done' : ''}`} aria-hidden="true">{steps.done[n.id] ? '✓' : i + 1}</span>
              {t(n.key)}
              {steps.done[n.id] && <span className="visually-hidden"> ({t('nav.done')})</span>}
              {n.id === 'viewer' && steps.pending > 0 && <span className="badge badge-warn nav-badge" title={t('viewer.status.pending')} data-testid="nav-pending">{steps.pending}</span>}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
