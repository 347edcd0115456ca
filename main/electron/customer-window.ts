/**
 * The customer display window (Electron only, thin): opened on the screen a manager chose, sandboxed
 * with its own preload (a subscription, nothing else), sent the CustomerView when it changes. All
 * that decides what it shows is in main/hardware/customer-display.ts, which runs anywhere.
 */
import { BrowserWindow, screen } from 'electron';
import { CUSTOMER_VIEW_CHANNEL } from '../../common/channels';
import type { PosCore } from '../core-api';
import { APP_ORIGIN, COUNTER_PARTITION } from './protocol';
import { secureWebPreferences } from './security';
import { hardenedPreferences } from './hardening';

export function runCustomerDisplay(core: PosCore, preload: string, hardened: boolean): () => void {
  let win: BrowserWindow | null = null;
  let sent = '';
  const tick = () => {
    const setting = core.customerDisplay();
    if (!setting.enabled) {
      win?.destroy();
      return;
    }
    if (!win) {
      const displays = screen.getAllDisplays();
      const d = displays[setting.screen - 1] ?? displays.at(-1)!;
      win = new BrowserWindow({
        ...d.bounds,
        fullscreen: displays.length > 1,
        frame: false,
        focusable: false,
        title: 'Customer display',
        backgroundColor: '#10233d',
        webPreferences: {
          ...hardenedPreferences(secureWebPreferences(preload), hardened),
          partition: COUNTER_PARTITION,
        },
      });
      win.on('closed', () => {
        win = null;
        sent = '';
      });
      void win.loadURL(`${APP_ORIGIN}/customer.html`);
      win.webContents.on('did-finish-load', () => (sent = ''));
    }
    const view = JSON.stringify(core.customerView());
    if (view !== sent && !win.webContents.isLoading()) {
      sent = view;
      win.webContents.send(CUSTOMER_VIEW_CHANNEL, JSON.parse(view));
    }
  };
  const timer = setInterval(tick, 500);
  return () => {
    clearInterval(timer);
    win?.destroy();
  };
}
