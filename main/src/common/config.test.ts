import { describe, expect, it } from 'vitest';
import { hostConfigSchema } from '@contract';
import { DEFAULT_BACKEND_URL, resolveConfig } from './config';
import { DEFAULT_SHORTCUTS } from './shortcuts';

const base = { env: {}, settingsText: null, locale: 'es-ES' };

describe('resolveConfig', () => {
  it('falls back to the local defaults with no env and no settings file', () => {
    const config = resolveConfig(base);
    expect(config.host).toEqual({ backendUrl: DEFAULT_BACKEND_URL, sipWssUrl: null, sipDomain: null, locale: 'es-ES' });
    expect(config.shortcuts).toEqual(DEFAULT_SHORTCUTS);
    expect(config.updates).toEqual({ enabled: false, url: null });
    expect(config.warnings).toEqual([]);
    expect(hostConfigSchema.safeParse(config.host).success).toBe(true);
  });

  it('reads the settings file', () => {
    const settingsText = JSON.stringify({
      backendUrl: 'https://crm.example.com',
      sipWssUrl: 'wss://pbx.example.com:7443/ws',
      sipDomain: 'pbx.example.com',
      shortcuts: { mute: 'F9', hold: null },
      updates: { url: 'https://updates.example.com/centralita' },
    });
    const config = resolveConfig({ ...base, settingsText });
    expect(config.host).toMatchObject({ backendUrl: 'https://crm.example.com', sipWssUrl: 'wss://pbx.example.com:7443/ws', sipDomain: 'pbx.example.com' });
    expect(config.shortcuts).toEqual({ ...DEFAULT_SHORTCUTS, mute: 'F9', hold: null });
    expect(config.updates).toEqual({ enabled: true, url: 'https://updates.example.com/centralita' });
    expect(config.warnings).toEqual([]);
  });

  it('lets environment variables win over the settings file', () => {
    const config = resolveConfig({
      ...base,
      env: { CENTRALITA_BACKEND_URL: 'http://127.0.0.1:9999', CENTRALITA_SIP_WSS_URL: 'ws://127.0.0.1:5066', CENTRALITA_SIP_DOMAIN: 'centralita.test' },
      settingsText: JSON.stringify({ backendUrl: 'https://crm.example.com', sipWssUrl: 'wss://pbx.example.com', sipDomain: 'pbx.example.com' }),
    });
    expect(config.host).toMatchObject({ backendUrl: 'http://127.0.0.1:9999', sipWssUrl: 'ws://127.0.0.1:5066', sipDomain: 'centralita.test' });
  });

  it('skips an invalid environment value, says so, and uses the next source', () => {
    const config = resolveConfig({
      ...base,
      env: { CENTRALITA_BACKEND_URL: 'ftp://nope', CENTRALITA_SIP_WSS_URL: 'https://not-a-websocket', CENTRALITA_SIP_DOMAIN: 'bad domain!' },
      settingsText: JSON.stringify({ backendUrl: 'https://crm.example.com' }),
    });
    expect(config.host).toMatchObject({ backendUrl: 'https://crm.example.com', sipWssUrl: null, sipDomain: null });
    expect(config.warnings).toHaveLength(3);
    expect(config.warnings[0]).toContain('CENTRALITA_BACKEND_URL');
  });

  it('refuses URLs with credentials', () => {
    const config = resolveConfig({ ...base, env: { CENTRALITA_BACKEND_URL: 'https://admin:pw@crm.example.com' } });
    expect(config.host.backendUrl).toBe(DEFAULT_BACKEND_URL);
    expect(config.warnings[0]).toContain('credentials');
  });

  it('treats blank environment values as unset', () => {
    expect(resolveConfig({ ...base, env: { CENTRALITA_BACKEND_URL: '   ' } })).toMatchObject({ host: { backendUrl: DEFAULT_BACKEND_URL }, warnings: [] });
  });

  it('survives a settings file that is not JSON, with a warning', () => {
    const config = resolveConfig({ ...base, settingsText: '{ backendUrl: oops' });
    expect(config.host.backendUrl).toBe(DEFAULT_BACKEND_URL);
    expect(config.warnings[0]).toContain('not valid JSON');
  });

  it('survives a settings file with wrongly typed fields, with a warning', () => {
    const config = resolveConfig({ ...base, settingsText: JSON.stringify({ backendUrl: 42, shortcuts: { answer: 7 } }) });
    expect(config.host.backendUrl).toBe(DEFAULT_BACKEND_URL);
    expect(config.warnings[0]).toMatch(/invalid fields.*backendUrl/);
  });

  it('keeps updates off unless configured, and on when the file says so', () => {
    expect(resolveConfig({ ...base, settingsText: JSON.stringify({ updates: { enabled: true } }) }).updates).toEqual({ enabled: true, url: null });
    expect(resolveConfig({ ...base, env: { CENTRALITA_UPDATE_URL: 'https://u.example.com' }, settingsText: JSON.stringify({ updates: { enabled: false } }) }).updates).toEqual({
      enabled: false,
      url: 'https://u.example.com',
    });
  });

  it('falls back to English for a nonsense locale', () => {
    expect(resolveConfig({ ...base, locale: '' }).host.locale).toBe('en');
    expect(resolveConfig({ ...base, locale: 'en_US.UTF-8; rm' }).host.locale).toBe('en');
  });
});
