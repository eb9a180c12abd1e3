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

/** What registerIpc answers: call it to stop; `shareSession` serves the print window (print.ts). */
export interface IpcRegistration {
  (): void;
  /**
   * Logs `child` (a hidden print window) in as the user of `parent`, so the print route it renders
   * reads the list through the contract as that user. False (and nothing changes) when `parent` is
   * not logged in or is locked. The child's session ends with the child (forget on destroy).
   */
  shareSession(child: WebContents, parent: WebContents): boolean;
}

/** Starts answering calls; returns a function that stops and forgets every session. */
export function registerIpc(app: AppContext, appUrl: string): IpcRegistration {
  const sessions = new WebContentsSessions(app);
  const handle = createCallHandler({ app, sessions, appUrl });
  ipcMain.handle(IPC_CALL, (event, ...args: unknown[]) => handle({ sender: senderOf(event.sender), frame: frameOf(event) }, args));
  const stop = () => {
    ipcMain.removeHandler(IPC_CALL);
    sessions.forgetAll();
  };
  return Object.assign(stop, {
    shareSession(child: WebContents, parent: WebContents): boolean {
      const parentSession = sessions.sessionFor(senderOf(parent));
      if (parentSession.userId === null || parentSession.username === null || parentSession.locked) return false;
      sessions.sessionFor(senderOf(child)).login(parentSession.userId, parentSession.username, app.clock().getTime());
      return true;
    },
  });
}
