/**
 * The sandboxed preload. It exposes `window.pos` (built from the contract) and nothing else:
 * never ipcRenderer, never a generic invoke.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPosApi } from './bridge';

contextBridge.exposeInMainWorld(
  'pos',
  buildPosApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
