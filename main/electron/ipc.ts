/**
 * Registers the contract on Electron IPC: `ipcMain.handle(IPC_CALL)` → dispatch. Each webContents
 * has its own Session (its login), and the session's events go back to that webContents only.
 * Calls from anything but the app's own top-level frame are answered FORBIDDEN without dispatch.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL } from '../../shared/bridge';
import type { AppContext } from '../context';
import { createCallHandler, WebContentsSessions, type CallEventLike, type SenderLike } from './ipcCore';

export { isTrustedSender } from './hardening';

function senderOf(contents: WebContents): SenderLike {
  return {
    id: contents.id,
    isDestroyed: () => contents.isDestroyed(),
    send: (channel, ...args) => contents.send(channel, ...args),
    onDestroyed: (listener) => {
      contents.once('destroyed', listener);
    },
  };
}

function frameOf(event: IpcMainInvokeEvent): CallEventLike['frame'] {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.isDestroyed()) return null;
    return { url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame };
  } catch {
    return null;
  }
}

/** Starts answering calls; returns a function that stops and forgets every session. */
export function registerIpc(app: AppContext, appUrl: string): () => void {
  const sessions = new WebContentsSessions(app);
  const handle = createCallHandler({ app, sessions, appUrl });
  ipcMain.handle(IPC_CALL, (event, ...args: unknown[]) => handle({ sender: senderOf(event.sender), frame: frameOf(event) }, args));
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    sessions.forgetAll();
  };
}
