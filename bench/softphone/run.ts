/**
 * Call set-up on loopback through the Kamailio test PBX, between two Chromium pages running the
 * real phone (caller.html): INVITE sent → ringing at the far end, and answer → first RTP packet
 * received, p50/p99 over BENCH_SOFTPHONE_CALLS calls (default 50). The baseline, measured in the
 * same run and browser: two RTCPeerConnections in one page with no SIP and no PBX, offer/answer
 * exchanged in memory (the SDP floor) and answer applied → first RTP packet (the media floor).
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
type Scope = { centralitaSoftphone?: Probe; benchRingAt?: number | null };

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

/** One call: returns [invite → ringing at the agent, answer → first RTP packet at the agent] in ms. */
async function oneCall(customer: Page, agent: Page): Promise<[number, number]> {
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
  const media = await agent.evaluate(async () => {
    const engine = (globalThis as unknown as Scope).centralitaSoftphone!;
    const answeredAt = performance.timeOrigin + performance.now();
    void engine.answer(0);
    for (;;) {
      const stats = await engine.audioStats(0);
      if ((stats?.packetsReceived ?? 0) > 0) return performance.timeOrigin + performance.now() - answeredAt;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });
  await customer.evaluate(() => (globalThis as unknown as Scope).centralitaSoftphone!.hangup(0));
  await Promise.all([waitIdle(customer), waitIdle(agent)]);
  return [ringAt - invitedAt, media];
}

/** The floor without SIP or PBX: two peer connections in one page. */
async function baselineCall(page: Page): Promise<[number, number]> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const a = new RTCPeerConnection({ iceServers: [] });
    const b = new RTCPeerConnection({ iceServers: [] });
    a.onicecandidate = (event) => event.candidate && void b.addIceCandidate(event.candidate);
    b.onicecandidate = (event) => event.candidate && void a.addIceCandidate(event.candidate);
    stream.getTracks().forEach((track) => a.addTrack(track, stream));
    b.addTransceiver('audio', { direction: 'recvonly' });
    const start = performance.now();
    await a.setLocalDescription(await a.createOffer());
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
      if (received > 0) {
        firstPacket = performance.now() - answered;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    a.close();
    b.close();
    stream.getTracks().forEach((track) => track.stop());
    return [sdpDone - start, firstPacket] as [number, number];
  });
}

const pbx = await startPbx({ extensions: { ...PASSWORDS } });
const web = await serveStatic(join(repoRoot, 'out', 'renderer'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const customer = await (await browser.newContext()).newPage();
  const agent = await (await browser.newContext()).newPage();
  await openPhone(customer, web.url, pbx.wsUrl, pbx.domain, '2001');
  await openPhone(agent, web.url, pbx.wsUrl, pbx.domain, '1001');
  const baselinePage = await (await browser.newContext()).newPage();
  await baselinePage.goto(`${web.url}/caller.html`);

  // The first call after start is slower (ICE, codecs warming up): one warm-up of each, not counted.
  await oneCall(customer, agent);
  await baselineCall(baselinePage);
  const ring: number[] = [];
  const media: number[] = [];
  const baseSdp: number[] = [];
  const baseMedia: number[] = [];
  for (let call = 0; call < CALLS; call += 1) {
    const [toRing, toMedia] = await oneCall(customer, agent);
    ring.push(toRing);
    media.push(toMedia);
    const [sdp, firstPacket] = await baselineCall(baselinePage);
    baseSdp.push(sdp);
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
  const mediaFloor = (p: number) => ({ name: 'in-page peer connections, no SIP', value: percentile(baseMedia, p) });
  report('softphone', [
    { name: 'INVITE sent → ringing at the agent p50', value: percentile(ring, 50), unit: 'ms', baseline: sdpFloor },
    { name: 'INVITE sent → ringing at the agent p99', value: percentile(ring, 99), unit: 'ms', baseline: { ...sdpFloor, value: percentile(baseSdp, 99) } },
    { name: 'answer → first RTP packet p50', value: percentile(media, 50), unit: 'ms', baseline: mediaFloor(50), goal: 'issue goal: answer → ICE connected p50 ≤ 60 ms (an earlier point than the first packet)' },
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
