/**
 * The live team board flags a pause that has run past its code's limit, in words (en and es).
 * Nothing waits for the clock: the admin sets the code's limit through the API and the pause is
 * made to have started long ago in the database, which is why this spec runs its backend on a
 * real PostgreSQL 15 (the embedded PGlite belongs to the backend process alone).
 */
import pg from 'pg';
import { createDatabase, startPostgres, type PostgresServer } from '../../server/test/postgres-server';
import { startBackend, type RunningBackend } from '../support/backend';
import { expect, saveScreenshot, seriousAccessibilityViolations, test as base } from '../support/fixtures';
import { signInAs } from '../support/sign-in';
import { getJson, login, postJson, sendJson } from './api';

interface PostgresBackend { backend: RunningBackend; databaseUrl: string }

const test = base.extend<object, { postgresBackend: PostgresBackend }>({
  postgresBackend: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const server: PostgresServer = await startPostgres();
      try {
        const database = await createDatabase(server.url, 'centralita_board_e2e');
        const backend = await startBackend({ env: { DATABASE_URL: database.url } });
        try {
          await use({ backend, databaseUrl: database.url });
        } finally {
          await backend.stop();
        }
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ postgresBackend }, use) => use(postgresBackend.backend.url),
});

test.describe.configure({ timeout: 240_000 });

interface BoardReply { agents: { agentId: string; state: string; pauseMaxMinutes: number | null; pauseOverrun: boolean }[] }

/** Moves the start of a user's current state back in time, as if they had been in it that long. */
async function backdateState(databaseUrl: string, userId: string, minutes: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(`update agent_status set since = now() - make_interval(mins => $2) where user_id = $1`, [userId, minutes]);
    expect(result.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

test("a lead sees, in words, that an agent's pause has run past its code's limit", async ({ page, browser, postgresBackend }) => {
  const url = postgresBackend.backend.url;
  const admin = await login(url, 'admin');
  const agent = await login(url, 'agent2');
  const lead = await login(url, 'lead1');

  // The admin gives "Personal" a 5-minute limit; Brian has been on a personal pause for 12 minutes.
  expect((await sendJson(url, admin, 'PATCH', '/api/admin/pause-codes/personal', { maxMinutes: 5 })).status).toBe(200);
  expect((await postJson(url, agent, '/api/presence', { state: 'paused', pauseCode: 'personal' })).status).toBe(200);
  await backdateState(postgresBackend.databaseUrl, agent.userId, 12);
  const board = await getJson<BoardReply>(url, lead, '/api/team/board');
  expect(board.body.agents.find((row) => row.agentId === agent.userId)).toMatchObject({ state: 'paused', pauseMaxMinutes: 5, pauseOverrun: true });

  await page.goto('/');
  await signInAs(page, 'lead1');
  await page.getByRole('banner').getByRole('link', { name: 'Team-lead workspace' }).click();
  await page.getByRole('tab', { name: 'Team board' }).click();
  const row = page.getByRole('table', { name: 'Agents' }).locator(`tr[data-agent-id="${agent.userId}"]`);
  await expect(row).toContainText('Paused', { timeout: 30_000 });
  await expect(row.getByTestId('pause-overrun')).toHaveText(/^— over its 5-minute limit \(by \d+ minutes?\)$/);
  await expect(page.getByTestId('board-overruns')).toHaveText('1');
  // Only the agent past the limit is flagged.
  await expect(page.getByTestId('pause-overrun')).toHaveCount(1);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await saveScreenshot(page, 'lead-board-overrun-en');

  // The same board in Spanish.
  const spanish = await browser.newContext({ baseURL: url, locale: 'es-ES' });
  try {
    const esPage = await spanish.newPage();
    await esPage.goto('/');
    await signInAs(esPage, 'lead1');
    await esPage.getByRole('banner').getByRole('link', { name: 'Espacio de jefe de equipo' }).click();
    await esPage.getByRole('tab', { name: 'Panel del equipo' }).click();
    const esRow = esPage.getByRole('table', { name: 'Agentes' }).locator(`tr[data-agent-id="${agent.userId}"]`);
    await expect(esRow.getByTestId('pause-overrun')).toHaveText(/^— supera su límite de 5 minutos \(en \d+ minutos?\)$/, { timeout: 30_000 });
  } finally {
    await spanish.close();
  }

  // Back from the pause: the next refresh of the board clears the flag.
  expect((await postJson(url, agent, '/api/presence', { state: 'available' })).status).toBe(200);
  await expect(row).toContainText('Available', { timeout: 30_000 });
  await expect(page.getByTestId('pause-overrun')).toHaveCount(0);
  await expect(page.getByTestId('board-overruns')).toHaveText('0');
});
