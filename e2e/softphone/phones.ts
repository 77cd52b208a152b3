/**
 * Helpers for the softphone e2e: the test PBX, the built renderer on a static server, one
 * Chromium that trusts the PBX's self-signed certificate, and phones opened on caller.html
 * (the same SoftphoneProvider + SoftphoneDock the agents use).
 */
import { chromium, expect as baseExpect, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startPbx, type Pbx } from '../support/pbx';
import { serveStatic, type StaticServer } from '../support/static-server';

/** Generous waits: the suite shares two cores with everything else; bounds that matter are explicit. */
export const expect = baseExpect.configure({ timeout: 20_000 });

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export const EXTENSIONS = { '1001': 'agent-secret-1', '1002': 'agent-secret-2', '2001': 'customer-1', '2002': 'customer-2' } as const;
export type Extension = keyof typeof EXTENSIONS;

export interface Lab {
  pbx: Pbx;
  web: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  if (!existsSync(join(rendererDir, 'caller.html'))) {
    throw new Error('out/renderer/caller.html is missing: run `npx electron-vite build` first');
  }
  const pbx = await startPbx({ extensions: { ...EXTENSIONS } });
  const started: { web?: StaticServer; browser?: Browser } = {};
  try {
    started.web = await serveStatic(rendererDir);
    started.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${pbx.certSpkiHash}`],
    });
  } catch (error) {
    await started.web?.stop();
    await pbx.stop();
    throw error;
  }
  const { web, browser } = started as Required<typeof started>;
  return {
    pbx, web, browser,
    async close() {
      await browser.close().catch(() => undefined);
      await web.stop();
      await pbx.stop();
    },
  };
}

export interface PhoneOptions {
  transport?: 'ws' | 'wss';
  dtmf?: 'rfc4733' | 'sip-info';
  password?: string;
  name?: string;
  lang?: 'en' | 'es';
  /** Codecs the phone puts first (rtpmap names). */
  codecs?: string[];
  /** The phone refuses hold offers with 488 (a far end that cannot be held). */
  refuseHold?: boolean;
  /** The phone answers a hold as held (recvonly) but keeps sending audio. */
  ignoreHold?: boolean;
  /** Hand-off text this phone sends with its transfers (as an agent's card would). */
  handoff?: string;
}

/** Opens caller.html as `extension`, switched on; resolves when the page shows the dock. */
export async function openPhone(lab: Lab, extension: Extension, options: PhoneOptions = {}): Promise<Page> {
  const context = await lab.browser.newContext({ locale: options.lang === 'es' ? 'es-ES' : 'en-US' });
  const page = await context.newPage();
  const query = new URLSearchParams({
    server: options.transport === 'ws' ? lab.pbx.wsUrl : lab.pbx.wssUrl,
    domain: lab.pbx.domain,
    user: extension,
    password: options.password ?? EXTENSIONS[extension],
    dtmf: options.dtmf ?? 'rfc4733',
    autostart: '1',
    lang: options.lang ?? 'en',
    ...(options.name ? { name: options.name } : {}),
    ...(options.codecs ? { codecs: options.codecs.join(',') } : {}),
    ...(options.refuseHold ? { refuseHold: '1' } : {}),
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.ignoreHold ? { ignoreHold: '1' } : {}),
  });
  // Debugging aid: PHONE_CONSOLE=1 prints each phone's console (sip.js errors) with its extension.
  if (process.env.PHONE_CONSOLE) page.on('console', (message) => console.log(`[${extension}] ${message.type()}: ${message.text()}`));
  await page.goto(`${lab.web.url}/caller.html?${query.toString()}`);
  return page;
}

export async function closePhone(page: Page): Promise<void> {
  await page.context().close();
}

export const registration = (page: Page) => page.locator('[data-registration]');
export const line = (page: Page, index: 0 | 1) => page.locator(`[data-line="${index}"]`);

export async function expectRegistered(page: Page, timeout?: number): Promise<void> {
  await expect(registration(page)).toHaveAttribute('data-registration', 'registered', timeout ? { timeout } : {});
}

export async function dial(page: Page, number: string): Promise<void> {
  await page.getByLabel('Number to call').fill(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

/** The part of the engine the tests read (exposed by caller.html on window.centralitaSoftphone). */
interface EngineProbe {
  audioStats(line: 0 | 1): Promise<{ packetsReceived: number; packetsSent: number; totalAudioEnergy: number } | null>;
  mediaDirections(line: 0 | 1): { local: string | null; remote: string | null } | null;
  readonly ringtonePlaying: boolean;
  sendingCodec(line: 0 | 1): Promise<string | null>;
  getSnapshot(): { lines: ReadonlyArray<{ dtmfReceived: string; dtmfSent: string; endReason: string | null; handoff: string | null; holdCheck: string }> };
}

export async function audioStats(page: Page, index: 0 | 1): Promise<{ packetsReceived: number; packetsSent: number; totalAudioEnergy: number }> {
  const stats = await page.evaluate(async (lineIndex) => {
    const engine = (globalThis as unknown as { centralitaSoftphone?: EngineProbe }).centralitaSoftphone;
    return (await engine?.audioStats(lineIndex)) ?? null;
  }, index);
  return stats ?? { packetsReceived: 0, packetsSent: 0, totalAudioEnergy: 0 };
}

export async function mediaDirections(page: Page, index: 0 | 1): Promise<{ local: string | null; remote: string | null } | null> {
  return page.evaluate((lineIndex) => {
    const engine = (globalThis as unknown as { centralitaSoftphone?: EngineProbe }).centralitaSoftphone;
    return engine?.mediaDirections(lineIndex) ?? null;
  }, index);
}

export async function lineField(page: Page, index: 0 | 1, field: 'dtmfReceived' | 'dtmfSent' | 'endReason' | 'handoff' | 'holdCheck'): Promise<string | null> {
  return page.evaluate(({ lineIndex, key }) => {
    const engine = (globalThis as unknown as { centralitaSoftphone?: EngineProbe }).centralitaSoftphone;
    return engine?.getSnapshot().lines[lineIndex]?.[key] ?? null;
  }, { lineIndex: index, key: field });
}

/** Media really flows into `page` on `index`: inbound audio packets keep growing. */
export async function expectAudioFlowing(page: Page, index: 0 | 1): Promise<void> {
  const before = (await audioStats(page, index)).packetsReceived;
  await expect.poll(async () => (await audioStats(page, index)).packetsReceived, { timeout: 20_000 }).toBeGreaterThan(before + 20);
}

/** No inbound audio arrives on `index`: the packet count stays the same for `readings` readings in a row (~1 s apart). */
export async function expectInboundStalled(page: Page, index: 0 | 1, readings: number): Promise<void> {
  let last = -1;
  let unchanged = 0;
  await expect.poll(async () => {
    const now = (await audioStats(page, index)).packetsReceived;
    unchanged = now === last ? unchanged + 1 : 0;
    last = now;
    return unchanged;
  }, { intervals: [1000], timeout: 30_000 }).toBeGreaterThanOrEqual(readings);
}

/** The codec the page's phone sends on `index` (e.g. `audio/PCMA`), from getStats. */
export async function sendingCodec(page: Page, index: 0 | 1): Promise<string | null> {
  return page.evaluate(async (lineIndex) => {
    const engine = (globalThis as unknown as { centralitaSoftphone?: EngineProbe }).centralitaSoftphone;
    return (await engine?.sendingCodec(lineIndex)) ?? null;
  }, index);
}

export async function ringtonePlaying(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { centralitaSoftphone?: EngineProbe }).centralitaSoftphone?.ringtonePlaying ?? false);
}
