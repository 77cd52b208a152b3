import { describe, expect, it } from 'vitest';
import { parsePreferredCodecs } from './codec-preference';
import { phoneSetupFor } from './softphone-settings';

describe('preferred codecs setting', () => {
  it('reads known names in order, any case and separator, as the engine names them', () => {
    expect(parsePreferredCodecs('pcma, OPUS g722')).toEqual({ ok: true, codecs: ['PCMA', 'opus', 'G722'] });
    expect(parsePreferredCodecs('  ')).toEqual({ ok: true, codecs: [] });
  });

  it('refuses unknown names and repeats, naming the culprit', () => {
    expect(parsePreferredCodecs('PCMA, G729')).toEqual({ ok: false, problem: 'unknown', name: 'G729' });
    expect(parsePreferredCodecs('opus,Opus')).toEqual({ ok: false, problem: 'duplicate', name: 'opus' });
  });

  it('reaches the engine settings only when set', () => {
    const config = { sipWssUrl: 'wss://pbx.test', sipDomain: 'pbx.test' };
    const user = { displayName: 'Ana', sipExtension: '1001' };
    expect(phoneSetupFor(config, user, 'pw', ['PCMA'])).toMatchObject({ ready: true, settings: { preferredCodecs: ['PCMA'] } });
    const plain = phoneSetupFor(config, user, 'pw', []);
    expect(plain.ready && 'preferredCodecs' in plain.settings).toBe(false);
  });
});
