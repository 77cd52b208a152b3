import { describe, expect, it } from 'vitest';
import { phoneSetupFor } from './softphone-settings';

const config = { sipWssUrl: 'wss://pbx.example.com:7443', sipDomain: 'centralita.test' };
const agent = { displayName: 'Ana García', sipExtension: '1001' };

describe('phoneSetupFor', () => {
  it('builds the agent’s SIP settings from the PBX config, the extension and the password', () => {
    expect(phoneSetupFor(config, agent, 's3cret')).toEqual({
      ready: true,
      settings: {
        sipUri: 'sip:1001@centralita.test',
        serverUrl: 'wss://pbx.example.com:7443',
        authorizationUsername: '1001',
        password: 's3cret',
        displayName: 'Ana García',
        iceServers: [],
      },
    });
  });

  it('names what is missing, the server side first', () => {
    expect(phoneSetupFor({ sipWssUrl: null, sipDomain: null }, agent, 's3cret')).toEqual({ ready: false, gap: 'no_pbx' });
    expect(phoneSetupFor(config, { ...agent, sipExtension: null }, 's3cret')).toEqual({ ready: false, gap: 'no_extension' });
    expect(phoneSetupFor(config, agent, null)).toEqual({ ready: false, gap: 'no_password' });
    expect(phoneSetupFor(config, agent, '')).toEqual({ ready: false, gap: 'no_password' });
  });
});
