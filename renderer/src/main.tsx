import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useStatus } from './base/status-store';
import './styles.css';

// The page may come with the sign-in screen already drawn by main (main/staff/first-screen.ts). React
// draws over it once main's status and the language are here, so the screen goes from that drawing
// straight to the live one, never through "Starting…" (issue 31: the first screen paints first).
const root = createRoot(document.getElementById('root')!);
void useStatus
  .getState()
  .refresh()
  .finally(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
