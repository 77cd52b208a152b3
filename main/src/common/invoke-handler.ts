/**
 * The core of the one `ipcMain.handle` helper, free of Electron so it can be tested with a
 * fake ipcMain: every call is checked (sender frame, then zod payload) before the handler
 * runs, and a refused call rejects with the reason and runs nothing.
 */
import type { InvokeArgs, InvokeChannel, InvokeResult } from '@contract';
import { validateInvoke, type SenderFrameInfo } from './ipc-validation';

export type InvokeHandler<C extends InvokeChannel> = (...args: InvokeArgs<C>) => InvokeResult<C> | Promise<InvokeResult<C>>;

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export interface InvokeEventLike {
  senderFrame: FrameLike | null;
  sender: { mainFrame: FrameLike };
}
export interface FrameLike {
  url: string;
  parent: FrameLike | null;
  isDestroyed(): boolean;
}

export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export function senderInfo(event: InvokeEventLike): SenderFrameInfo {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame };
}

export function registerInvokeHandler<E extends InvokeEventLike, C extends InvokeChannel>(
  ipc: IpcMainLike<E>,
  channel: C,
  handler: InvokeHandler<C>,
  onRefused: (channel: C, reason: string) => void,
): void {
  ipc.handle(channel, async (event, ...args) => {
    const check = validateInvoke(channel, senderInfo(event), args);
    if (!check.ok) {
      onRefused(channel, check.reason);
      throw new Error(check.reason);
    }
    return handler(...check.value);
  });
}
