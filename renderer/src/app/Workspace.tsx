import { lazy, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNav, useStatus, type Screen } from '../base/status-store';
import type { AppStatus, OperationName } from '../../../common/contract';
import type { MessageKey } from '../../../common/i18n/locales';
import { useT } from '../base/i18n';
import { AuditAlert, Content } from './Frame';

// The signed-in counter: its tabs and screens. Fetched after the sign-in screen is drawn (App.tsx),
// with the Sale screen; every other screen the first time it is opened (issue 31), and kept.
export const loadSaleScreen = () => import('../sale/SaleScreen').then((m) => ({ default: m.SaleScreen }));
const SaleScreen = lazy(loadSaleScreen);
const DrawerScreen = lazy(() => import('../drawer/DrawerScreen').then((m) => ({ default: m.DrawerScreen })));
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
function useActivityHeartbeat() {
  useEffect(() => {
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
  }, []);
}

/** Drawn only while someone is signed in (App.tsx draws the sign-in screen otherwise). */
export function Workspace({ status }: { status: AppStatus }) {
  const session = status.session!;
  const { screen, go, cardFormOpen } = useNav(
    useShallow((s) => ({ screen: s.screen, go: s.go, cardFormOpen: s.cardFormOpen })),
  );
  const { t } = useT();
  useActivityHeartbeat();

  let body;
  if (screen === 'transactions') body = <TransactionsScreen status={status} />;
  else if (screen === 'staff' && session.capabilities['staff.list']) body = <StaffScreen status={status} />;
  else if (screen === 'catalog' && session.capabilities['catalog.add'])
    body = <CatalogScreen currency={status.currency} />;
  else if (screen === 'helcim' && session.capabilities['helcim.status']) body = <HelcimSetupScreen />;
  else if (screen === 'history' && session.capabilities['history.search']) body = <HistoryScreen />;
  else if (screen === 'reports' && session.capabilities['report.x']) body = <ReportsScreen />;
  else if (screen === 'drawer' && session.capabilities['drawer.status']) body = <DrawerScreen status={status} />;
  else body = <SaleScreen status={status} />;

  return (
    <>
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
      {status.audit && !status.audit.ok && <AuditAlert message={status.audit.message} />}
      {session.notice && (
        <p className="notice warn session-notice" role="status" data-testid="session-notice">
          {session.notice}
        </p>
      )}
      <Content>{body}</Content>
    </>
  );
}
