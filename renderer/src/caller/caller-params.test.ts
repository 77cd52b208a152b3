import { describe, expect, it } from 'vitest';
import { ignoringHold, isHoldOffer, readCallerForm, settingsFromForm } from './caller-params';

describe('customer phone parameters', () => {
  it('reads the query string, with safe defaults', () => {
    const form = readCallerForm('?server=ws://127.0.0.1:5066&user=2002&password=pw&dial=1001&autostart=1&dtmf=sip-info&lang=es');
    expect(form).toMatchObject({ server: 'ws://127.0.0.1:5066', user: '2002', password: 'pw', dial: '1001', autostart: true, dtmfMode: 'sip-info', language: 'es', domain: 'centralita.test' });
    expect(readCallerForm('')).toMatchObject({ user: '2001', autostart: false, dtmfMode: 'rfc4733', language: null });
    expect(readCallerForm('?dtmf=bogus&lang=fr')).toMatchObject({ dtmfMode: 'rfc4733', language: null });
  });

  it('builds engine settings with no ICE servers', () => {
    const result = settingsFromForm(readCallerForm('?server=wss://127.0.0.1:7443&user=2001&password=pw&name=Ana'));
    expect(result).toEqual({
      ok: true,
      settings: {
        sipUri: 'sip:2001@centralita.test', serverUrl: 'wss://127.0.0.1:7443', authorizationUsername: '2001',
        password: 'pw', displayName: 'Ana', dtmfMode: 'rfc4733', iceServers: [],
      },
    });
  });

  it('reads codec preferences strictly and the ignore-hold switch', () => {
    expect(readCallerForm('?codecs=PCMA, opus,<script>,&refuseHold=1')).toMatchObject({ codecs: ['PCMA', 'opus'], refuseHold: true });
    expect(settingsFromForm(readCallerForm('?server=ws://x&password=pw&codecs=G722'))).toMatchObject({ ok: true, settings: { preferredCodecs: ['G722'] } });
    expect(readCallerForm('')).toMatchObject({ codecs: [], refuseHold: false, handoff: null });
    expect(readCallerForm('?handoff=%7B%22notes%22%3A%22hola%22%7D')).toMatchObject({ handoff: '{"notes":"hola"}' });
  });

  it('tells a hold offer (sendonly or inactive) from a normal one', () => {
    expect(isHoldOffer('m=audio 9 RTP/AVP 0\r\na=sendonly\r\n')).toBe(true);
    expect(isHoldOffer('m=audio 9 RTP/AVP 0\na=inactive\n')).toBe(true);
    expect(isHoldOffer('m=audio 9 RTP/AVP 0\r\na=sendrecv\r\n')).toBe(false);
  });

  it('names the field that is wrong', () => {
    expect(settingsFromForm(readCallerForm('?server=http://x&password=pw'))).toEqual({ ok: false, problem: 'server' });
    expect(settingsFromForm(readCallerForm('?server=ws://x&password=pw&domain=a%20b'))).toEqual({ ok: false, problem: 'domain' });
    expect(settingsFromForm(readCallerForm('?server=ws://x&password=pw&user=a@b'))).toEqual({ ok: false, problem: 'user' });
    expect(settingsFromForm(readCallerForm('?server=ws://x'))).toEqual({ ok: false, problem: 'password' });
  });

  it('plays a phone that ignores hold: keeps sending, but answers as held', () => {
    const phone = ignoringHold();
    const holdOffer = 'v=0\r\nm=audio 9 RTP/AVP 0\r\na=sendonly\r\n';
    expect(phone.remote(holdOffer)).toBe('v=0\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n');
    expect(phone.local('v=0\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n')).toBe('v=0\r\nm=audio 9 RTP/AVP 0\r\na=recvonly\r\n');
    // A resume is answered as it is.
    const resume = 'v=0\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n';
    expect(phone.remote(resume)).toBe(resume);
    expect(phone.local(resume)).toBe(resume);
    expect(readCallerForm('?ignoreHold=1')).toMatchObject({ ignoreHold: true });
  });
});
