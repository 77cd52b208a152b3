/**
 * The pre-shift check's round trip through the real PBX: the agent's phone (signed-in workspace,
 * real backend) calls its own extension with a one-time self-test token, Kamailio routes the
 * INVITE back to the same phone, which answers it apart (no line, no card, no call record, no
 * agent-state change) and sends the audio back; the calling leg measures what returns. A
 * customer's INVITE carrying a forged self-test header rings as an ordinary call.
 */
import { test, type Page } from '@playwright/test';
import { latestByEntity, serverChanges } from '../sync/lab';
import { seriousAccessibilityViolations } from '../support/fixtures';
import { signInAs } from '../support/sign-in';
import { AGENTS, callAgent, cardLabForSpec, CUSTOMER_PHONES, expect, hangUp, openCustomerPhone, type CardLab } from '../customer-card/card-lab';

const lab = cardLabForSpec();
const HEADER = 'X-Centralita-Self-Test';

/** SIP messages on the page's WebSockets: the start line, the Call-ID, and the self-test header if any. */
interface SipFrame {
  direction: 'sent' | 'received';
  startLine: string;
  callId: string | null;
  cseq: string | null;
  selfTest: string | null;
}

function header(message: string, name: string): string | null {
  const match = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im').exec(message);
  return match ? match[1]!.trim() : null;
}

/** agent1's workspace with the phone registered, recording every SIP message its WebSockets carry. */
async function openAgent(current: CardLab, lang: 'en' | 'es'): Promise<{ page: Page; frames: SipFrame[] }> {
  const context = await current.browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', baseURL: current.backend.url, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const frames: SipFrame[] = [];
  const record = (direction: SipFrame['direction'], payload: string | Buffer): void => {
    const text = payload.toString();
    if (!/^(SIP\/2\.0 \d{3}|[A-Z]+ sip:)/.test(text)) return;
    frames.push({ direction, startLine: text.split('\r\n')[0]!, callId: header(text, 'Call-ID'), cseq: header(text, 'CSeq'), selfTest: header(text, HEADER) });
  };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => record('sent', payload));
    socket.on('framereceived', ({ payload }) => record('received', payload));
  });
  await page.goto('/');
  await signInAs(page, 'agent1');
  const sync = page.getByRole('banner').getByRole('region', { name: lang === 'es' ? 'Sincronización' : 'Sync' });
  await expect(sync).toContainText(lang === 'es' ? 'En línea' : 'Online', { timeout: 90_000 });
  await page.getByRole('button', { name: lang === 'es' ? 'Ajustes' : 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(lang === 'es' ? /SIP/ : 'Phone (SIP) password').fill(AGENTS.agent1.sipPassword);
  await dialog.getByRole('button', { name: lang === 'es' ? 'Guardar contraseña' : 'Save password' }).click();
  await dialog.getByRole('button', { name: lang === 'es' ? 'Cerrar' : 'Close' }).click();
  await expect(page.locator('[data-registration]')).toHaveAttribute('data-registration', 'registered');
  return { page, frames };
}

/** From now on, records whether a call line, a customer card or an incoming-call text ever shows. */
async function watchForCallUi(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { callUiSeen: string[] }).callUiSeen = seen;
    const check = (): void => {
      if (document.querySelector('[data-line]')) seen.push('line');
      // Not the off-screen, inert warm-up card (PopWarmUp), which no one sees.
      const cards = [...document.querySelectorAll('main article[aria-label^="Customer card"]')];
      if (cards.some((card) => !card.closest('[inert]'))) seen.push('card');
      if (/Incoming call|Llamada entrante/.test(document.querySelector('main')?.textContent ?? '')) seen.push('incoming');
    };
    check();
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function callUiSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { callUiSeen: string[] }).callUiSeen);
}

/** Runs the pre-shift check, answering "heard" for the speaker tone; returns the results region. */
async function runCheck(page: Page, lang: 'en' | 'es') {
  const results = page.getByRole('region', { name: lang === 'es' ? 'Comprobación antes del turno' : 'Pre-shift check' });
  await page.getByRole('button', { name: lang === 'es' ? 'Comprobar antes del turno' : 'Run the pre-shift check' }).click();
  await results.getByRole('button', { name: lang === 'es' ? 'Sí, lo he oído' : 'Yes, I heard it' }).click();
  await expect(results.locator('[data-check="roundTrip"]')).toHaveAttribute('data-result', /^(pass|fail)$/, { timeout: 60_000 });
  return results;
}

