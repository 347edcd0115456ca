/** Binds each contract operation to its own ipcMain channel. There is no catch-all channel. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, channelOf } from '../../common/contract';
import type { Dispatch } from '../ipc/dispatch';

export function registerIpc(dispatch: Dispatch): void {
  for (const op of OPERATION_NAMES) {
    const channel = channelOf(op);
    ipcMain.handle(channel, (e: IpcMainInvokeEvent, payload: unknown) =>
      dispatch(channel, payload, {
        windowId: e.sender.id,
        frameUrl: e.senderFrame?.url,
        isMainFrame: e.senderFrame !== null && e.senderFrame === e.sender.mainFrame,
      }),
    );
  }
}
