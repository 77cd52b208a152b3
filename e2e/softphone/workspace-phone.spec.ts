/**
 * The phone inside the signed-in workspace: SIP password from Settings, agent states published to
 * the backend (paused with a reason → new calls get 486), after-call work, and the call's
 * interaction record reaching the backend once through the outbox.
 */
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loginResponseSchema } from '../../contract/src/auth';
import { startBackend, type RunningBackend } from '../support/backend';
import { DEMO_PASSWORD, seriousAccessibilityViolations } from '../support/fixtures';
import { startPbx, type Pbx } from '../support/pbx';
import { signInAs } from '../support/sign-in';
import { audioStats, dial, expectRegistered, line, sendingCodec } from './phones';

const expect = baseExpect.configure({ timeout: 30_000 });
const PASSWORDS = { '1001': 'agent-secret-1', '2001': 'customer-1' };

let pbx: Pbx;
let backend: RunningBackend;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Calls to 5001 reach agent 1001 through the "ventas" queue (X-Queue / X-Queued-At headers).
  pbx = await startPbx({ extensions: { ...PASSWORDS }, queues: { '5001': { name: 'ventas', agent: '1001' } } });
  backend = await startBackend({ env: { SIP_WSS_URL: pbx.wsUrl, SIP_DOMAIN: pbx.domain } });
});

test.afterAll(async () => {
  await backend?.stop();
  await pbx?.stop();
});

