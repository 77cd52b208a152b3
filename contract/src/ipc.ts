/**
 * IPC channel map shared by main and preload. Every invoke channel has a zod schema
 * for its request; main validates sender and payload before acting.
 */
import { z } from 'zod';

export const secretKeySchema = z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, 'secret key must be a short lowercase identifier');
export const secretValueSchema = z.string().max(4096);

export const secretStorageKindSchema = z.enum(['os', 'basic_text', 'memory']);
export type SecretStorageKind = z.infer<typeof secretStorageKindSchema>;

export const hostConfigSchema = z.object({
  backendUrl: z.string().url(),
  sipWssUrl: z.string().url().nullable(),
  sipDomain: z.string().nullable(),
  locale: z.string().min(2).max(35),
});
export type HostConfig = z.infer<typeof hostConfigSchema>;

export const dialRequestSchema = z.object({
  /** Digits, leading +, * and # only; length-capped. */
  number: z.string().regex(/^\+?[0-9*#]{1,32}$/),
  source: z.enum(['tel', 'sip', 'callto']),
});
export type DialRequest = z.infer<typeof dialRequestSchema>;

/** Why a tel:/sip:/callto: link was refused; the renderer shows the message and never dials. */
export const dialRefusalReasonSchema = z.enum(['unsupported_scheme', 'empty', 'invalid_characters', 'too_long', 'malformed']);
export type DialRefusalReason = z.infer<typeof dialRefusalReasonSchema>;

export const dialRefusalSchema = z.object({
  source: z.enum(['tel', 'sip', 'callto']).nullable(),
  reason: dialRefusalReasonSchema,
  /** The refused link, truncated for display. */
  link: z.string().max(80),
});
export type DialRefusal = z.infer<typeof dialRefusalSchema>;

export const callShortcutSchema = z.enum(['answer', 'hangup', 'mute', 'hold']);
export type CallShortcut = z.infer<typeof callShortcutSchema>;

export const agentPresenceSchema = z.enum(['offline', 'available', 'on_call', 'after_call_work', 'paused']);
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

export const nativeNotificationSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  tag: z.string().max(100).optional(),
});
export type NativeNotification = z.infer<typeof nativeNotificationSchema>;

export const externalUrlSchema = z.string().max(2048);

/** renderer → main request/response channels (ipcRenderer.invoke / ipcMain.handle). */
export const invokeChannels = {
  'config:get': { request: z.tuple([]), response: hostConfigSchema },
  'secrets:kind': { request: z.tuple([]), response: secretStorageKindSchema },
  'secrets:get': { request: z.tuple([secretKeySchema]), response: z.string().nullable() },
  'secrets:set': { request: z.tuple([secretKeySchema, secretValueSchema]), response: z.void() },
  'secrets:delete': { request: z.tuple([secretKeySchema]), response: z.void() },
  'notification:show': { request: z.tuple([nativeNotificationSchema]), response: z.void() },
  'presence:set': { request: z.tuple([agentPresenceSchema]), response: z.void() },
  'external:open': { request: z.tuple([externalUrlSchema]), response: z.boolean() },
} as const;
export type InvokeChannel = keyof typeof invokeChannels;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['request']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['response']>;

/** main → renderer event channels (webContents.send / ipcRenderer.on). */
export const eventChannels = {
  'dial:request': dialRequestSchema,
  'dial:refused': dialRefusalSchema,
  'shortcut:call': callShortcutSchema,
  'system:resume': z.null(),
  'system:screen-lock': z.boolean(),
} as const;
export type EventChannel = keyof typeof eventChannels;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;
