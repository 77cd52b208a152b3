/**
 * The two checks every `ipcMain.handle` runs before its handler: the sender is the app's
 * own main frame, and the payload matches the channel's zod schema in the contract.
 */
import { invokeChannels, type InvokeArgs, type InvokeChannel } from '@contract';
import { isAppUrl } from './app-origin';
import { truncate } from './navigation';

export interface SenderFrameInfo {
  /** `event.senderFrame.url`; null when the frame is gone (navigated or destroyed). */
  url: string | null;
  isMainFrame: boolean;
}

export type IpcCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

export function validateSender(sender: SenderFrameInfo): IpcCheck<true> {
  if (sender.url === null) return { ok: false, reason: 'sender frame is gone' };
  if (!sender.isMainFrame) return { ok: false, reason: 'sender is not the main frame' };
  if (!isAppUrl(sender.url)) return { ok: false, reason: `sender ${truncate(sender.url)} is not the app` };
  return { ok: true, value: true };
}

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeChannels, channel);
}

export function validateInvokeArgs<C extends InvokeChannel>(channel: C, args: readonly unknown[]): IpcCheck<InvokeArgs<C>> {
  const parsed = invokeChannels[channel].request.safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(args)'}: ${issue.message}`).join('; ');
    return { ok: false, reason: `invalid payload for ${channel}: ${detail}` };
  }
  return { ok: true, value: parsed.data as InvokeArgs<C> };
}

/** Both checks in order; the first refusal wins. */
export function validateInvoke<C extends InvokeChannel>(channel: C, sender: SenderFrameInfo, args: readonly unknown[]): IpcCheck<InvokeArgs<C>> {
  const senderCheck = validateSender(sender);
  if (!senderCheck.ok) return senderCheck;
  return validateInvokeArgs(channel, args);
}
