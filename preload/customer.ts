/**
 * The customer display's preload: one subscription to what main sends it (the CustomerView), and
 * nothing else — no `window.pos`, no invoke, no channel of its own choosing.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CUSTOMER_VIEW_CHANNEL } from '../common/channels';
import type { CustomerView } from '../common/contract';

contextBridge.exposeInMainWorld('customerDisplay', {
  subscribe(listener: (view: CustomerView) => void): void {
    ipcRenderer.on(CUSTOMER_VIEW_CHANNEL, (_event: unknown, view: CustomerView) => listener(view));
  },
});
