/**
 * Stand-in for `electron` in the Chromium harness build of the REAL customer preload
 * (preload/customer.ts): what main would send on the view channel is fetched from the test's core
 * through a Playwright binding, and passed on when it changes — as main's window sends it.
 */
type Binding = () => Promise<unknown>;
const w = window as unknown as { __customerView?: Binding };
const binding = w.__customerView!;
try {
  delete w.__customerView;
} catch {
  /* non-configurable */
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    Object.defineProperty(window, key, { value: api, writable: false, configurable: false, enumerable: true });
  },
};

export const ipcRenderer = {
  on(_channel: string, listener: (event: unknown, view: unknown) => void) {
    let last = '';
    const tick = async () => {
      const view = await binding();
      const text = JSON.stringify(view);
      if (text !== last) {
        last = text;
        listener({}, view);
      }
    };
    void tick();
    setInterval(() => void tick(), 250);
  },
};
