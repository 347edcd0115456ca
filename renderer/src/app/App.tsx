import { lazy, Suspense, useEffect } from 'react';
import { SignInScreen } from '../staff/SignInScreen';
import { useShallow } from 'zustand/react/shallow';
import { forgetPersonalState } from './session-store';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';
import { AuditAlert, Content, ScreenLoading } from './Frame';

// Only the sign-in screen comes with the page (issue 31: a lighter first screen). The signed-in
// counter — its tabs and the Sale screen — is fetched as soon as the first screen is drawn, while the
// cashier picks their name and types a PIN; every other screen the first time it is opened.
const loadWorkspace = () => import('./Workspace');
const Workspace = lazy(() => loadWorkspace().then((m) => ({ default: m.Workspace })));
// The status bar follows a moment after the first screen (it is not what a person looks for first).
const StatusBar = lazy(() => import('./StatusBar').then((m) => ({ default: m.StatusBar })));
const FirstRunScreen = lazy(() => import('../staff/FirstRunScreen').then((m) => ({ default: m.FirstRunScreen })));

export function App() {
  const { status, roster, error, refresh } = useStatus(
    useShallow((s) => ({ status: s.status, roster: s.roster, error: s.error, refresh: s.refresh })),
  );
  const { t, locale } = useT();
  // The page's language follows the person's, so a screen reader reads French in French.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // The page asked once before drawing (main.tsx); asked again only if that found nothing.
    if (!useStatus.getState().status) void refresh();
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
  }, [refresh]);
  const session = status?.session ?? null;
  // A new person (or nobody) at the counter: nothing of the previous one's work stays on screen.
  const who = session ? `${session.name}|${session.role}` : '';
  useEffect(() => {
    forgetPersonalState();
  }, [who]);
  const drawn = status !== null;
  useEffect(() => {
    // After the first screen is drawn, not before: its paint waits for nothing but its own code.
    // A fetch that fails here is tried again when the screen is opened.
    if (drawn)
      void loadWorkspace().then(
        (m) => m.loadSaleScreen(),
        () => undefined,
      );
  }, [drawn]);

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
      {status && session ? (
        <Suspense fallback={<ScreenLoading />}>
          <Workspace status={status} />
        </Suspense>
      ) : (
        <>
          {status?.audit && !status.audit.ok && <AuditAlert message={status.audit.message} />}
          <Content>
            {!status ? (
              <p className="loading">{error ? error.message : 'Starting…'}</p>
            ) : roster?.firstRun ? (
              <FirstRunScreen />
            ) : (
              <SignInScreen />
            )}
          </Content>
        </>
      )}
      <Suspense fallback={null}>
        <StatusBar status={status} />
      </Suspense>
    </div>
  );
}