async function apiToken(username: string): Promise<string> {
  const response = await fetch(`${backend.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return loginResponseSchema.parse(await response.json()).accessToken;
}

async function getJson<T>(path: string, token: string): Promise<T> {
  const response = await fetch(`${backend.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Enters the SIP password in Settings (DesktopApi secrets) and waits until the phone registers. */
async function enterSipPassword(agent: Page): Promise<void> {
  const phonePanel = agent.getByRole('complementary', { name: 'Phone' });
  await expect(phonePanel).toContainText('Enter your phone (SIP) password in Settings');
  await phonePanel.getByRole('button', { name: 'Open settings' }).click();
  const settings = agent.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Phone (SIP) password').fill(PASSWORDS['1001']);
  await settings.getByRole('button', { name: 'Save password' }).click();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expectRegistered(agent);
}

/** agent1's workspace in a new page of `context`: signed in, SIP password entered, phone registered. */
async function openAgentPhone(context: BrowserContext): Promise<{ agent: Page; session: Awaited<ReturnType<typeof signInAs>> }> {
  const agent = await context.newPage();
  await agent.goto(backend.url);
  const session = await signInAs(agent, 'agent1');
  // The SIP password goes in through Settings (DesktopApi secrets), and the phone starts.
  await enterSipPassword(agent);
  return { agent, session };
}

/** The customer phone (2001) on caller.html, registered. */
async function openCustomer(context: BrowserContext): Promise<Page> {
  const customer = await context.newPage();
  const query = new URLSearchParams({ server: pbx.wsUrl, domain: pbx.domain, user: '2001', password: PASSWORDS['2001'], autostart: '1', lang: 'en' });
  await customer.goto(`${backend.url}/caller.html?${query.toString()}`);
  await expectRegistered(customer);
  return customer;
}

/** The agent's and the customer's browser contexts, closed whatever the test's outcome. */
async function withAgentAndCustomer(browser: Browser, run: (agentContext: BrowserContext, customerContext: BrowserContext) => Promise<void>): Promise<void> {
  const agentContext = await browser.newContext();
  const customerContext = await browser.newContext();
  try {
    await run(agentContext, customerContext);
  } finally {
    await agentContext.close();
    await customerContext.close();
  }
}

/** The agent's calls since `since`, as the team lead's call list shows them. */
async function callsOf(agentId: string, since: string): Promise<TeamCalls['items']> {
  const reply = await getJson<TeamCalls>(`/api/team/interactions?from=${encodeURIComponent(since)}&limit=50`, await apiToken('lead1'));
  return reply.items.filter((item) => item.agentId === agentId);
}

interface Availability { teams: Array<{ agents: Array<{ agentId: string; state: string; pauseCode: string | null }> }> }
interface TeamCalls { items: Array<{ id: string; agentId: string; direction: string; startedAt: string; waitSeconds: number | null; handleSeconds: number | null }> }

test('agent states, 486 while paused, after-call work and the call record, through the signed-in workspace', async ({ browser }) => {
  test.setTimeout(240_000);
  const testStart = new Date(Date.now() - 1000).toISOString();
  await withAgentAndCustomer(browser, async (agentContext, customerContext) => {
    const { agent, session } = await openAgentPhone(agentContext);
    const phonePanel = agent.getByRole('complementary', { name: 'Phone' });
    await expect(agent.getByRole('banner')).toContainText('Available');

    const lead = await apiToken('lead1');
    const agentState = async () => {
      const reply = await getJson<Availability>('/api/availability', lead);
      return reply.teams.flatMap((team) => team.agents).find((entry) => entry.agentId === session.user.id);
    };
    await expect.poll(async () => (await agentState())?.state).toBe('available');

    // Paused with a reason from the backend's list: the backend sees it, and calls are turned away.
    const status = phonePanel.getByLabel('My status');
    await expect(status.locator('option', { hasText: 'Paused: Lunch' })).toHaveCount(1);
    await status.selectOption({ label: 'Paused: Lunch' });
    await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'paused');
    await expect(agent.getByRole('banner')).toContainText('Paused');
    await expect.poll(async () => await agentState()).toMatchObject({ state: 'paused', pauseCode: 'lunch' });
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);

    const customer = await openCustomer(customerContext);
    await dial(customer, '1001');
    await expect(line(customer, 0)).toHaveAttribute('data-status', 'ended');
    await expect(line(customer, 0)).toContainText('Busy');
    await expect(line(agent, 0)).toHaveCount(0);

    // Ready again (Ctrl+Alt+R): the next call rings, is answered, and media reaches the customer.
    await agent.keyboard.press('Control+Alt+KeyR');
    await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'available');
    await dial(customer, '1001');
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
    await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
    await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
    await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'busy');
    await expect.poll(async () => (await agentState())?.state).toBe('on_call');
    await expect.poll(async () => (await audioStats(customer, 0)).packetsReceived).toBeGreaterThan(50);

    // The customer hangs up: after-call work starts, and the backend gets one record of the call.
    await line(customer, 0).getByRole('button', { name: 'Hang up' }).click();
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
    await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'after-call-work');
    await expect.poll(async () => (await agentState())?.state).toBe('wrap_up');

    const ours = () => callsOf(session.user.id, testStart);
    await expect.poll(async () => (await ours()).length, { timeout: 60_000 }).toBe(1);
    const [record] = await ours();
    expect(record).toMatchObject({ direction: 'inbound' });
    // Recorded when answered, closed when it ended (a second mutation on the same record).
    const agentToken = await apiToken('agent1');
    const detail = () => getJson<CallDetail & { holdSeconds: number; transferTarget: string | null }>(`/api/interactions/${record!.id}`, agentToken);
    await expect.poll(async () => (await detail()).endedAt, { timeout: 60_000 }).not.toBeNull();
    expect(await detail()).toMatchObject({ remoteNumber: '2001', holdSeconds: 0, transferTarget: null, queue: null });
    expect((await detail()).answeredAt).not.toBeNull();
    expect((await ours())[0]?.handleSeconds).not.toBeNull();
  });
});

interface CallDetail { queue: string | null; queuedAt: string | null; answeredAt: string | null; endedAt: string | null; remoteNumber: string | null }

