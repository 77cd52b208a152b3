/**
 * Call set-up on loopback through the Kamailio test PBX, between two Chromium pages running the
 * real phone (caller.html): INVITE sent → ringing at the far end, answer → ICE connected (the
 * issue's figure) and answer → first RTP packet received, p50/p99 over BENCH_SOFTPHONE_CALLS calls
 * (default 50). The baseline, measured in the same run and browser: two RTCPeerConnections in one
 * page with no SIP and no PBX, offer/answer exchanged in memory (the SDP floor), the answering side
 * from applying the offer → ICE connected, and answer applied → first RTP packet (the media floor).
 * Then reconnect time after a PBX restart over BENCH_SOFTPHONE_RECONNECTS restarts (default 10),
 * beside a clean start → registered (reconnect.ts).
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/playwright.config';
import { repoRoot } from '../../e2e/support/backend';
import { startPbx } from '../../e2e/support/pbx';
import { serveStatic } from '../../e2e/support/static-server';
import { percentile, report } from '../support/stats';
import { cleanRegistration, reconnectAfterRestart } from './reconnect';

const CALLS = Number(process.env.BENCH_SOFTPHONE_CALLS ?? 50);
const RECONNECTS = Number(process.env.BENCH_SOFTPHONE_RECONNECTS ?? 10);
const PASSWORDS = { '1001': 'bench-agent', '2001': 'bench-customer' } as const;

interface Probe {
  dial(number: string): Promise<unknown>;
  answer(line: 0 | 1): Promise<void>;
  hangup(line: 0 | 1): Promise<void>;
  audioStats(line: 0 | 1): Promise<{ packetsReceived: number } | null>;
  getSnapshot(): { registration: { status: string }; lines: ReadonlyArray<{ status: string }> };
  subscribe(listener: (snapshot: { lines: ReadonlyArray<{ status: string }> }) => void): () => void;
}
type Scope = { centralitaSoftphone?: Probe; benchRingAt?: number | null; benchIceConnectedAt?: number[] };

/**
 * Installed before the phone's page loads: notes when any peer connection's ICE reaches
 * connected, so "answer → ICE connected" is read without the engine exposing WebRTC objects.
 */
function recordIceConnected(): void {
  const scope = globalThis as unknown as Scope & { RTCPeerConnection: typeof RTCPeerConnection };
  const Native = scope.RTCPeerConnection;
  scope.benchIceConnectedAt = [];
  scope.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected') scope.benchIceConnectedAt!.push(performance.timeOrigin + performance.now());
      });
    }
  };
}

const now = 'performance.timeOrigin + performance.now()';

async function openPhone(page: Page, base: string, wsUrl: string, domain: string, user: '1001' | '2001'): Promise<void> {
  const query = new URLSearchParams({ server: wsUrl, domain, user, password: PASSWORDS[user], autostart: '1', lang: 'en' });
  await page.goto(`${base}/caller.html?${query.toString()}`);
  await page.waitForFunction(() => (globalThis as unknown as Scope).centralitaSoftphone?.getSnapshot().registration.status === 'registered', null, { timeout: 30_000 });
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const engine = (globalThis as unknown as Scope).centralitaSoftphone;
    return engine?.getSnapshot().lines.every((line) => line.status === 'idle' || line.status === 'ended') ?? false;
  }, null, { timeout: 15_000 });
}

