import { lazy, Suspense, useEffect } from 'react';
import { StatusBar } from './StatusBar';
import { SaleScreen } from '../sale/SaleScreen';
import { SignInScreen } from '../staff/SignInScreen';
import { useShallow } from 'zustand/react/shallow';
import { forgetPersonalState } from './session-store';
import { useNav, useStatus, type Screen } from '../base/status-store';
import { inCheckout, useSale } from '../sale/sale-store';
import type { OperationName } from '../../../common/contract';
import type { MessageKey } from '../../../common/i18n/index';
import { useT } from '../base/i18n';

// The sign-in and Sale screens come with the app; every other screen is fetched the first time it is
// opened (issue 31: a lighter first screen), and kept.
const DrawerScreen = lazy(() => import('../drawer/DrawerScreen').then((m) => ({ default: m.DrawerScreen })));
const FirstRunScreen = lazy(() => import('../staff/FirstRunScreen').then((m) => ({ default: m.FirstRunScreen })));
const TransactionsScreen = lazy(() =>
  import('../transactions/TransactionsScreen').then((m) => ({ default: m.TransactionsScreen })),
);
const StaffScreen = lazy(() => import('../staff/StaffScreen').then((m) => ({ default: m.StaffScreen })));
const CatalogScreen = lazy(() => import('../catalog/CatalogScreen').then((m) => ({ default: m.CatalogScreen })));
const HelcimSetupScreen = lazy(() =>
  import('../helcim/HelcimSetupScreen').then((m) => ({ default: m.HelcimSetupScreen })),
);
const HistoryScreen = lazy(() => import('../transactions/HistoryScreen').then((m) => ({ default: m.HistoryScreen })));
const ReportsScreen = lazy(() => import('../reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));

/** The screens, and the capability (from main's permission table) each needs. */
const TABS: { screen: Screen; label: MessageKey; needs?: OperationName }[] = [
  { screen: 'sale', label: 'tab.sale' },
  { screen: 'transactions', label: 'tab.transactions', needs: 'transactions.search' },
  { screen: 'history', label: 'tab.history', needs: 'history.search' },
  { screen: 'drawer', label: 'tab.drawer', needs: 'drawer.status' },
  { screen: 'reports', label: 'tab.reports', needs: 'report.x' },
  { screen: 'catalog', label: 'tab.catalog', needs: 'catalog.add' },
  { screen: 'staff', label: 'tab.staff', needs: 'staff.list' },
  { screen: 'helcim', label: 'tab.helcim', needs: 'helcim.status' },
];

/** Tells main the counter is in use (at most every 20 s), so the idle lock only fires when it is not. */
function useActivityHeartbeat(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const beat = () => {
      const now = Date.now();
      if (now - last < 20_000) return;
      last = now;
      void useStatus.getState().touch();
    };
    window.addEventListener('keydown', beat);
    window.addEventListener('pointerdown', beat);
    return () => {
      window.removeEventListener('keydown', beat);
      window.removeEventListener('pointerdown', beat);
    };
  }, [signedIn]);
}

export function App() {
  const { status, roster, error, refresh } = useStatus(
    useShallow((s) => ({ status: s.status, roster: s.roster, error: s.error, refresh: s.refresh })),
  );
  const { screen, go } = useNav();
  const { t, locale } = useT();
  // The page's language follows the person's, so a screen reader reads French in French.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
  }, [refresh]);
  const session = status?.session ?? null;
  useActivityHeartbeat(!!session);
  // A new person (or nobody) at the counter: nothing of the previous one's work stays on screen.
  const who = session ? `${session.name}|${session.role}` : '';
  useEffect(() => {
    forgetPersonalState();
  }, [who]);
  const cardFormOpen = useSale((s) => inCheckout(s.phase));

  let body;
  if (!status) body = <p className="loading">{error ? error.message : 'Starting…'}</p>;
  else if (!session) body = roster?.firstRun ? <FirstRunScreen /> : <SignInScreen />;
  else if (screen === 'transactions') body = <TransactionsScreen status={status} />;
  else if (screen === 'staff' && session.capabilities['staff.list']) body = <StaffScreen status={status} />;
  else if (screen === 'catalog' && session.capabilities['catalog.add'])
    body = <CatalogScreen currency={status.currency} />;
  else if (screen === 'helcim' && session.capabilities['helcim.status']) body = <HelcimSetupScreen />;
  else if (screen === 'history' && session.capabilities['history.search']) body = <HistoryScreen />;
  else if (screen === 'reports' && session.capabilities['report.x']) body = <ReportsScreen />;
  else if (screen === 'drawer' && session.capabilities['drawer.status']) body = <DrawerScreen status={status} />;
  else body = <SaleScreen status={status} />;

  return (
    <div className="app">
      {status?.mode === 'training' && (
        <div className="training-banner" role="note" data-testid="training-banner">
          {t('app.trainingBanner')}
        </div>
      )}
      {status?.notices.map((n) => (
        <p key={n} className="notice warn late-approval" role="alert" data-testid="late-approval">
          {n}
        </p>
      ))}
      {session && (
        <nav className="tabs" aria-label={t('app.screens')}>
          {TABS.filter((tab) => !tab.needs || session.capabilities[tab.needs]).map((tab) => (
            <button
              key={tab.screen}
              type="button"
              className={screen === tab.screen ? 'tab on' : 'tab'}
              onClick={() => go(tab.screen)}
              data-testid={`tab-${tab.screen}`}
              // Switching away would wipe the customer's card form: finish or cancel it first.
              disabled={cardFormOpen && tab.screen !== screen}
              title={cardFormOpen && tab.screen !== screen ? t('app.finishCardFirst') : undefined}
            >
              {t(tab.label)}
            </button>
          ))}
        </nav>
      )}
      {status?.audit && !status.audit.ok && (
        <p className="notice error" role="alert" data-testid="audit-alert">
          {status.audit.message}
        </p>
      )}
      {session?.notice && (
        <p className="notice warn session-notice" role="status" data-testid="session-notice">
          {session.notice}
        </p>
      )}
      {/* Focusable so a keyboard can scroll it on small screens (it is not a control: see keys.ts). */}
      <main className="content" tabIndex={0}>
        <Suspense
          fallback={
            <p className="loading" data-testid="screen-loading">
              …
            </p>
          }
        >
          {body}
        </Suspense>
      </main>
      <StatusBar status={status} />
    </div>
  );
}
