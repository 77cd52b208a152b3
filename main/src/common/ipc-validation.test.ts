import { describe, expect, it } from 'vitest';
import { invokeChannels } from '@contract';
import { isInvokeChannel, validateInvoke, validateInvokeArgs, validateSender } from './ipc-validation';

const APP_FRAME = { url: 'app://centralita/index.html', isMainFrame: true };

describe('validateSender', () => {
  it('accepts the app main frame', () => {
    expect(validateSender(APP_FRAME)).toEqual({ ok: true, value: true });
  });

  it.each([
    [{ url: 'app://centralita/index.html', isMainFrame: false }, 'not the main frame'],
    [{ url: 'https://evil.example/', isMainFrame: true }, 'is not the app'],
    [{ url: 'file:///work/main/out/renderer/index.html', isMainFrame: true }, 'is not the app'],
    [{ url: 'about:blank', isMainFrame: true }, 'is not the app'],
    [{ url: null, isMainFrame: true }, 'frame is gone'],
  ])('refuses %j', (sender, reason) => {
    const check = validateSender(sender);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });
});

describe('validateInvokeArgs', () => {
  it('passes well-formed payloads through, typed', () => {
    expect(validateInvokeArgs('config:get', [])).toEqual({ ok: true, value: [] });
    expect(validateInvokeArgs('secrets:set', ['sip.password', 's3cret'])).toEqual({ ok: true, value: ['sip.password', 's3cret'] });
    expect(validateInvokeArgs('presence:set', ['available'])).toEqual({ ok: true, value: ['available'] });
    expect(validateInvokeArgs('notification:show', [{ title: 'Llamada entrante', body: '+34 911 222 333' }])).toEqual({
      ok: true,
      value: [{ title: 'Llamada entrante', body: '+34 911 222 333' }],
    });
  });

  it.each([
    ['config:get', ['extra']],
    ['secrets:get', []],
    ['secrets:get', ['../../etc/passwd']],
    ['secrets:get', ['UPPER']],
    ['secrets:set', ['sip.password']],
    ['secrets:set', ['sip.password', 'x'.repeat(5000)]],
    ['secrets:delete', [42]],
    ['presence:set', ['asleep']],
    ['notification:show', [{ title: '', body: 'x' }]],
    ['notification:show', [{ body: 'no title' }]],
    ['external:open', [{ url: 'https://example.com' }]],
  ] as const)('refuses %s with %j', (channel, args) => {
    const check = validateInvokeArgs(channel, args);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(`invalid payload for ${channel}`);
  });
});

describe('validateInvoke', () => {
  it('checks the sender before the payload', () => {
    const check = validateInvoke('secrets:get', { url: 'https://evil.example/', isMainFrame: true }, ['sip.password']);
    expect(check).toEqual({ ok: false, reason: 'sender https://evil.example/ is not the app' });
  });

  it('accepts a valid call from the app', () => {
    expect(validateInvoke('external:open', APP_FRAME, ['https://example.com'])).toEqual({ ok: true, value: ['https://example.com'] });
  });
});

describe('isInvokeChannel', () => {
  it('knows every channel of the map and nothing else', () => {
    for (const channel of Object.keys(invokeChannels)) expect(isInvokeChannel(channel)).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isInvokeChannel('shell:exec')).toBe(false);
  });
});
