import type { ReactNode } from 'react';
import { Suspense } from 'react';

/** Where the screens are drawn; while a screen's code is fetched (once), "…". */
export function Content({ children }: { children: ReactNode }) {
  return (
    // Focusable so a keyboard can scroll it on small screens (it is not a control: see keys.ts).
    <main className="content" tabIndex={0}>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </main>
  );
}

export function ScreenLoading() {
  return (
    <p className="loading" data-testid="screen-loading">
      …
    </p>
  );
}

/** The journal's audit chain is broken: said on every screen, signed in or not. */
export function AuditAlert({ message }: { message: string }) {
  return (
    <p className="notice error" role="alert" data-testid="audit-alert">
      {message}
    </p>
  );
}
