import { expect, type Page } from '@playwright/test';
import { loginResponseSchema, type LoginResponse } from '../../contract/src/auth';
import { DEMO_PASSWORD } from './fixtures';

/** Fills the sign-in form (in whichever language it shows) and submits it. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^(Username|Usuario)$/).fill(username);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Entrar)$/ }).click();
}

/** Signs in through the UI and returns the session the backend issued (validated against the contract). */
export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const reply = page.waitForResponse((response) => response.url().endsWith('/api/auth/login') && response.request().method() === 'POST');
  await submitSignIn(page, username, password);
  const response = await reply;
  expect(response.status(), `login as ${username}`).toBe(200);
  const session = loginResponseSchema.parse(await response.json());
  // The name's own element: the admin's name ("Administrator") is also their role's label.
  await expect(page.getByRole('banner').locator('.agent__name')).toHaveText(session.user.displayName);
  return session;
}
