import { useEffect } from 'react';
import { StatusBar } from './components/StatusBar';
import { SaleScreen } from './components/SaleScreen';
import { useStatus } from './store/status';

export function App() {
  const { status, error, refresh } = useStatus();
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(t);
  }, [refresh]);

  return (
    <div className="app">
      {status?.mode === 'training' && (
        <div className="training-banner" role="note" data-testid="training-banner">
          TRAINING MODE — no real card is charged. Payments go to the built-in Helcim simulator.
        </div>
      )}
      <main className="content">
        {status ? (
          <SaleScreen status={status} />
        ) : (
          <p className="loading">{error ? error.message : 'Starting…'}</p>
        )}
      </main>
      <StatusBar status={status} />
    </div>
  );
}
