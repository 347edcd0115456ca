/** Electron's printer and PDF writer for receipts and reports. */
import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { OutputPort } from '../reports/output';
import { secureWebPreferences } from './security';

async function render(html: string): Promise<BrowserWindow> {
  // A hidden, sandboxed window with no preload: the document is data, with its own CSP and no scripts.
  const prefs = secureWebPreferences('');
  delete prefs.preload;
  const win = new BrowserWindow({ show: false, webPreferences: { ...prefs, javascript: false } });
  await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  return win;
}

export function electronOutput(parent: () => BrowserWindow | null): OutputPort {
  const ask = async (name: string, ext: string) => {
    const p = parent();
    const options = { defaultPath: name, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] };
    const r = p ? await dialog.showSaveDialog(p, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };
  return {
    async print(html, _title, options) {
      const win = await render(html);
      try {
        // A receipt printer installed in the OS prints silently to its own name; anything else asks.
        const how = {
          silent: options?.silent ?? false,
          printBackground: true,
          ...(options?.deviceName ? { deviceName: options.deviceName } : {}),
        };
        return await new Promise<boolean>((resolve) => win.webContents.print(how, (ok) => resolve(ok)));
      } finally {
        win.destroy();
      }
    },
    async savePdf(html, name) {
      const file = await ask(name, 'pdf');
      if (!file) return null;
      const win = await render(html);
      try {
        await writeFile(file, await win.webContents.printToPDF({ printBackground: true }));
        return file;
      } finally {
        win.destroy();
      }
    },
    async saveText(text, name) {
      const file = await ask(name, name.split('.').pop() ?? 'txt');
      if (!file) return null;
      await writeFile(file, text, 'utf8');
      return file;
    },
  };
}
