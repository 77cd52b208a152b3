/**
 * The 360° customer card against real components: Kamailio places real calls from customer
 * phones to the agent's workspace, the real backend (PGlite, demo data) syncs, Chromium renders.
 */
import { test } from '@playwright/test';
import { apiLogin, latestByEntity, serverChanges } from '../sync/lab';
import { saveScreenshot, seriousAccessibilityViolations } from '../support/fixtures';
import {
  callAgent, CUSTOMER_PHONES, cutBackend, expect, hangUp, openAgentWorkspace, openCustomerPhone, pendingCount, restoreBackend, cardLabForSpec,
} from './card-lab';

const lab = cardLabForSpec();

const XSS_NAME = '<img src=x onerror="window.__xss=1">Zoë Torres';
const XSS_NOTES = '<script>window.__xss=2</script> wants a refund <b>now</b>';

test.describe('customer card', () => {
  test.describe.configure({ timeout: 300_000 });

  test('unknown caller → link to an existing customer; wrap-up saved offline reaches the server once; the next call pops offline', async () => {
    const someone = [...latestByEntity(await serverChanges(lab.backend.url, 'agent1')).values()]
      .find((change) => change.entity === 'customer' && typeof change.data?.displayName === 'string' && /^[A-Za-zÀ-ÿ]+ [A-Za-zÀ-ÿ]+$/.test(String(change.data.displayName)));
    expect(someone, 'the demo data has a customer to link').toBeDefined();
    const name = String(someone!.data!.displayName);

    const agent = await openAgentWorkspace(lab, 'agent1', 'en');
    const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.linked, 'customer-a');
    const area = agent.getByRole('main', { name: 'Customer' });
    try {
      // Unknown number: the identify panel, with typeahead over the local cache.
      await callAgent(customerPhone, 'agent1');
      await expect(area).toContainText('Incoming call from +34600111222');
      await expect(area.getByRole('heading', { name: 'Unknown caller' })).toBeVisible();
      await area.getByLabel('Search by name, phone, email or customer number').fill(name);
      const matches = area.getByRole('list', { name: 'Matching customers' });
      await expect(matches).toContainText(name);
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'card-unknown-caller-en');
      await matches.getByRole('button', { name: `Link number to ${name}` }).first().click();

      const card = area.getByRole('article', { name: `Customer card: ${name}` });
      await expect(card).toBeVisible();
      const customerId = await card.getAttribute('data-customer-id');
      expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
      await expect(card.locator('[data-identity-kind="phone"]').filter({ hasText: '+34600111222' })).toHaveCount(1);
      await expect(card.getByRole('heading', { name: 'Priority score' })).toBeVisible();

      // Answer, then set the emotion with one keystroke per change: Alt+6 angry, again → intensity 2.
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
      await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');
      await agent.keyboard.press('Alt+Digit6');
      await agent.keyboard.press('Alt+Digit6');
      await expect(card.locator('.cc-current-emotion')).toHaveText('This call: angry (2)');
      await hangUp(customerPhone);

      // Wrap-up while the backend is unreachable.
      await cutBackend(agent);
      const wrapup = agent.getByTestId('wrapup');
      await wrapup.getByRole('button', { name: 'Save wrap-up' }).click();
      await expect(wrapup.getByRole('alert')).toContainText('Choose a disposition.');
      await wrapup.getByLabel('Search complaint types').fill('refund');
      await wrapup.getByRole('button', { name: 'Billing › Refund' }).click();
      await wrapup.getByRole('radio', { name: 'Open a new complaint' }).check();
      await wrapup.getByRole('radio', { name: /Resolved$/ }).focus();
      await agent.keyboard.press('3');
      await expect(wrapup.getByRole('radio', { name: /Complaint logged/ })).toBeChecked();
      await wrapup.getByRole('button', { name: 'Save wrap-up' }).click();
      await expect(wrapup.getByRole('alert')).toContainText('This disposition needs notes.');
      await wrapup.getByLabel('Notes').fill(XSS_NOTES);
      await wrapup.getByRole('button', { name: 'Save wrap-up' }).click();
      await expect(area.getByRole('status').filter({ hasText: 'Wrap-up saved on this computer' })).toBeVisible();
      await expect.poll(() => pendingCount(agent)).toBeGreaterThan(0);
      // The card stays open with the new entry in its timeline; hostile text stays text.
      const savedCard = area.getByRole('article', { name: `Customer card: ${name}` });
      await expect(savedCard.locator('.cc-timeline')).toContainText(XSS_NOTES);
      expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

      // Back online: the outbox drains and the server holds the call exactly once.
      await restoreBackend(agent);
      await expect.poll(() => pendingCount(agent), { timeout: 90_000 }).toBe(0);
      const changes = [...latestByEntity(await serverChanges(lab.backend.url, 'agent1')).values()];
      const calls = changes.filter((change) => change.entity === 'interaction' && change.data?.remoteNumber === CUSTOMER_PHONES.linked);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.data).toMatchObject({
        customerId, disposition: 'complaint_logged', complaintTypeId: 'refund', notes: XSS_NOTES,
        emotionStart: { emotion: 'angry', intensity: 1 }, emotionEnd: { emotion: 'angry', intensity: 2 },
      });
      const complaint = changes.find((change) => change.entity === 'complaint' && change.data?.customerId === customerId && change.data?.typeId === 'refund');
      expect(complaint?.data?.status).toBe('open');
      // The backend's exclusion list agrees: an angry customer with an open complaint is excluded.
      const { token: leadToken } = await apiLogin(lab.backend.url, 'lead1');
      const csv = await (await fetch(`${lab.backend.url}/api/exclusions?format=csv`, { headers: { authorization: `Bearer ${leadToken}` } })).text();
      const line = csv.split('\n').find((row) => row.includes(customerId!));
      expect(line).toContain('open_complaint');
      expect(line).toContain('negative_emotion');

      // The next call from that number pops the linked customer at once, with the backend down.
      await cutBackend(agent);
      await callAgent(customerPhone, 'agent1');
      const popped = area.getByRole('article', { name: `Customer card: ${name}` });
      await expect(popped).toHaveAttribute('data-pop-ms', /^\d+$/);
      await expect(area.getByRole('heading', { name: 'Unknown caller' })).toHaveCount(0);
      await expect(popped.locator('[data-reason="negative_emotion"]')).toBeVisible();
      await expect(popped.locator('[data-reason="open_complaint"]')).toBeVisible();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'card-known-customer-en');
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Decline' }).click();
      await expect(customerPhone.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
      await restoreBackend(agent);
    } finally {
      await customerPhone.context().close();
      await agent.context().close();
    }
  });

  test('in Spanish: an unknown caller becomes a new customer (hostile name shown as text), wrap-up form accessible', async () => {
    const agent = await openAgentWorkspace(lab, 'agent2', 'es');
    const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.created, 'customer-b');
    const area = agent.getByRole('main', { name: 'Cliente' });
    try {
      await callAgent(customerPhone, 'agent2');
      await expect(area).toContainText('Llamada entrante de +34600333444');
      await expect(area.getByRole('heading', { name: 'Llamante desconocido' })).toBeVisible();
      await area.getByLabel('Nombre completo').fill(XSS_NAME);
      await area.getByRole('button', { name: 'Crear cliente con este número' }).click();
      const card = area.getByRole('article', { name: `Ficha de cliente: ${XSS_NAME}` });
      await expect(card.getByRole('heading', { level: 2 })).toHaveText(XSS_NAME);
      expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await expect(card.getByRole('heading', { name: 'Consentimientos' })).toBeVisible();
      await expect(card.locator('[data-consent="email"]')).toBeVisible();

      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Contestar' }).click();
      await agent.keyboard.press('Alt+Digit3');
      await expect(card.locator('.cc-current-emotion')).toHaveText('Esta llamada: confundido (1)');
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'card-new-customer-es');
      await hangUp(customerPhone);

      const wrapup = agent.getByTestId('wrapup');
      await wrapup.getByRole('button', { name: 'Guardar cierre' }).click();
      await expect(wrapup.getByRole('alert')).toContainText('Elija un resultado.');
      await wrapup.getByRole('radio', { name: /Información facilitada/ }).check();
      await wrapup.getByRole('checkbox', { name: 'Programar una rellamada o seguimiento' }).check();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'card-wrapup-es');
      await wrapup.getByRole('button', { name: 'Guardar cierre' }).click();
      await expect(area.getByRole('status').filter({ hasText: 'Cierre guardado en este equipo' })).toBeVisible();
      await expect.poll(() => pendingCount(agent), { timeout: 90_000 }).toBe(0);
      const changes = [...latestByEntity(await serverChanges(lab.backend.url, 'agent2')).values()];
      const created = changes.find((change) => change.entity === 'customer' && change.data?.displayName === XSS_NAME);
      expect(created, 'the new customer reached the server').toBeDefined();
      const callback = changes.find((change) => change.entity === 'queue_item' && change.data?.customerId === created!.entityId);
      expect(callback?.data).toMatchObject({ kind: 'callback', state: 'open' });
    } finally {
      await customerPhone.context().close();
      await agent.context().close();
    }
  });
});
