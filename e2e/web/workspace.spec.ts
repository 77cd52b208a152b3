import { expect, saveScreenshot, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';

test.describe('workspace frame', () => {
  // After sign-in the sync feature downloads the demo customers in a worker; on a busy machine
  // that competes with the page for CPU, so these tests get more time than the default.
  test.describe.configure({ timeout: 150_000 });

  test('shows the phone dock, customer area, work queue and the sync status, accessibly', async ({ page }) => {
    await page.goto('/');
    const session = await signInAs(page, 'agent1');

    const banner = page.getByRole('banner');
    await expect(banner).toContainText(session.user.displayName);
    await expect(banner).toContainText('Agent');
    await expect(banner).toContainText('Status: Offline');
    // The sync feature runs against the real backend and reports itself in the header.
    await expect(banner.getByRole('region', { name: 'Sync' })).toContainText('Online', { timeout: 30_000 });
    await expect(banner.getByRole('button', { name: 'Sign out' })).toBeVisible();

    // The e2e backend has no PBX configured: the phone says so instead of failing silently.
    await expect(page.getByRole('complementary', { name: 'Phone' })).toContainText('No phone server is configured');
    await expect(page.getByRole('main', { name: 'Customer' })).toContainText('No customer on screen');
    await expect(page.getByRole('complementary', { name: 'Work queue' })).toBeVisible();

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'workspace-en');
  });

  test('the settings dialog switches the whole workspace to Spanish', async ({ page }) => {
    await page.goto('/');
    await signInAs(page, 'agent2');
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'Español' }).check();

    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    const ajustes = page.getByRole('dialog', { name: 'Ajustes' });
    await expect(ajustes.getByRole('radio', { name: 'Español' })).toBeChecked();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await ajustes.getByRole('button', { name: 'Cerrar' }).click();
    await expect(ajustes).toBeHidden();

    await expect(page.getByRole('main', { name: 'Cliente' })).toContainText('Ningún cliente en pantalla');
    await expect(page.getByRole('complementary', { name: 'Cola de trabajo' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('region', { name: 'Sincronización' })).toContainText('En línea', { timeout: 30_000 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'workspace-es');
  });

  test('signing out returns to the sign-in screen and forgets the session', async ({ page }) => {
    await page.goto('/');
    await signInAs(page, 'agent3');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });

  test('fits 1280×800 without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await signInAs(page, 'lead1');
    await expect(page.getByRole('banner')).toContainText('Team lead');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await saveScreenshot(page, 'workspace-lead-1280');
  });
});