test('preferred codecs from Settings are used; a queued call is on record once answered, with the PBX queue facts; a crash mid-call leaves it open until the next start closes it', async ({ browser }) => {
  test.setTimeout(240_000);
  const testStart = new Date(Date.now() - 1000).toISOString();
  await withAgentAndCustomer(browser, async (agentContext, customerContext) => {
    const opened = await openAgentPhone(agentContext);
    let agent = opened.agent;
    const { session } = opened;

    // Preferred codecs in Settings: an unknown name is refused and named; a valid list is kept.
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = agent.getByRole('dialog', { name: 'Settings' });
    const codecs = settings.getByLabel('Preferred codecs, in order');
    await codecs.fill('pcma, G729');
    await settings.getByRole('button', { name: 'Save codecs' }).click();
    await expect(settings.getByText('“G729” is not a known codec.')).toBeVisible();
    await expect(codecs).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await codecs.fill('pcma');
    await settings.getByRole('button', { name: 'Save codecs' }).click();
    await expect(settings.getByText('Codecs saved.')).toBeVisible();
    await expect(codecs).toHaveValue('PCMA');
    await settings.getByRole('button', { name: 'Close' }).click();
    await expectRegistered(agent);
    const customer = await openCustomer(customerContext);

    await dial(customer, '5001');
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
    await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
    await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
    // The agent's answer put PCMA first, so that is what the customer's phone sends.
    await expect.poll(() => sendingCodec(customer, 0)).toBe('audio/PCMA');

    // Written when it was answered, before it ended: the backend has it open, with the queue's facts.
    const agentToken = await apiToken('agent1');
    const ours = () => callsOf(session.user.id, testStart);
    await expect.poll(async () => (await ours()).length, { timeout: 60_000 }).toBe(1);
    const recordId = (await ours())[0]!.id;
    const detail = () => getJson<CallDetail>(`/api/interactions/${recordId}`, agentToken);
    await expect.poll(async () => (await detail()).answeredAt, { timeout: 60_000 }).not.toBeNull();
    const open = await detail();
    expect(open).toMatchObject({ queue: 'ventas', remoteNumber: '2001', endedAt: null });
    expect(Date.parse(open.queuedAt!)).toBeLessThanOrEqual(Date.parse(open.answeredAt!));

    // The agent's window crashes mid-call (the renderer process dies: no hang-up, no clean-up).
    const cdp = await agentContext.newCDPSession(agent);
    const crashed = agent.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined); // never answers: the page is gone
    await crashed;
    const crashedAt = Date.now();
    expect((await detail()).endedAt).toBeNull();

    // Next start of the app, same agent: the record the crashed window left open is closed.
    agent = await agentContext.newPage();
    await agent.goto(backend.url);
    await signInAs(agent, 'agent1');
    await expect.poll(async () => (await detail()).endedAt, { timeout: 60_000 }).not.toBeNull();
    const closed = await detail();
    expect(Date.parse(closed.endedAt!)).toBeGreaterThanOrEqual(Date.parse(open.queuedAt!));
    expect(Date.parse(closed.endedAt!)).toBeLessThanOrEqual(crashedAt);
    expect(await ours()).toHaveLength(1);
  });
});

test('signing out mid-call asks first, then hangs up and delivers the closed call record before signing out', async ({ browser }) => {
  test.setTimeout(180_000);
  const testStart = new Date(Date.now() - 1000).toISOString();
  await withAgentAndCustomer(browser, async (agentContext, customerContext) => {
    const { agent, session } = await openAgentPhone(agentContext);
    const customer = await openCustomer(customerContext);
    await dial(customer, '1001');
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
    await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
    await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');

    // A stray click on "Sign out" does not drop the customer.
    const signOut = agent.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const confirm = agent.getByRole('dialog', { name: 'You are on a call' });
    await expect(confirm).toContainText('Signing out hangs up the call.');
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await confirm.getByRole('button', { name: 'Stay on the call' }).click();
    await expect(confirm).toBeHidden();
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
    await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');

    // Confirmed: the call ends, the agent is signed out, and the server already has the call closed.
    await signOut.click();
    await confirm.getByRole('button', { name: 'Hang up and sign out' }).click();
    await expect(agent.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(line(customer, 0)).not.toHaveAttribute('data-status', 'connected');
    const ours = await callsOf(session.user.id, testStart);
    expect(ours).toHaveLength(1);
    const detail = await getJson<CallDetail>(`/api/interactions/${ours[0]!.id}`, await apiToken('agent1'));
    expect(detail.answeredAt).not.toBeNull();
    expect(detail.endedAt).not.toBeNull();
  });
});