/** One call: [invite → ringing, answer → ICE connected, answer → first RTP packet], at the agent, in ms. */
async function oneCall(customer: Page, agent: Page): Promise<[number, number, number]> {
  await agent.evaluate(() => {
    const scope = globalThis as unknown as Scope & { benchOff?: () => void };
    scope.benchRingAt = null;
    scope.benchOff?.();
    scope.benchOff = scope.centralitaSoftphone!.subscribe((snapshot) => {
      if (scope.benchRingAt === null && snapshot.lines[0]?.status === 'ringing') scope.benchRingAt = performance.timeOrigin + performance.now();
    });
  });
  const invitedAt = await customer.evaluate(`(() => { const t = ${now}; void globalThis.centralitaSoftphone.dial('1001'); return t; })()`) as number;
  const ringAt = Number(await (await agent.waitForFunction(() => (globalThis as unknown as Scope).benchRingAt ?? false, null, { polling: 2, timeout: 15_000 })).jsonValue());
  const [ice, media] = await agent.evaluate(async () => {
    const scope = globalThis as unknown as Scope;
    const engine = scope.centralitaSoftphone!;
    scope.benchIceConnectedAt = [];
    const answeredAt = performance.timeOrigin + performance.now();
    void engine.answer(0);
    let firstPacket: number | null = null;
    for (;;) {
      if (firstPacket === null && ((await engine.audioStats(0))?.packetsReceived ?? 0) > 0) firstPacket = performance.timeOrigin + performance.now() - answeredAt;
      const connectedAt = scope.benchIceConnectedAt[0];
      if (firstPacket !== null && connectedAt !== undefined) return [connectedAt - answeredAt, firstPacket] as [number, number];
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });
  await customer.evaluate(() => (globalThis as unknown as Scope).centralitaSoftphone!.hangup(0));
  await Promise.all([waitIdle(customer), waitIdle(agent)]);
  return [ringAt - invitedAt, ice, media];
}

/** The floor without SIP or PBX, two peer connections in one page: [SDP exchange, offer applied → ICE connected, answer applied → first packet]. */
async function baselineCall(page: Page): Promise<[number, number, number]> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const a = new RTCPeerConnection({ iceServers: [] });
    const b = new RTCPeerConnection({ iceServers: [] });
    a.onicecandidate = (event) => event.candidate && void b.addIceCandidate(event.candidate);
    b.onicecandidate = (event) => event.candidate && void a.addIceCandidate(event.candidate);
    stream.getTracks().forEach((track) => a.addTrack(track, stream));
    b.addTransceiver('audio', { direction: 'recvonly' });
    let connectedAt = 0;
    b.oniceconnectionstatechange = () => {
      if (b.iceConnectionState === 'connected' && connectedAt === 0) connectedAt = performance.now();
    };
    const start = performance.now();
    await a.setLocalDescription(await a.createOffer());
    const offerArrives = performance.now();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    const sdpDone = performance.now();
    await a.setRemoteDescription(b.localDescription!);
    const answered = performance.now();
    let firstPacket = 0;
    for (;;) {
      let received = 0;
      (await b.getStats()).forEach((report: { type: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp') received += report.packetsReceived ?? 0;
      });
      if (received > 0 && firstPacket === 0) firstPacket = performance.now() - answered;
      if (firstPacket > 0 && connectedAt > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    a.close();
    b.close();
    stream.getTracks().forEach((track) => track.stop());
    return [sdpDone - start, connectedAt - offerArrives, firstPacket] as [number, number, number];
  });
}

const pbx = await startPbx({ extensions: { ...PASSWORDS } });
const web = await serveStatic(join(repoRoot, 'out', 'renderer'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const customer = await (await browser.newContext()).newPage();
  const agent = await (await browser.newContext()).newPage();
  await agent.addInitScript(recordIceConnected);
  await openPhone(customer, web.url, pbx.wsUrl, pbx.domain, '2001');
  await openPhone(agent, web.url, pbx.wsUrl, pbx.domain, '1001');
  const baselinePage = await (await browser.newContext()).newPage();
  await baselinePage.goto(`${web.url}/caller.html`);

  // The first call after start is slower (ICE, codecs warming up): one warm-up of each, not counted.
  await oneCall(customer, agent);
  await baselineCall(baselinePage);
  const ring: number[] = [];
  const ice: number[] = [];
  const media: number[] = [];
  const baseSdp: number[] = [];
  const baseIce: number[] = [];
  const baseMedia: number[] = [];
  for (let call = 0; call < CALLS; call += 1) {
    const [toRing, toIce, toMedia] = await oneCall(customer, agent);
    ring.push(toRing);
    ice.push(toIce);
    media.push(toMedia);
    const [sdp, iceFloor, firstPacket] = await baselineCall(baselinePage);
    baseSdp.push(sdp);
    baseIce.push(iceFloor);
    baseMedia.push(firstPacket);
  }
  // Reconnects: the agent's phone rides out PBX restarts; the floor is a clean start → registered.
  const reconnect: number[] = [];
  const clean: number[] = [];
  for (let round = 0; round < RECONNECTS; round += 1) {
    reconnect.push(await reconnectAfterRestart(agent, pbx));
    clean.push(await cleanRegistration(agent));
  }
  const sdpFloor = { name: 'in-page offer/answer, no SIP', value: percentile(baseSdp, 50) };
  const iceFloor = (p: number) => ({ name: 'in-page, offer applied → ICE connected', value: percentile(baseIce, p) });
  const mediaFloor = (p: number) => ({ name: 'in-page peer connections, no SIP', value: percentile(baseMedia, p) });
  report('softphone', [
    { name: 'INVITE sent → ringing at the agent p50', value: percentile(ring, 50), unit: 'ms', baseline: sdpFloor },
    { name: 'INVITE sent → ringing at the agent p99', value: percentile(ring, 99), unit: 'ms', baseline: { ...sdpFloor, value: percentile(baseSdp, 99) } },
    { name: 'answer → ICE connected p50', value: percentile(ice, 50), unit: 'ms', baseline: iceFloor(50), goal: 'issue goal: p50 ≤ 60 ms' },
    { name: 'answer → ICE connected p99', value: percentile(ice, 99), unit: 'ms', baseline: iceFloor(99) },
    { name: 'answer → first RTP packet p50', value: percentile(media, 50), unit: 'ms', baseline: mediaFloor(50) },
    { name: 'answer → first RTP packet p99', value: percentile(media, 99), unit: 'ms', baseline: mediaFloor(99) },
    {
      name: 'PBX restart: listening again → re-registered p50', value: percentile(reconnect, 50), unit: 'ms',
      baseline: { name: 'clean start → registered', value: percentile(clean, 50) }, goal: 'issue goal: re-registered ≤ 5000 ms after the PBX is back',
    },
    { name: 'PBX restart: listening again → re-registered p99', value: percentile(reconnect, 99), unit: 'ms', baseline: { name: 'clean start → registered', value: percentile(clean, 99) } },
  ], { calls: CALLS, reconnects: RECONNECTS, transport: 'ws, loopback', cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version });
} finally {
  await browser.close();
  await web.stop();
  await pbx.stop();
}
