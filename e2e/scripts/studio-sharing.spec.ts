/**
 * The script studio shared between team leads, against the real backend (PGlite, demo data) in
 * Chromium: a lead sees who owns each script and gets other teams' and center-wide scripts
 * read-only (preview, export, a copy for their team); two leads of one team editing the same
 * shared draft are told when the other saved first, and nothing either wrote is lost.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, saveScreenshot, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';
import { getJson, login, postJson, sendJson, type ApiUser } from '../lead/api';

test.describe.configure({ timeout: 240_000 });

// One backend serves every spec of the worker: ids and usernames are unique to this run.
const tag = Date.now().toString(36);

const teamScript = (id: string, name: { en: string; es: string }) => ({
  schemaVersion: 1, id, name, selection: { queues: ['retention'], directions: ['inbound'] }, start: 'greet',
  steps: [
    { id: 'greet', type: 'say', text: { en: 'Thanks for calling about your return.', es: 'Gracias por llamar por su devolución.' }, next: 'done' },
    { id: 'done', type: 'end', disposition: 'information_provided' },
  ],
});

async function createLead(backendUrl: string, username: string, displayName: string, teamId: string): Promise<ApiUser> {
  const admin = await login(backendUrl, 'admin');
  const password = `centralita-${username}`;
  const created = await postJson(backendUrl, admin, '/api/admin/users', { username, displayName, role: 'team_lead', teamId, password });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return login(backendUrl, username, password);
}

async function openStudio(browser: Browser, baseURL: string, username: string, lang: 'en' | 'es', password?: string): Promise<{ page: Page; studio: Locator }> {
  const context = await browser.newContext({ baseURL, locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto('/');
  await signInAs(page, username, password);
  await expect(page.getByRole('banner').getByRole('region', { name: lang === 'es' ? 'Sincronización' : 'Sync' })).toContainText(lang === 'es' ? 'En línea' : 'Online', { timeout: 90_000 });
  await page.getByTestId('script-panel').getByRole('button', { name: lang === 'es' ? 'Editar guiones' : 'Edit scripts' }).click();
  return { page, studio: page.getByRole('dialog', { name: lang === 'es' ? 'Guiones de llamada' : 'Call scripts' }) };
}

interface StoredDraft { teamName: string | null; definition: { name: { en: string } } }
const draftName = async (backendUrl: string, user: ApiUser, id: string) => (await getJson<StoredDraft>(backendUrl, user, `/api/scripts/${id}/draft`)).body.definition.name.en;

test('a lead sees each script\'s owner; another team\'s and center-wide scripts open read-only, with preview, export and a copy for the team', async ({ browser, backend }) => {
  const lead1 = await login(backend.url, 'lead1');
  const teamB = (await login(backend.url, 'agent3')).teamId!;
  const leadB = await createLead(backend.url, `leadb${tag}`, 'Beatriz Team B', teamB);
  const returnsId = `returns-${tag}`;
  expect((await postJson(backend.url, leadB, '/api/scripts', { definition: teamScript(returnsId, { en: `Returns ${tag}`, es: `Devoluciones ${tag}` }) })).status).toBe(201);

  const { page, studio } = await openStudio(browser, backend.url, 'lead1', 'en');
  try {
    const openMenu = studio.getByLabel('Open a script');

    // A center-wide starter script: owner shown, every control locked, no save or publish.
    await openMenu.selectOption({ label: 'General inbound call (v1) — read-only' });
    await expect(studio.getByTestId('script-owner')).toHaveText('Owner: the whole center (only admins change it)');
    await expect(studio.getByRole('note')).toContainText('This is a center-wide script: only admins change it.');
    await studio.getByText('Script settings').click();
    await expect(studio.getByLabel('Script id')).toBeDisabled();
    await expect(studio.getByRole('group', { name: 'Name', exact: true }).getByLabel('English')).toBeDisabled();
    await expect(studio.getByRole('button', { name: 'Publish new version' })).toHaveCount(0);
    await expect(studio.getByRole('button', { name: 'Save draft for the team' })).toHaveCount(0);

    // Preview and export still work.
    await studio.getByText('Preview', { exact: true }).click();
    await studio.getByRole('button', { name: 'Start preview' }).click();
    await expect(studio.getByTestId('script-step')).toHaveAttribute('data-step-id', 'greet');
    const download = page.waitForEvent('download');
    await studio.getByRole('button', { name: 'Export JSON' }).click();
    expect((await download).suggestedFilename()).toBe('general-inbound.json');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'scripts-read-only-en');

    // Team B's script: its team named; a copy for team A becomes lead1's team draft, editable.
    await openMenu.selectOption({ label: `Returns ${tag} (v1) — read-only` });
    await expect(studio.getByTestId('script-owner')).toHaveText('Owner: Team B');
    await expect(studio.getByRole('note')).toContainText('This script belongs to Team B');
    await studio.getByRole('button', { name: 'Save as a copy for my team' }).click();
    await expect(studio.getByRole('status').filter({ hasText: `Saved as "${returnsId}-copy", a draft of your team.` })).toBeVisible();
    await expect(studio.getByTestId('script-owner')).toHaveText('Owner: Team A');
    await expect(studio.getByRole('note')).toHaveCount(0);
    await expect(studio.getByLabel('Script id')).toBeEnabled();
    await expect(studio.getByLabel('Script id')).toHaveValue(`${returnsId}-copy`);
    await expect(studio.getByRole('button', { name: 'Publish new version' })).toBeVisible();
    const copy = await getJson<StoredDraft>(backend.url, lead1, `/api/scripts/${returnsId}-copy/draft`);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ teamName: 'Team A', definition: { name: { en: `Returns ${tag} (copy)` } } });
    // The original is untouched and still Team B's.
    expect((await getJson<unknown>(backend.url, leadB, `/api/scripts/${returnsId}/draft`)).status).toBe(404);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await page.context().close();
  }
});

test('two leads of one team edit the same shared draft: the later save is refused, told who saved, and keeps the text', async ({ browser, backend }) => {
  const lead1 = await login(backend.url, 'lead1');
  const password = `centralita-lucia${tag}`;
  await createLead(backend.url, `lucia${tag}`, 'Lucía Ramos', lead1.teamId!);
  const sharedId = `shared-${tag}`;
  expect((await postJson(backend.url, lead1, '/api/scripts', { definition: teamScript(sharedId, { en: `Shared ${tag}`, es: `Compartido ${tag}` }) })).status).toBe(201);

  const diego = await openStudio(browser, backend.url, 'lead1', 'en');
  let lucia: Awaited<ReturnType<typeof openStudio>> | null = null;
  try {
    const diegoName = diego.studio.getByRole('group', { name: 'Name', exact: true }).getByLabel('English');
    const diegoSave = diego.studio.getByRole('button', { name: 'Save draft for the team' });

    // Diego starts the team's draft; Lucía (in Spanish) opens it from the team drafts.
    await diego.studio.getByLabel('Open a script').selectOption({ label: `Shared ${tag} (v1)` });
    await expect(diego.studio.getByTestId('script-owner')).toHaveText('Owner: Team A');
    await diego.studio.getByText('Script settings').click();
    await diegoName.fill('Diego first');
    await diegoSave.click();
    await expect(diego.studio.getByRole('status').filter({ hasText: 'Draft saved on the server' })).toBeVisible();
    lucia = await openStudio(browser, backend.url, `lucia${tag}`, 'es', password);
    const luciaName = lucia.studio.getByRole('group', { name: 'Nombre', exact: true }).getByLabel('English');
    const luciaSave = lucia.studio.getByRole('button', { name: 'Guardar borrador para el equipo' });
    await lucia.studio.getByLabel('Abrir un guion').selectOption({ label: `${sharedId} — borrador de Diego Fernández` });
    await expect(lucia.studio.getByRole('status').filter({ hasText: 'Abierto el borrador del equipo' })).toBeVisible();
    await lucia.studio.getByText('Ajustes del guion').click();
    await expect(luciaName).toHaveValue('Diego first');

    // Diego saves again; Lucía, still on the first revision, saves: refused, told by whom, her text kept.
    await diegoName.fill('Diego second');
    await diegoSave.click();
    await expect(diego.studio.getByRole('status').filter({ hasText: 'Draft saved on the server' })).toBeVisible();
    await luciaName.fill('Versión de Lucía');
    await luciaSave.click();
    const luciaConflict = lucia.studio.getByTestId('draft-conflict');
    await expect(luciaConflict).toContainText('Su borrador no se ha guardado. Diego Fernández guardó este borrador a las');
    await expect(luciaConflict).toContainText('Sus cambios siguen aquí, en el editor');
    await expect(luciaName).toHaveValue('Versión de Lucía');
    expect(await draftName(backend.url, lead1, sharedId)).toBe('Diego second');
    expect(await seriousAccessibilityViolations(lucia.page)).toEqual([]);
    await saveScreenshot(lucia.page, 'scripts-draft-conflict-es');

    // She loads Diego's draft over hers, edits it and saves: accepted.
    await luciaConflict.getByRole('button', { name: 'Cargar el borrador de Diego Fernández (sustituye sus cambios)' }).click();
    await expect(luciaConflict).toHaveCount(0);
    await expect(luciaName).toHaveValue('Diego second');
    await luciaName.fill('Lucía sobre Diego');
    await luciaSave.click();
    await expect(lucia.studio.getByRole('status').filter({ hasText: 'Borrador guardado en el servidor' })).toBeVisible();
    expect(await draftName(backend.url, lead1, sharedId)).toBe('Lucía sobre Diego');

    // Now Diego is the stale one: publishing would drop Lucía's draft, so it is refused; he keeps his
    // text as a copy, which he then saves as a draft of its own.
    await diegoName.fill('Diego third');
    await diego.studio.getByRole('button', { name: 'Publish new version' }).click();
    const diegoConflict = diego.studio.getByTestId('draft-conflict');
    await expect(diegoConflict).toContainText("Not published: publishing would have thrown away the team's newer draft. Lucía Ramos saved this draft at");
    expect((await getJson<{ items: unknown[] }>(backend.url, lead1, `/api/scripts/${sharedId}/versions`)).body.items).toHaveLength(1);
    expect(await seriousAccessibilityViolations(diego.page)).toEqual([]);
    await diegoConflict.getByRole('button', { name: 'Keep editing my text as a copy' }).click();
    await expect(diego.studio.getByLabel('Script id')).toHaveValue(`${sharedId}-copy`);
    await expect(diegoName).toHaveValue('Diego third (copy)');
    await expect(diego.studio.getByRole('status').filter({ hasText: `Your text is now the copy "${sharedId}-copy"` })).toBeVisible();
    await diegoSave.click();
    await expect(diego.studio.getByRole('status').filter({ hasText: 'Draft saved on the server' })).toBeVisible();
    expect(await draftName(backend.url, lead1, `${sharedId}-copy`)).toBe('Diego third (copy)');
    expect(await draftName(backend.url, lead1, sharedId)).toBe('Lucía sobre Diego');

    // Lucía is on the newest revision: she publishes, which ends the shared draft.
    await lucia.studio.getByRole('button', { name: 'Publicar versión nueva' }).click();
    await expect(lucia.studio.getByRole('status').filter({ hasText: 'Publicado como versión 2' })).toBeVisible();
    expect((await getJson<unknown>(backend.url, lead1, `/api/scripts/${sharedId}/draft`)).status).toBe(404);
  } finally {
    await diego.page.context().close();
    await lucia?.page.context().close();
  }
});

test('the API refuses a stale draft save with the newer draft, and a lead\'s edit rights match the list', async ({ backend }) => {
  const lead1 = await login(backend.url, 'lead1');
  const id = `api-${tag}`;
  const first = await sendJson(backend.url, lead1, 'PUT', `/api/scripts/${id}/draft`, { definition: teamScript(id, { en: 'One', es: 'Uno' }), baseRevision: null });
  expect(first.status).toBe(200);
  const revision = (first.body as { revision: number }).revision;
  expect((await sendJson(backend.url, lead1, 'PUT', `/api/scripts/${id}/draft`, { definition: teamScript(id, { en: 'Two', es: 'Dos' }), baseRevision: revision })).status).toBe(200);
  const stale = await sendJson(backend.url, lead1, 'PUT', `/api/scripts/${id}/draft`, { definition: teamScript(id, { en: 'Stale', es: 'Viejo' }), baseRevision: revision });
  expect(stale.status).toBe(409);
  expect(stale.body).toMatchObject({ error: { code: 'draft_conflict', details: { draft: { definition: { name: { en: 'Two' } } } } } });
  const listed = (await getJson<{ items: Array<{ id: string; canEdit: boolean; owner: { teamId: string | null } }> }>(backend.url, lead1, '/api/scripts')).body.items;
  expect(listed.find((item) => item.id === 'general-inbound')).toMatchObject({ owner: { teamId: null }, canEdit: false });
});
