/**
 * Call scripts against real components: Kamailio places a real call to the agent's workspace,
 * the real backend (PGlite, demo data with the starter scripts) serves and publishes scripts,
 * Chromium renders the panel and the studio.
 */
import { test } from '@playwright/test';
import { STARTER_SCRIPTS, scriptDefinitionSchema } from '@contract';
import { apiLogin } from '../sync/lab';
import { saveScreenshot, seriousAccessibilityViolations } from '../support/fixtures';
import { AGENTS, callAgent, CUSTOMER_PHONES, expect, hangUp, openCustomerPhone, cardLabForSpec } from '../customer-card/card-lab';
import { openWorkspace } from './lab';

const lab = cardLabForSpec();

async function publish(definition: unknown, username = 'lead1'): Promise<{ status: number; body: { version?: number } }> {
  const { token } = await apiLogin(lab.backend.url, username);
  const response = await fetch(`${lab.backend.url}/api/scripts`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ definition }),
  });
  return { status: response.status, body: await response.json() as { version?: number } };
}

test.describe('call scripts', () => {
  test.describe.configure({ timeout: 300_000 });

  test('a real call: script chosen by complaint type, keyboard answers, required questions, angry → de-escalation, version kept after a republish', async () => {
    const agent = await openWorkspace(lab, 'agent1', 'en', AGENTS.agent1.sipPassword);
    const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.linked, 'customer-a');
    const panel = agent.getByTestId('script-panel');
    const step = panel.getByTestId('script-step');
    try {
      await expect(panel).toContainText('The script for the call appears here when a call is connected.');
      await callAgent(customerPhone, 'agent1');
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
      await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');

      // Inbound, general queue, no complaint yet: the general script.
      await expect(panel.getByTestId('script-choice')).toHaveValue('general-inbound');
      await expect(step).toHaveAttribute('data-step-id', 'greet');

      // The agent tags the complaint type: nothing answered yet, so the delayed-delivery script takes over.
      const wrapup = agent.getByTestId('wrapup');
      await wrapup.getByLabel('Search complaint types').fill('delivery delay');
      await wrapup.getByRole('button', { name: /Delivery delay/ }).first().click();
      await expect(panel.getByTestId('script-choice')).toHaveValue('delivery-delay');
      await expect(panel.getByTestId('script-version')).toHaveText('Version 1');
      await expect(step).toContainText("I'm sorry your order hasn't arrived yet");

      // Meanwhile an admin publishes version 2 (starter scripts are center-wide): this call keeps version 1.
      const starter = scriptDefinitionSchema.parse(STARTER_SCRIPTS.find((script) => script.id === 'delivery-delay'));
      const v2 = { ...starter, steps: starter.steps.map((s) => (s.id === 'greet' && s.type === 'say' ? { ...s, text: { en: 'VERSION TWO greeting', es: 'Saludo VERSIÓN DOS' } } : s)) };
      expect((await publish(v2, 'admin')).body.version).toBe(2);

      // Keyboard: Enter continues; a required question refuses an empty answer.
      await step.focus();
      await panel.getByRole('button', { name: 'Continue' }).focus();
      await agent.keyboard.press('Enter');
      await expect(step).toHaveAttribute('data-step-id', 'order_number');
      await panel.getByRole('textbox').focus();
      await agent.keyboard.press('Enter');
      await expect(panel.getByRole('alert')).toHaveText('This question is required: answer it to continue.');
      await agent.keyboard.type('A-1001');
      await agent.keyboard.press('Enter');
      await expect(step).toHaveAttribute('data-step-id', 'honesty');
      await expect(panel.getByText('Path so far (2 steps)')).toBeVisible();

      // Back (Alt+←) returns to the question with the answer pre-filled.
      await panel.getByRole('button', { name: 'Continue' }).focus();
      await agent.keyboard.press('Alt+ArrowLeft');
      await expect(step).toHaveAttribute('data-step-id', 'order_number');
      await expect(panel.getByRole('textbox')).toHaveValue('A-1001');
      await panel.getByRole('button', { name: 'Continue' }).click();
      await expect(step).toHaveAttribute('data-step-id', 'honesty');

      // The caller gets angry: one keystroke (Alt+6) and the script moves to its de-escalation branch.
      await agent.keyboard.press('Alt+Digit6');
      await expect(step).toHaveAttribute('data-step-id', 'calm_listen');
      await expect(panel.getByTestId('script-version')).toHaveText('Version 1');
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await saveScreenshot(agent, 'scripts-panel-deescalation-en');
      await panel.getByRole('button', { name: 'Continue' }).click();
      await expect(step).toHaveAttribute('data-step-id', 'calm_restate');
      await panel.getByRole('textbox').fill('Wants it before Saturday');
      await panel.getByRole('button', { name: 'Continue' }).click();
      await panel.getByRole('button', { name: 'Continue' }).click();
      await expect(step).toHaveAttribute('data-step-id', 'honesty');
      await panel.getByRole('button', { name: 'Continue' }).click();

      // A required date question still open when the call ends: the panel says so for the wrap-up.
      await expect(step).toHaveAttribute('data-step-id', 'new_date');
      await hangUp(customerPhone);
      await expect(panel).toContainText('answer the required questions before saving the wrap-up');
      await expect(step).toHaveAttribute('data-step-id', 'new_date');
      await panel.getByRole('textbox', { name: /A cautious new date/ }).fill('2026-03-14');
      await panel.getByRole('button', { name: 'Continue' }).click();
      await expect(step).toHaveAttribute('data-step-id', 'say_standard');
      await expect(step).not.toContainText('VERSION TWO');
    } finally {
      await customerPhone.context().close();
      await agent.context().close();
    }
  });

  test('an admin edits a center-wide script, validates, previews, publishes and reads analytics; Spanish texts', async () => {
    const lead = await openWorkspace(lab, 'admin', 'es', null);
    try {
      const panel = lead.getByTestId('script-panel');
      await panel.getByRole('button', { name: 'Editar guiones' }).click();
      const dialog = lead.getByRole('dialog', { name: 'Guiones de llamada' });
      await dialog.getByLabel('Abrir un guion').selectOption({ label: 'Llamada entrante general (v1)' });
      await expect(dialog.getByRole('list', { name: 'Esquema de las ramas' })).toContainText('greet');

      // Break it: remove the Spanish text of the first step → validation lists the problem, publishing is refused.
      await dialog.getByRole('button', { name: /greet/ }).first().click();
      const form = dialog.getByRole('form', { name: 'Paso greet' });
      const spanishText = form.getByRole('group', { name: 'Texto que decir' }).getByLabel('Español');
      await spanishText.fill('');
      await dialog.getByRole('button', { name: 'Publicar versión nueva' }).click();
      await expect(dialog.getByRole('alert').filter({ hasText: 'No publicado' })).toBeVisible();
      await expect(dialog.getByText('missing_translation')).toBeVisible();
      expect(await seriousAccessibilityViolations(lead)).toEqual([]);
      await saveScreenshot(lead, 'scripts-editor-issues-es');

      await spanishText.fill('Gracias por llamar. ¿En qué puedo ayudarle?');
      await dialog.getByRole('button', { name: 'Validar' }).click();
      await expect(dialog.getByText('No hay problemas.')).toBeVisible();

      // A shared draft on the server: listed in the open menu until the version is published.
      await dialog.getByRole('button', { name: 'Guardar borrador para el equipo' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Borrador guardado en el servidor' })).toBeVisible();
      const openMenu = dialog.getByLabel('Abrir un guion');
      await expect(openMenu.locator('optgroup[label="Borradores del equipo"] option')).toContainText(['general-inbound — borrador de']);

      // Preview as an angry caller.
      await dialog.getByText('Vista previa', { exact: true }).click();
      await dialog.getByLabel('Emoción').selectOption('angry');
      await dialog.getByRole('button', { name: 'Iniciar vista previa' }).click();
      await expect(dialog.getByTestId('script-step')).toHaveAttribute('data-step-id', 'greet');

      await dialog.getByRole('button', { name: 'Publicar versión nueva' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Publicado como versión 2' })).toBeVisible();
      await expect(openMenu.locator('optgroup[label="Borradores del equipo"] option')).toHaveCount(0);

      await dialog.getByRole('tab', { name: 'Analítica' }).click();
      await dialog.getByLabel('Guion', { exact: true }).selectOption({ label: 'Llamada entrante general' });
      await expect(dialog.getByRole('table')).toContainText('greet');
      expect(await seriousAccessibilityViolations(lead)).toEqual([]);
      await saveScreenshot(lead, 'scripts-analytics-es');
    } finally {
      await lead.context().close();
    }
  });

  test('the queue picks the script: a billing script published by the lead takes over when the agent sets the queue', async () => {
    const billing = {
      schemaVersion: 1, id: 'billing-inbound', name: { en: 'Billing questions', es: 'Consultas de facturación' },
      selection: { queues: ['billing'], directions: ['inbound'] },
      start: 'greet',
      steps: [
        { id: 'greet', type: 'say', text: { en: 'Billing desk{{ if(customer.firstName, ", " + customer.firstName, "") }}: which invoice is it about?', es: 'Facturación{{ if(customer.firstName, ", " + customer.firstName, "") }}: ¿de qué factura se trata?' }, next: 'done' },
        { id: 'done', type: 'end', disposition: 'information_provided' },
      ],
    };
    expect((await publish(billing)).status).toBe(201);
    const agent = await openWorkspace(lab, 'agent2', 'en', AGENTS.agent2.sipPassword);
    const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.created, 'customer-b');
    const panel = agent.getByTestId('script-panel');
    try {
      await callAgent(customerPhone, 'agent2');
      await agent.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
      await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');
      await expect(panel.getByLabel('Queue')).toHaveValue('general');
      await expect(panel.getByTestId('script-choice')).toHaveValue('general-inbound');
      await panel.getByLabel('Queue').selectOption('billing');
      await expect(panel.getByTestId('script-choice')).toHaveValue('billing-inbound');
      await expect(panel.getByTestId('script-step')).toContainText('Billing desk');
      await hangUp(customerPhone);
    } finally {
      await customerPhone.context().close();
      await agent.context().close();
    }
  });

  test('agents may not publish; team leads only their team\'s scripts', async () => {
    const starter = STARTER_SCRIPTS[0]!;
    expect((await publish(starter, 'agent1')).status).toBe(403);
    expect((await publish(starter, 'lead1')).status).toBe(403);
  });
});
