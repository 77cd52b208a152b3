/**
 * The admin-only "Center settings": an admin changes the after-call-work length in the lead
 * workspace (validation errors shown at the field), and an agent's next reference read gets it.
 * Leads do not see the section, and the server refuses them anyway.
 */
import { expect, saveScreenshot, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';
import { getJson, login, sendJson } from './api';

test.describe.configure({ timeout: 240_000 });

interface Policy { seconds: number; defaultDisposition: string }

test('an admin changes the after-call-work length; the next reference read of an agent gets it', async ({ page, browser, backend }) => {
  const admin = await login(backend.url, 'admin');
  const lead = await login(backend.url, 'lead1');
  const agentApi = await login(backend.url, 'agent1');
  const original = (await getJson<{ afterCallWork: Policy }>(backend.url, admin, '/api/reference')).body.afterCallWork;
  const newSeconds = original.seconds === 75 ? 85 : 75;
  const leadContext = await browser.newContext({ baseURL: backend.url });
  const agentContext = await browser.newContext({ baseURL: backend.url });
  try {
    // A team lead has no such section, and the server refuses the lead's write.
    const leadPage = await leadContext.newPage();
    await leadPage.goto('/');
    await signInAs(leadPage, 'lead1');
    await leadPage.getByRole('banner').getByRole('link', { name: 'Team-lead workspace' }).click();
    await expect(leadPage.getByRole('tab', { name: 'KPI dashboard' })).toBeVisible();
    await expect(leadPage.getByRole('tab', { name: 'Center settings' })).toHaveCount(0);
    expect((await sendJson(backend.url, lead, 'PUT', '/api/admin/after-call-work', { seconds: 30, defaultDisposition: original.defaultDisposition })).status).toBe(403);

    await page.goto('/');
    await signInAs(page, 'admin');
    await page.getByRole('banner').getByRole('link', { name: 'Team-lead workspace' }).click();
    await page.getByRole('tab', { name: 'Center settings' }).click();
    const form = page.getByRole('form', { name: 'After-call work' });
    const seconds = form.getByLabel('After-call work length (seconds)');
    await expect(seconds).toHaveValue(String(original.seconds), { timeout: 30_000 });
    await expect(form.getByLabel('Disposition saved when it runs out')).toHaveValue(original.defaultDisposition);
    // Dispositions that need wrap-up fields cannot be the default, so they are not offered.
    await expect(form.getByLabel('Disposition saved when it runs out').locator('option[value="complaint_logged"]')).toHaveCount(0);

    // Out of range: refused at the field, nothing sent, focus on the field.
    await seconds.fill('5');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form).toContainText('The length must be from 10 to 3600 seconds.');
    await expect(seconds).toHaveAttribute('aria-invalid', 'true');
    await expect(seconds).toBeFocused();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect((await getJson<{ afterCallWork: Policy }>(backend.url, agentApi, '/api/reference')).body.afterCallWork).toEqual(original);

    await seconds.fill(String(newSeconds));
    await expect(seconds).not.toHaveAttribute('aria-invalid', 'true');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form.getByRole('status')).toContainText(`Saved: ${newSeconds} s of after-call work.`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'lead-center-settings-en');

    // The agent's next reference read (at sign-in) carries the new length, and the client keeps it.
    const agentPage = await agentContext.newPage();
    const referenceRead = agentPage.waitForResponse((response) => response.url().endsWith('/api/reference') && response.status() === 200);
    await agentPage.goto('/');
    await signInAs(agentPage, 'agent1');
    const reply = (await (await referenceRead).json()) as { afterCallWork: Policy };
    expect(reply.afterCallWork).toEqual({ seconds: newSeconds, defaultDisposition: original.defaultDisposition });
    await expect.poll(() => agentPage.evaluate(() => JSON.parse(localStorage.getItem('centralita-after-call-work') ?? 'null') as Policy | null), { timeout: 30_000 })
      .toEqual({ seconds: newSeconds, defaultDisposition: original.defaultDisposition });
  } finally {
    // The backend is shared with the other specs of this worker: put the policy back.
    await sendJson(backend.url, admin, 'PUT', '/api/admin/after-call-work', original);
    await leadContext.close();
    await agentContext.close();
  }
});

test('the center settings speak Spanish', async ({ browser, backend }) => {
  const context = await browser.newContext({ baseURL: backend.url, locale: 'es-ES' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signInAs(page, 'admin');
    await page.getByRole('banner').getByRole('link', { name: 'Espacio de jefe de equipo' }).click();
    await page.getByRole('tab', { name: 'Ajustes del centro' }).click();
    const form = page.getByRole('form', { name: 'Trabajo posterior a la llamada' });
    const seconds = form.getByLabel('Duración del trabajo posterior (segundos)');
    await expect(seconds).toBeVisible({ timeout: 30_000 });
    await seconds.fill('12.5');
    await form.getByRole('button', { name: 'Guardar ajustes' }).click();
    await expect(form).toContainText('Indique la duración como un número entero de segundos.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
