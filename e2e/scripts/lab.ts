/** Opens a workspace for any demo user; with `sipPassword` the phone is registered too (agents on the card lab's PBX). */
import type { Page } from '@playwright/test';
import { signInAs } from '../support/sign-in';
import { expect, type CardLab } from '../customer-card/card-lab';

export async function openWorkspace(lab: CardLab, username: string, lang: 'en' | 'es', sipPassword: string | null): Promise<Page> {
  const context = await lab.browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', baseURL: lab.backend.url, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto('/');
  await signInAs(page, username);
  const sync = page.getByRole('banner').getByRole('region', { name: lang === 'es' ? 'Sincronización' : 'Sync' });
  await expect(sync).toContainText(lang === 'es' ? 'En línea' : 'Online', { timeout: 90_000 });
  if (sipPassword) {
    await page.getByRole('button', { name: lang === 'es' ? 'Ajustes' : 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(lang === 'es' ? /SIP/ : 'Phone (SIP) password').fill(sipPassword);
    await dialog.getByRole('button', { name: lang === 'es' ? 'Guardar contraseña' : 'Save password' }).click();
    await dialog.getByRole('button', { name: lang === 'es' ? 'Cerrar' : 'Close' }).click();
    await expect(page.locator('[data-registration]')).toHaveAttribute('data-registration', 'registered');
  }
  return page;
}
