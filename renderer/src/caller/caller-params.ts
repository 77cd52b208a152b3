/**
 * The customer phone reads its form defaults from the page's query string, so a test (or a
 * demo link printed by `npm start`) can open it ready to go:
 * `caller.html?server=ws://127.0.0.1:5066&domain=centralita.test&user=2001&password=…&dial=1001&autostart=1`.
 */
import type { DtmfMode, SoftphoneSettings } from '@features/softphone';

export interface CallerForm {
  server: string;
  domain: string;
  user: string;
  password: string;
  displayName: string;
  dtmfMode: DtmfMode;
  dial: string;
  autostart: boolean;
  language: 'en' | 'es' | null;
  /** Codecs to put first (comma-separated rtpmap names in the query: `codecs=PCMA,opus`). */
  codecs: string[];
  /** Plays a phone that cannot be held: it refuses hold offers with 488 (to test the agent's hold warning). */
  refuseHold: boolean;
  /** Plays a phone that answers a hold as held (recvonly) but keeps sending audio. */
  ignoreHold: boolean;
  /** Plays an agent phone that sends this hand-off text with its transfers (`handoff=` in the query). */
  handoff: string | null;
}

export function readCallerForm(search: string): CallerForm {
  const query = new URLSearchParams(search);
  const language = query.get('lang');
  return {
    server: query.get('server') ?? '',
    domain: query.get('domain') ?? 'centralita.test',
    user: query.get('user') ?? '2001',
    password: query.get('password') ?? '',
    displayName: query.get('name') ?? '',
    dtmfMode: query.get('dtmf') === 'sip-info' ? 'sip-info' : 'rfc4733',
    dial: query.get('dial') ?? '',
    autostart: query.get('autostart') === '1',
    language: language === 'en' || language === 'es' ? language : null,
    codecs: (query.get('codecs') ?? '').split(',').map((codec) => codec.trim()).filter((codec) => /^[A-Za-z0-9.-]{1,32}$/.test(codec)).slice(0, 8),
    refuseHold: query.get('refuseHold') === '1',
    ignoreHold: query.get('ignoreHold') === '1',
    handoff: query.get('handoff') || null,
  };
}

/** A hold offer: the audio is sendonly or inactive from the offerer's side. */
export function isHoldOffer(sdp: string): boolean {
  return /^a=(sendonly|inactive)\r?$/m.test(sdp);
}

/**
 * SDP rewrites for a phone that ignores hold: it takes a hold offer as sendrecv (so its browser
 * keeps sending) and tells the other side recvonly (so the hold looks confirmed in the SDP).
 */
export function ignoringHold(): { remote: (sdp: string) => string; local: (sdp: string) => string } {
  let holdOffered = false;
  return {
    remote: (sdp) => {
      holdOffered = isHoldOffer(sdp);
      return holdOffered ? sdp.replace(/^a=(?:sendonly|inactive)(\r?)$/gm, 'a=sendrecv$1') : sdp;
    },
    local: (sdp) => (holdOffered ? sdp.replace(/^a=sendrecv(\r?)$/gm, 'a=recvonly$1') : sdp),
  };
}

export type SettingsResult = { ok: true; settings: SoftphoneSettings } | { ok: false; problem: 'server' | 'domain' | 'user' | 'password' };

/** Validates the form into engine settings; a bad field is named, never silently fixed. */
export function settingsFromForm(form: CallerForm): SettingsResult {
  if (!/^wss?:\/\/[^\s/]+/.test(form.server)) return { ok: false, problem: 'server' };
  if (!/^[a-z0-9.-]+$/i.test(form.domain)) return { ok: false, problem: 'domain' };
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(form.user)) return { ok: false, problem: 'user' };
  if (form.password === '') return { ok: false, problem: 'password' };
  return {
    ok: true,
    settings: {
      sipUri: `sip:${form.user}@${form.domain}`,
      serverUrl: form.server,
      authorizationUsername: form.user,
      password: form.password,
      displayName: form.displayName || undefined,
      dtmfMode: form.dtmfMode,
      iceServers: [],
      ...(form.codecs.length > 0 ? { preferredCodecs: form.codecs } : {}),
    },
  };
}
