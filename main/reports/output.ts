/**
 * Where printed and saved documents go. Electron prints with webContents.print and saves with
 * printToPDF (main/electron/output.ts); the test harness renders the same HTML to PDF in Chromium.
 */
export type PrintOptions = {
  /** Straight to the printer, no dialog (a receipt printer installed in the OS). */
  silent?: boolean;
  /** The OS printer's name; absent: the default printer. */
  deviceName?: string;
};

export interface OutputPort {
  print(html: string, title: string, options?: PrintOptions): Promise<boolean>;
  /** Returns the saved path, or null if the person cancelled. */
  savePdf(html: string, suggestedName: string): Promise<string | null>;
  saveText(text: string, suggestedName: string): Promise<string | null>;
}

/** For cores without a screen (Node tests): nothing to print to. */
export const NO_OUTPUT: OutputPort = {
  print: async () => false,
  savePdf: async () => null,
  saveText: async () => null,
};
