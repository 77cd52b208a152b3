import { expect, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';

test.describe('browser edition', () => {
  test('loads from the backend under a strict CSP, uses the browser host and logs no errors', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Centralita');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');

    // No preload here: the renderer picked the browser host and says so.
    expect(await page.evaluate('typeof window.desktop')).toBe('undefined');
    await expect(page.getByText('Browser edition')).toBeVisible();
    // The host config came from the same origin.
    const config = await page.request.get('/api/config');
    expect(config.ok()).toBe(true);

    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('reports what a browser tab cannot do and keeps secrets in memory only', async ({ page }) => {
    await page.goto('/');
    await signInAs(page, 'agent1');
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('in memory for this session only')).toBeVisible();
    for (const capability of ['Opening tel: and sip: links', 'Status icon in the system tray', 'Away status when the screen locks', 'Call shortcuts when the app is in the background']) {
      await expect(dialog.getByRole('listitem').filter({ hasText: capability })).toContainText('Not available here');
    }
    await expect(dialog.getByText('In the browser edition they work while this tab has focus.')).toBeVisible();
    // The refresh token never reaches web storage.
    const stored = (await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })')) as string;
    expect(stored).not.toMatch(/token/i);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
