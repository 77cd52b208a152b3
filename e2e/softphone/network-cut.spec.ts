/**
 * A real network cut mid-call: the agent's Chromium runs in its own network namespace, joined to
 * the PBX's (the test's) by a veth pair; the link goes down long enough for ICE to fail, then up
 * again. The call must survive through the engine's ICE-restart re-INVITE, with media flowing
 * again both ways. Needs root in a namespace of its own (as `npm test` runs the suites).
 */
import { test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startPbx, type Pbx } from '../support/pbx';
import { serveStatic, type StaticServer } from '../support/static-server';
import { closePhone, dial, expect, expectAudioFlowing, expectInboundStalled, expectRegistered, line } from './phones';

const HOST_IF = 'cutA';
const AGENT_IF = 'cutB';
const HOST_ADDR = '10.77.0.1';
const AGENT_ADDR = '10.77.0.2';
const PASSWORDS = { '1001': 'agent-secret-1', '2001': 'customer-1' } as const;
const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const wrapper = fileURLToPath(new URL('./netns-chromium.sh', import.meta.url));

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const isRoot = process.getuid?.() === 0;
/** Only inside a namespace of the test's own (the suite's `unshare --net`): never touch the host's links. */
const ownNamespace = isRoot && !ip('-o', 'link').split('\n').some((row) => /^\d+: (eth|en|wl)/.test(row));

test.describe('network cut mid-call', () => {
  test.skip(!ownNamespace, 'needs root inside a loopback-only network namespace (npm test runs the suites so)');
  test.describe.configure({ timeout: 240_000 });

  let pbx: Pbx;
  let web: StaticServer;
  let hostBrowser: Browser;
  let agentBrowser: Browser;
  let dir: string;

  test.beforeAll(async () => {
    ip('link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', AGENT_IF);
    ip('addr', 'add', `${HOST_ADDR}/24`, 'dev', HOST_IF);
    ip('link', 'set', HOST_IF, 'up');
    pbx = await startPbx({ extensions: { ...PASSWORDS }, extraAddresses: [HOST_ADDR] });
    web = await serveStatic(rendererDir);
    hostBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    dir = mkdtempSync(join(tmpdir(), 'centralita-netns-'));
    const pidFile = join(dir, 'pid');
    const launching = chromium.launch({
      // Its page comes from Playwright (no address), so Chromium would take it as public and hold
      // the WebSocket to the PBX's private address for a Local Network Access prompt.
      executablePath: wrapper, args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
      env: { ...process.env, NETNS_PIDFILE: pidFile, NETNS_IF: AGENT_IF, NETNS_ADDR: `${AGENT_ADDR}/24` },
    });
    // The wrapper waits in its new namespace for the veth end: move it there.
    await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '').toBe(true);
    ip('link', 'set', AGENT_IF, 'netns', readFileSync(pidFile, 'utf8').trim());
    agentBrowser = await launching;
  });

  test.afterAll(async () => {
    await agentBrowser?.close().catch(() => undefined);
    await hostBrowser?.close().catch(() => undefined);
    await web?.stop();
    await pbx?.stop();
    try {
      ip('link', 'del', HOST_IF);
    } catch {
      // already gone with the agent's namespace
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The agent's phone: its page is served through Playwright (no HTTP route into its namespace), SIP over the veth. */
  async function openAgent(): Promise<Page> {
    const context = await agentBrowser.newContext();
    await context.route(`${web.url}/**`, async (route) => route.fulfill({ response: await route.fetch() }));
    const page = await context.newPage();
    if (process.env.PHONE_CONSOLE) page.on('console', (message) => console.log(`[agent] ${message.type()}: ${message.text()}`));
    const wsUrl = pbx.wsUrl.replace('127.0.0.1', HOST_ADDR);
    const query = new URLSearchParams({ server: wsUrl, domain: pbx.domain, user: '1001', password: PASSWORDS['1001'], autostart: '1', lang: 'en' });
    await page.goto(`${web.url}/caller.html?${query.toString()}`);
    return page;
  }

  async function openCustomer(): Promise<Page> {
    const page = await (await hostBrowser.newContext()).newPage();
    const query = new URLSearchParams({ server: pbx.wsUrl, domain: pbx.domain, user: '2001', password: PASSWORDS['2001'], autostart: '1', lang: 'en' });
    await page.goto(`${web.url}/caller.html?${query.toString()}`);
    return page;
  }

  const iceRestarts = (page: Page): Promise<number> =>
    page.evaluate(() => (globalThis as unknown as { centralitaSoftphone?: { getSnapshot(): { lines: ReadonlyArray<{ iceRestarts: number }> } } })
      .centralitaSoftphone?.getSnapshot().lines[0]?.iceRestarts ?? 0);

  test('the link goes down mid-call and comes back: ICE restart re-INVITE, and the media flows again', async () => {
    const agent = await openAgent();
    const customer = await openCustomer();
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(agent, 0);

      ip('link', 'set', HOST_IF, 'down');
      try {
        // Media stops arriving while the link is down…
        await expectInboundStalled(agent, 0, 2);
        // …ICE fails and the engine sends an ICE-restart re-INVITE (queued until the link is back).
        await expect.poll(() => iceRestarts(agent), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      } finally {
        ip('link', 'set', HOST_IF, 'up');
      }

      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(customer, 0);
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });
});
