/**
 * What the customer-card e2e needs: the test PBX (Kamailio) with the agent's extension and
 * customer phones whose extensions are Spanish mobile numbers (so the caller id normalises to
 * E.164), the real backend pointed at that PBX, one Chromium, the agent's workspace signed in with
 * its phone registered, and customer phones on caller.html.
 */
import { chromium, expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config';
import { repoRoot, startBackend, type RunningBackend } from '../support/backend';
import { startPbx, type Pbx } from '../support/pbx';
import { serveStatic, type StaticServer } from '../support/static-server';
import { signInAs } from '../support/sign-in';

/** Generous waits: the machine is shared; nothing here asserts a duration. */
export const expect = baseExpect.configure({ timeout: 30_000 });

/** The demo agents' extensions (server/src/seed/accounts.ts) and the SIP passwords this PBX gives them. */
export const AGENTS = { agent1: { extension: '1001', sipPassword: 'agent-secret-1' }, agent2: { extension: '1002', sipPassword: 'agent-secret-2' } } as const;
export type AgentName = keyof typeof AGENTS;
/** National numbers that normalise to +34 6xx… (the default country is ES). */
export const CUSTOMER_PHONES = { linked: '600111222', created: '600333444', transferred: '600555777', history: '600888999' } as const;

export interface CardLab {
  pbx: Pbx;
  backend: RunningBackend;
  web: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/** `extraExtensions`: more customer phones (extension → SIP password) a spec of its own needs. */
export async function startCardLab(extraExtensions: Readonly<Record<string, string>> = {}): Promise<CardLab> {
  const pbx = await startPbx({
    extensions: {
      ...Object.fromEntries(Object.values(AGENTS).map((agent) => [agent.extension, agent.sipPassword])),
      [CUSTOMER_PHONES.linked]: 'customer-a', [CUSTOMER_PHONES.created]: 'customer-b', [CUSTOMER_PHONES.transferred]: 'customer-c',
      [CUSTOMER_PHONES.history]: 'customer-d',
      ...extraExtensions,
    },
  });
  const started: Partial<CardLab> = { pbx };
  try {
    started.backend = await startBackend({ env: { SIP_WSS_URL: pbx.wsUrl, SIP_DOMAIN: pbx.domain } });
    started.web = await serveStatic(join(repoRoot, 'out', 'renderer'));
    started.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await started.web?.stop();
    await started.backend?.stop();
    await pbx.stop();
    throw error;
  }
  const { backend, web, browser } = started as Required<typeof started>;
  return {
    pbx, backend, web, browser,
    async close() {
      await browser.close().catch(() => undefined);
      await web.stop();
      await backend.stop();
      await pbx.stop();
    },
  };
}

/**
 * One lab for a spec file: started before its tests, stopped after them. The returned object is
 * filled in by the `beforeAll` hook, so tests read it as they would the lab itself.
 */
export function cardLabForSpec(extraExtensions: Readonly<Record<string, string>> = {}): CardLab {
  const lab = {} as CardLab;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    Object.assign(lab, await startCardLab(extraExtensions));
  });
  test.afterAll(async () => {
    if ('close' in lab) await lab.close();
  });
  return lab;
}

/** The agent's workspace in `lang`, signed in, demo data downloaded, phone registered over WS. */
export async function openAgentWorkspace(lab: CardLab, username: AgentName, lang: 'en' | 'es'): Promise<Page> {
  const context = await lab.browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', baseURL: lab.backend.url, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto('/');
  await signInAs(page, username);
  const sync = page.getByRole('banner').getByRole('region', { name: lang === 'es' ? 'Sincronización' : 'Sync' });
  await expect(sync).toContainText(lang === 'es' ? 'En línea' : 'Online', { timeout: 90_000 });
  await page.getByRole('button', { name: lang === 'es' ? 'Ajustes' : 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(lang === 'es' ? /SIP/ : 'Phone (SIP) password').fill(AGENTS[username].sipPassword);
  await dialog.getByRole('button', { name: lang === 'es' ? 'Guardar contraseña' : 'Save password' }).click();
  await dialog.getByRole('button', { name: lang === 'es' ? 'Cerrar' : 'Close' }).click();
  await expect(page.locator('[data-registration]')).toHaveAttribute('data-registration', 'registered');
  return page;
}

/** A customer's phone (caller.html, the same softphone engine) registered as `extension`. */
export async function openCustomerPhone(lab: CardLab, extension: string, password: string): Promise<Page> {
  const context = await lab.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const query = new URLSearchParams({ server: lab.pbx.wsUrl, domain: lab.pbx.domain, user: extension, password, dtmf: 'rfc4733', autostart: '1', lang: 'en' });
  await page.goto(`${lab.web.url}/caller.html?${query.toString()}`);
  await expect(page.locator('[data-registration]')).toHaveAttribute('data-registration', 'registered');
  return page;
}

export async function callAgent(customer: Page, agent: AgentName): Promise<void> {
  await customer.getByLabel('Number to call').fill(AGENTS[agent].extension);
  await customer.getByRole('button', { name: 'Call', exact: true }).click();
}

export async function hangUp(customer: Page): Promise<void> {
  await customer.locator('[data-line="0"]').getByRole('button', { name: 'Hang up' }).click();
  await expect(customer.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
}

/** The backend is unreachable from this page (the PBX stays reachable): every /api request fails. */
export async function cutBackend(page: Page): Promise<void> {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
}

export async function restoreBackend(page: Page): Promise<void> {
  await page.unroute('**/api/**');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

export async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('sync-pending').getAttribute('data-count'));
}
