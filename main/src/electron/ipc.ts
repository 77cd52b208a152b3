/**
 * The ONE way main answers the renderer: `handleInvoke` registers an `ipcMain.handle` that
 * validates the sender frame and the zod payload before the handler sees anything (see
 * ../common/invoke-handler.ts). `sendEvent` validates outgoing payloads against the contract.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventChannels, type EventChannel, type EventPayload, type InvokeChannel } from '@contract';
import { registerInvokeHandler, type InvokeHandler } from '../common/invoke-handler';
import { log } from './log';

export function handleInvoke<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void {
  registerInvokeHandler<IpcMainInvokeEvent, C>(ipcMain, channel, handler, (refused, reason) => log.warn(`ipc ${refused} refused: ${reason}`));
}

export function sendEvent<C extends EventChannel>(target: WebContents | null | undefined, channel: C, payload: EventPayload<C>): boolean {
  if (!target || target.isDestroyed()) return false;
  const parsed = eventChannels[channel].safeParse(payload);
  if (!parsed.success) {
    log.error(`event ${channel} not sent: payload does not match the contract`);
    return false;
  }
  target.send(channel, parsed.data);
  return true;
}
