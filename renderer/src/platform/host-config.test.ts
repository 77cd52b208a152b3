import { describe, expect, it } from 'vitest';
import { hostConfigFromServer, HostConfigError } from './host-config';

describe('hostConfigFromServer', () => {
  it('uses the page origin as the backend and keeps the SIP settings', () => {
    expect(hostConfigFromServer({ sipWssUrl: 'wss://pbx.example.com:8443', sipDomain: 'pbx.example.com' }, 'http://127.0.0.1:4000', 'es-ES')).toEqual({
      backendUrl: 'http://127.0.0.1:4000',
      sipWssUrl: 'wss://pbx.example.com:8443',
      sipDomain: 'pbx.example.com',
      locale: 'es-ES',
    });
  });

  it('accepts a server without SIP configured', () => {
    expect(hostConfigFromServer({ sipWssUrl: null, sipDomain: null }, 'https://crm.example.com', 'en').sipWssUrl).toBeNull();
  });

  it('refuses a malformed reply with a clear error', () => {
    expect(() => hostConfigFromServer({ sipWssUrl: 'not a url', sipDomain: 'x' }, 'http://127.0.0.1:1', 'en')).toThrow(HostConfigError);
    expect(() => hostConfigFromServer('<html>', 'http://127.0.0.1:1', 'en')).toThrow(/api\/config/);
  });
});
