/**
 * Electron security settings, kept in one place (Electron's security checklist). Each is set
 * explicitly even where it is already the default, so a reader and a test can see it.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { originOf } from '../url';

export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: undefined,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Deny every permission request (camera, geolocation, notifications…): Electron grants them by default. */
export function lockSession(s: Session): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  s.on('will-download', (e) => e.preventDefault());
}

/** The window never leaves the app: no navigation, no new windows, no webviews. */
export function lockNavigation(wc: WebContents, appOrigin: string): void {
  wc.on('will-navigate', (e, url) => {
    if (originOf(url) !== appOrigin) e.preventDefault();
  });
  // Electron emits will-redirect for subframes too: Helcim's own frame must be free to redirect
  // inside itself (card issuers' 3-D Secure pages load there). Only the top frame is locked.
  wc.on('will-redirect', (details) => {
    if (details.isMainFrame && originOf(details.url) !== appOrigin) details.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}
