/**
 * Stand-in for `electron` in the Chromium harness build of the REAL preload (preload/index.ts).
 * ipcRenderer.invoke goes to a Playwright binding that calls the real dispatcher in the test
 * process; contextBridge defines the global read-only, as Electron's does.
 */
type Binding = (channel: string, payload: unknown) => Promise<unknown>;
const w = window as unknown as { __posIpc?: Binding };
const binding = w.__posIpc!;
// The page's own scripts must not see the raw binding, as they would not see ipcRenderer.
try {
  delete w.__posIpc;
} catch {
  /* non-configurable: main still checks every sender */
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    Object.defineProperty(window, key, { value: api, writable: false, configurable: false, enumerable: true });
  },
};

export const ipcRenderer = {
  invoke: (channel: string, payload: unknown) => binding(channel, payload),
};
