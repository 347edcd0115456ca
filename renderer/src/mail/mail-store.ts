/**
 * Receipts by email, from the screen's side: the shop's mail server as a manager sets it up (the
 * password goes to main once and never comes back), and a receipt's emails — queued, sent, or waiting —
 * as main reports them. Main sends; this only asks and shows.
 */
import { create } from 'zustand';
import type { BridgeError, EmailView, MailServer, MailView } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type MailSlice = {
  view: MailView | null;
  error: BridgeError | null;
  saved: boolean;
  testWords: string | null;
  load: () => Promise<void>;
  save: (server: MailServer | null, password?: string) => Promise<boolean>;
  test: (address: string) => Promise<void>;
  /** The emails of the receipt on screen, newest first. */
  emails: EmailView[];
  emailError: BridgeError | null;
  loadEmails: (attemptId: string) => Promise<void>;
  send: (attemptId: string, address: string) => Promise<boolean>;
  again: (id: string, attemptId: string) => Promise<void>;
  reset: () => void;
};

export const useMail = create<MailSlice>((set, get) => ({
  view: null,
  error: null,
  saved: false,
  testWords: null,
  load: async () => set(settled(await pos.mail.get({}), (view) => ({ view }))),
  save: async (server, password) => {
    const r = await pos.mail.configure({ server, ...(password !== undefined ? { password } : {}) });
    set({ saved: r.ok, testWords: null, ...settled(r, (view) => ({ view })) });
    return r.ok;
  },
  test: async (address) => {
    set({ testWords: null });
    const r = await pos.mail.test({ address });
    set(r.ok ? { testWords: r.value.message, error: null } : { error: r.error });
  },
  emails: [],
  emailError: null,
  loadEmails: async (attemptId) => {
    const r = await pos.receipt.emails({ attemptId });
    if (r.ok) set({ emails: r.value });
  },
  send: async (attemptId, address) => {
    const r = await pos.receipt.email({ attemptId, address });
    if (!r.ok) {
      set({ emailError: r.error });
      return false;
    }
    set({ emailError: null });
    await get().loadEmails(attemptId);
    return true;
  },
  again: async (id, attemptId) => {
    const r = await pos.receipt.emailAgain({ id });
    set({ emailError: r.ok ? null : r.error });
    await get().loadEmails(attemptId);
  },
  reset: () => set({ view: null, error: null, saved: false, testWords: null, emails: [], emailError: null }),
}));

forgetOnSignOut(() => useMail.getState().reset());
