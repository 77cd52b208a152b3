/**
 * A known customer calls while the agent's first download has not reached them: the pop misses the
 * local cache, asks the server for that one caller (GET /api/sync/snapshot/caller) and shows the
 * customer's card. Real Kamailio, real backend (several snapshot pages of seeded customers), real
 * Chromium; the download is held back with request interception, never with timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test, type Route } from '@playwright/test';
import { formatHlc } from '../../contract/src/hlc';
import { pushResponseSchema } from '../../contract/src/sync';
import { snapshotPageSchema, type SnapshotPage } from '../../contract/src/snapshot';
import { uuidv7 } from '../../renderer/src/features/sync/uuid7';
import { CHROMIUM_ARGS } from '../playwright.config';
import { repoRoot, startBackend } from '../support/backend';
import { saveScreenshot, seriousAccessibilityViolations } from '../support/fixtures';
import { startPbx } from '../support/pbx';
import { signInAs } from '../support/sign-in';
import { serveStatic } from '../support/static-server';
import { apiLogin } from '../sync/lab';
import { AGENTS, callAgent, expect, openCustomerPhone, type CardLab } from './card-lab';

/** Three download pages of 1,000 (the client's page size). */
const SEEDED = 2500;
/** The caller's extension: a Spanish mobile number, so the caller id normalises to E.164. */
const CALLER_EXTENSION = '600444555';
const CALLER_E164 = '+34600444555';

function seed(dataDir: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server/src/cli/seed.ts'), '--customers', String(count), '--with-demo-accounts'], {
      cwd: repoRoot, stdio: 'ignore', env: { ...process.env, DATA_DIR: dataDir, CENTRALITA_DEMO: '1' },
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`))));
  });
}

async function snapshotPage(baseUrl: string, token: string, query: Record<string, string>): Promise<SnapshotPage> {
  const response = await fetch(`${baseUrl}/api/sync/snapshot?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
  return snapshotPageSchema.parse(await response.json());
}

/** A gate a route handler waits on until the test opens it; `hit` resolves at the first request held. */
function gate() {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  const hit = new Promise<void>((resolve) => { reached = resolve; });
  return { open, opened, hit, reached };
}

test.describe('screen pop during the first download', () => {
  test.describe.configure({ timeout: 300_000 });
  const lab = {} as CardLab;
  let dataDir = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dataDir = mkdtempSync(join(tmpdir(), 'centralita-caller-download-e2e-'));
    await seed(dataDir, SEEDED);
    lab.pbx = await startPbx({ extensions: { [AGENTS.agent1.extension]: AGENTS.agent1.sipPassword, [CALLER_EXTENSION]: 'customer-held' } });
    lab.backend = await startBackend({ env: { DATA_DIR: dataDir, SIP_WSS_URL: lab.pbx.wsUrl, SIP_DOMAIN: lab.pbx.domain } });
    lab.web = await serveStatic(join(repoRoot, 'out', 'renderer'));
    lab.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  test.afterAll(async () => {
    await lab.browser?.close().catch(() => undefined);
    await lab.web?.stop();
    await lab.backend?.stop();
    await lab.pbx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a known caller in a page not downloaded yet pops as themselves; the download then completes under the card', async () => {
    // A customer of the second page gets the caller's number (pushed before the agent signs in).
    const other = await apiLogin(lab.backend.url, 'agent2');
    const first = await snapshotPage(lab.backend.url, other.token, { limit: '1000' });
    expect(first.total).toBeGreaterThanOrEqual(SEEDED);
    expect(first.next).not.toBeNull();
    const held = (await snapshotPage(lab.backend.url, other.token, { limit: '1', after: first.next! })).customers[0]!;
    const name = String(held.displayName);
    const push = await fetch(`${lab.backend.url}/api/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${other.token}` },
      body: JSON.stringify({ clientId: 'e2eCallerSeed', mutations: [{
        id: uuidv7(), entity: 'identity', entityId: uuidv7(), op: 'add', clientTs: formatHlc({ wallMs: Date.now(), counter: 0, node: 'e2eCallerSeed' }),
        patch: { customerId: held.id, kind: 'phone', value: CALLER_E164 },
      }] }),
    });
    expect(pushResponseSchema.parse(await push.json()).results.map((result) => result.status)).toEqual(['applied']);

    const context = await lab.browser.newContext({ locale: 'en-US', baseURL: lab.backend.url, viewport: { width: 1440, height: 1000 } });
    // Every download page after the first waits for the test; so does the caller lookup, until checked.
    const download = gate();
    const heldPages: string[] = [];
    await context.route((url) => url.pathname === '/api/sync/snapshot' && url.searchParams.has('after'), async (route: Route) => {
      heldPages.push(new URL(route.request().url()).searchParams.get('after')!);
      download.reached();
      await download.opened;
      await route.continue();
    });
    const lookup = gate();
    const lookups: string[] = [];
    await context.route((url) => url.pathname === '/api/sync/snapshot/caller', async (route: Route) => {
      lookups.push(new URL(route.request().url()).searchParams.get('phone')!);
      lookup.reached();
      await lookup.opened;
      await route.continue();
    });
    const agent = await context.newPage();
    const customerPhone = await openCustomerPhone(lab, CALLER_EXTENSION, 'customer-held');
    try {
      await agent.goto('/');
      await signInAs(agent, 'agent1');
      const sync = agent.getByRole('banner').getByRole('region', { name: 'Sync' });
      // The first page is stored; the rest of the download is held.
      await download.hit;
      await expect(sync).toContainText(`1000 of ${first.total}`, { timeout: 90_000 });
      await agent.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = agent.getByRole('dialog');
      await dialog.getByLabel('Phone (SIP) password').fill(AGENTS.agent1.sipPassword);
      await dialog.getByRole('button', { name: 'Save password' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(agent.locator('[data-registration]')).toHaveAttribute('data-registration', 'registered');

      await callAgent(customerPhone, 'agent1');
      const area = agent.getByRole('main', { name: 'Customer' });
      await expect(area).toContainText(`Incoming call from ${CALLER_E164}`);
      // Not in the cache yet: the unknown-caller view says the server is being asked.
      await lookup.hit;
      expect(lookups).toEqual([CALLER_E164]);
      const status = area.getByTestId('caller-server-lookup');
      await expect(status).toHaveText('Looking up the caller on the server…');
      await expect(status).toHaveAttribute('role', 'status');
      await expect(status).toHaveAttribute('aria-live', 'polite');
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'card-caller-server-lookup-en');
      expect(await agent.locator('#sync-progress-bar').getAttribute('value')).toBe('1000');

      lookup.open();
      const card = area.getByRole('article', { name: `Customer card: ${name}` });
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute('data-customer-id', held.id);
      await expect(card.locator('[data-identity-kind="phone"]').filter({ hasText: CALLER_E164 })).toHaveCount(1);
      await expect(area.getByRole('heading', { name: 'Unknown caller' })).toHaveCount(0);
      // The answer did not move the download on: it is still held after its first page.
      expect(await agent.locator('#sync-progress-bar').getAttribute('value')).toBe('1000');
      expect(new Set(heldPages)).toEqual(new Set([first.next]));
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);

      download.open();
      await expect(agent.locator('#sync-progress-bar')).toHaveCount(0, { timeout: 120_000 });
      await expect(agent.getByTestId('sync-connection')).toHaveText('Online');
      expect(heldPages.length).toBeGreaterThanOrEqual(2);
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute('data-customer-id', held.id);
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Decline' }).click();
      await expect(customerPhone.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
    } finally {
      download.open();
      lookup.open();
      await customerPhone.context().close();
      await context.close();
    }
  });
});
