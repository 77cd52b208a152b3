import { startBackend } from '../support/backend';
import { expect, saveScreenshot, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs, submitSignIn } from '../support/sign-in';

test.describe('sign-in in English', () => {
  test.use({ locale: 'en-US' });

  test('renders in English with no serious accessibility violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Use your agent account to start your shift.')).toBeVisible();
    await expect(page.getByLabel('Username')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await expect(page.getByLabel('Language')).toHaveValue('en');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'sign-in-en');
  });

  test('a wrong password shows the error and keeps the typed username', async ({ page }) => {
    await page.goto('/');
    await submitSignIn(page, 'agent1', 'not-the-password');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The username or password is incorrect.');
    await expect(page.getByLabel('Username')).toHaveValue('agent1');
    const password = page.getByLabel('Password', { exact: true });
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'sign-in-error-en');
  });

  test('empty fields are explained before anything is sent', async ({ page }) => {
    await page.goto('/');
    let loginRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) loginRequests += 1;
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter your username and password.');
    await expect(page.getByLabel('Username')).toBeFocused();
    expect(loginRequests).toBe(0);
  });

  test('repeated wrong passwords are rate limited and the wait is shown', async ({ page }) => {
    await page.goto('/');
    // A name of its own, so the lock-out cannot affect the demo accounts other tests use.
    const username = `locked-out-${Date.now()}`;
    let lastStatus = 0;
    for (let attempt = 0; attempt < 10 && lastStatus !== 429; attempt += 1) {
      const reply = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
      await submitSignIn(page, username, `wrong-${attempt}`);
      lastStatus = (await reply).status();
    }
    expect(lastStatus).toBe(429);
    await expect(page.getByRole('alert')).toContainText(/Too many sign-in attempts\. Try again in \d+ seconds\./);
    await expect(page.getByLabel('Username')).toHaveValue(username);
  });

  test('an unreachable backend is reported as such', async ({ page }) => {
    // A backend of its own, stopped after the page loaded: the next request really fails.
    // Starting a second backend (fresh PGlite, migrations, demo data) can be slow on a busy machine.
    test.setTimeout(180_000);
    const doomed = await startBackend();
    try {
      await page.goto(doomed.url);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    } finally {
      await doomed.stop();
    }
    await submitSignIn(page, 'agent1', 'centralita');
    await expect(page.getByRole('alert')).toContainText('Cannot reach the Centralita server.');
    await expect(page.getByLabel('Username')).toHaveValue('agent1');
  });

  test('signing in as agent1 opens the workspace with the agent’s name', async ({ page }) => {
    await page.goto('/');
    const session = await signInAs(page, 'agent1');
    expect(session.user.username).toBe('agent1');
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
    await expect(page.getByRole('banner')).toContainText(session.user.displayName);
  });
});

test.describe('sign-in in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('follows the browser language and renders in Spanish', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
    await expect(page.getByText('Usa tu cuenta de agente para empezar tu turno.')).toBeVisible();
    await expect(page.getByLabel('Usuario')).toBeVisible();
    await expect(page.getByLabel('Contraseña', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Entrar' })).toBeVisible();
    await expect(page.getByText('Edición navegador')).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'sign-in-es');
  });

  test('shows a wrong password in Spanish', async ({ page }) => {
    await page.goto('/');
    await submitSignIn(page, 'agent2', 'incorrecta');
    await expect(page.getByRole('alert')).toContainText('El usuario o la contraseña no son correctos.');
    await expect(page.getByLabel('Usuario')).toHaveValue('agent2');
  });
});

test.describe('language switch', () => {
  test.use({ locale: 'en-US' });

  test('switches to Spanish on the spot and remembers the choice', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Username').fill('agent1');
    await page.getByLabel('Language').selectOption('es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
    // Switching language does not lose what was typed.
    await expect(page.getByLabel('Usuario')).toHaveValue('agent1');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();

    await page.getByLabel('Idioma').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });
});
