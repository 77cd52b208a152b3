/**
 * Host configuration: environment variables win over the JSON settings file in userData,
 * which wins over the defaults. A bad value is reported and skipped, never fatal, and the
 * settings file is only read here, never rewritten.
 */
import { z } from 'zod';
import { callShortcutSchema, type HostConfig } from '@contract';
import { parseUrl } from './app-origin';
import { resolveShortcuts, type ShortcutMap } from './shortcuts';

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';
export const SETTINGS_FILE_NAME = 'settings.json';

export const ENV = {
  backendUrl: 'CENTRALITA_BACKEND_URL',
  sipWssUrl: 'CENTRALITA_SIP_WSS_URL',
  sipDomain: 'CENTRALITA_SIP_DOMAIN',
  updateUrl: 'CENTRALITA_UPDATE_URL',
} as const;

const settingsFileSchema = z.object({
  backendUrl: z.string().optional(),
  sipWssUrl: z.string().nullable().optional(),
  sipDomain: z.string().nullable().optional(),
  shortcuts: z.partialRecord(callShortcutSchema, z.string().nullable()).optional(),
  updates: z.object({ enabled: z.boolean().optional(), url: z.string().optional() }).optional(),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export interface UpdateSettings {
  enabled: boolean;
  /** Generic-provider feed URL (electron-updater); null = use the publish config baked into the build. */
  url: string | null;
}

export interface ResolvedConfig {
  host: HostConfig;
  shortcuts: ShortcutMap;
  updates: UpdateSettings;
  warnings: string[];
}

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  /** The settings file's text, or null when it does not exist. */
  settingsText: string | null;
  locale: string;
}

type Candidate = { from: string; value: string | null | undefined };

function pick(candidates: Candidate[], isValid: (value: string) => string | null, warnings: string[]): string | null | undefined {
  for (const { from, value } of candidates) {
    if (value === undefined) continue;
    if (value === null) return null;
    const trimmed = value.trim();
    if (trimmed === '') continue;
    const problem = isValid(trimmed);
    if (problem === null) return trimmed;
    warnings.push(`${from}: ${problem}; ignored`);
  }
  return undefined;
}

const urlWithScheme = (schemes: readonly string[]) => (value: string): string | null => {
  const url = parseUrl(value);
  if (!url || !schemes.includes(url.protocol) || url.hostname === '') return `"${value}" is not a ${schemes.join('/')} URL`;
  if (url.username !== '' || url.password !== '') return `"${value}" must not carry credentials`;
  return null;
};
const SIP_DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const validDomain = (value: string): string | null => (SIP_DOMAIN.test(value) ? null : `"${value}" is not a domain name`);

export function parseSettingsFile(text: string | null, warnings: string[]): SettingsFile {
  if (text === null || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    warnings.push(`${SETTINGS_FILE_NAME} is not valid JSON (${(error as Error).message}); using environment and defaults`);
    return {};
  }
  const parsed = settingsFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    warnings.push(`${SETTINGS_FILE_NAME} has invalid fields (${detail}); using environment and defaults`);
    return {};
  }
  return parsed.data;
}

export function resolveConfig({ env, settingsText, locale }: ConfigSources): ResolvedConfig {
  const warnings: string[] = [];
  const settings = parseSettingsFile(settingsText, warnings);
  const file = SETTINGS_FILE_NAME;

  const backendUrl = pick(
    [{ from: ENV.backendUrl, value: env[ENV.backendUrl] }, { from: `${file} backendUrl`, value: settings.backendUrl }],
    urlWithScheme(['http:', 'https:']),
    warnings,
  ) ?? DEFAULT_BACKEND_URL;
  const sipWssUrl = pick(
    [{ from: ENV.sipWssUrl, value: env[ENV.sipWssUrl] }, { from: `${file} sipWssUrl`, value: settings.sipWssUrl }],
    urlWithScheme(['wss:', 'ws:']),
    warnings,
  ) ?? null;
  const sipDomain = pick(
    [{ from: ENV.sipDomain, value: env[ENV.sipDomain] }, { from: `${file} sipDomain`, value: settings.sipDomain }],
    validDomain,
    warnings,
  ) ?? null;
  const updateUrl = pick(
    [{ from: ENV.updateUrl, value: env[ENV.updateUrl] }, { from: `${file} updates.url`, value: settings.updates?.url }],
    urlWithScheme(['https:', 'http:']),
    warnings,
  ) ?? null;

  const { shortcuts, warnings: shortcutWarnings } = resolveShortcuts(settings.shortcuts);
  warnings.push(...shortcutWarnings);

  return {
    host: { backendUrl, sipWssUrl, sipDomain, locale: normalizeLocale(locale) },
    shortcuts,
    // Off unless a feed URL is configured or the settings file turns it on explicitly.
    updates: { enabled: settings.updates?.enabled ?? updateUrl !== null, url: updateUrl },
    warnings,
  };
}

function normalizeLocale(locale: string): string {
  return /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(locale) && locale.length <= 35 ? locale : 'en';
}