test.describe('pre-shift round trip through the PBX', () => {
  test.describe.configure({ timeout: 300_000 });

  test('the phone calls itself through Kamailio, answers apart and measures the audio that comes back; no line, card, record or state change', async () => {
    const { page: agent, frames } = await openAgent(lab, 'en');
    const phonePanel = agent.getByRole('complementary', { name: 'Phone' });
    const customer = await openCustomerPhone(lab, CUSTOMER_PHONES.linked, 'customer-a');
    try {
      await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'available');
      // The agent's call records on the server before the check.
      const interactionIds = async () => [...latestByEntity(await serverChanges(lab.backend.url, 'agent1')).values()]
        .filter((change) => change.entity === 'interaction');
      const before = new Set((await interactionIds()).map((change) => change.entityId));
      await watchForCallUi(agent);
      const results = await runCheck(agent, 'en');
      for (const check of ['microphone', 'speaker', 'server', 'registration', 'roundTrip']) {
        await expect(results.locator(`[data-check="${check}"]`)).toHaveAttribute('data-result', 'pass');
      }
      const roundTrip = results.locator('[data-check="roundTrip"]');
      await expect(roundTrip).toContainText(/through the phone server: peak level \d+ %, \d+ packets back, round trip \d+ ms/);
      const packets = Number(/(\d+) packets back/.exec((await roundTrip.textContent()) ?? '')?.[1]);
      expect(packets).toBeGreaterThanOrEqual(20);
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);

      // On the wire: our INVITE to our own extension went out with a token, and came back in from the PBX.
      const ownInvites = frames.filter((frame) => frame.direction === 'sent' && frame.startLine.startsWith(`INVITE sip:${AGENTS.agent1.extension}@`) && frame.selfTest);
      expect(ownInvites.length).toBeGreaterThan(0);
      const { callId, selfTest: token } = ownInvites.at(-1)!;
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      const looped = frames.filter((frame) => frame.direction === 'received' && frame.startLine.startsWith('INVITE ') && frame.callId === callId);
      expect(looped).toHaveLength(1);
      expect(looped[0]!.selfTest).toBe(token);
      // Answered (our own 200 went out, and came back as the caller's), then hung up.
      expect(frames.some((frame) => frame.direction === 'sent' && frame.startLine.startsWith('SIP/2.0 200') && frame.callId === callId && frame.cseq?.endsWith('INVITE'))).toBe(true);
      expect(frames.some((frame) => frame.direction === 'received' && frame.startLine.startsWith('SIP/2.0 200') && frame.callId === callId && frame.cseq?.endsWith('INVITE'))).toBe(true);
      expect(frames.some((frame) => frame.direction === 'sent' && frame.startLine.startsWith('BYE ') && frame.callId === callId)).toBe(true);
      // Never rang, never took a line, never popped a card; the agent is still available.
      expect(await callUiSeen(agent)).toEqual([]);
      await expect(phonePanel.locator('[data-agent-status]')).toHaveAttribute('data-agent-status', 'available');

      // A real call afterwards is recorded; the outbox is in order, so once it reached the server a
      // record of the test call (written earlier) would have too. The only record added since is the real call.
      await callAgent(customer, 'agent1');
      await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ringing');
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
      await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');
      await hangUp(customer);
      const added = async () => (await interactionIds()).filter((change) => !before.has(change.entityId));
      await expect.poll(async () => (await added()).length, { timeout: 90_000 }).toBeGreaterThan(0);
      expect((await added()).map((change) => change.data?.remoteNumber)).toEqual([CUSTOMER_PHONES.linked]);
    } finally {
      await agent.context().close();
      await customer.context().close();
    }
  });

  test('a customer’s INVITE with a forged self-test header rings as an ordinary call', async () => {
    const { page: agent, frames } = await openAgent(lab, 'en');
    const customer = await openCustomerPhone(lab, CUSTOMER_PHONES.created, 'customer-b');
    try {
      // The customer's phone puts a self-test header, with a made-up token, on its INVITEs.
      await customer.evaluate((name) => {
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
          const forged = typeof data === 'string' && data.startsWith('INVITE ')
            ? data.replace('\r\n', `\r\n${name}: 0123456789abcdef0123456789abcdef\r\n`) : data;
          send.call(this, forged);
        };
      }, HEADER);
      await callAgent(customer, 'agent1');
      const line = agent.locator('[data-line="0"]');
      await expect(line).toHaveAttribute('data-status', 'ringing');
      await expect(agent.getByRole('main', { name: 'Customer' })).toContainText(`Incoming call from +34${CUSTOMER_PHONES.created}`);
      // The forged header did reach the agent's phone: it was seen and ignored.
      expect(frames.some((frame) => frame.direction === 'received' && frame.startLine.startsWith('INVITE ') && frame.selfTest === '0123456789abcdef0123456789abcdef')).toBe(true);
      await line.getByRole('button', { name: 'Answer' }).click();
      await expect(line).toHaveAttribute('data-status', 'connected');
      await hangUp(customer);
    } finally {
      await agent.context().close();
      await customer.context().close();
    }
  });

  test('when the test call never comes back, the step fails with the reason (Spanish) and nothing rings', async () => {
    const { page: agent } = await openAgent(lab, 'es');
    try {
      // The test call is lost on its way to the PBX (its INVITEs never leave the page).
      await agent.evaluate((name) => {
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
          if (typeof data === 'string' && data.startsWith('INVITE ') && data.includes(`${name}:`)) return;
          send.call(this, data);
        };
      }, HEADER);
      await watchForCallUi(agent);
      const results = await runCheck(agent, 'es');
      const roundTrip = results.locator('[data-check="roundTrip"]');
      await expect(roundTrip).toHaveAttribute('data-result', 'fail');
      await expect(roundTrip).toContainText('la llamada de prueba no volvió a través del servidor telefónico en 10 s');
      await expect(results.locator('[data-check="registration"]')).toHaveAttribute('data-result', 'pass');
      await expect(agent.getByRole('button', { name: 'Comprobar antes del turno' })).toBeEnabled();
      expect(await callUiSeen(agent)).toEqual([]);
    } finally {
      await agent.context().close();
    }
  });
});
