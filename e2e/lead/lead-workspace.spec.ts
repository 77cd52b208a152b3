/**
 * The team-lead workspace against the real backend with demo data: re-tagging a call offline
 * (one audit row on the server with the reason, seen by the agent, counted in the KPIs), role
 * gating in the UI and on the server, and the KPI dashboard's charts.
 */
import type { Page } from '@playwright/test';
import { expect, saveScreenshot, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';
import { complaintCount, getJson, login, postJson, pushRetag, type Kpis, type Review } from './api';

test.describe.configure({ timeout: 240_000 });

const WIDE_RANGE = `from=${encodeURIComponent('2000-01-01T00:00:00.000Z')}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;

async function openLeadWorkspace(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Team-lead workspace' }).click();
  await expect(page).toHaveURL(/#\/lead$/);
  await expect(page.getByRole('tab', { name: "Team's calls" })).toHaveAttribute('aria-selected', 'true');
}

test('a lead re-tags a call offline: one audit row with the reason, the agent sees it, the KPI counts it', async ({ browser, backend }) => {
  const leadContext = await browser.newContext({ baseURL: backend.url });
  const agentContext = await browser.newContext({ baseURL: backend.url });
  try {
    const page = await leadContext.newPage();
    await page.goto('/');
    await signInAs(page, 'lead1');
    await openLeadWorkspace(page);
    const calls = page.getByRole('region', { name: "The team's calls" });
    const firstCall = calls.locator('tr[data-call-id]').first();
    await expect(firstCall).toBeVisible({ timeout: 30_000 });
    const callId = (await firstCall.getAttribute('data-call-id'))!;

    const lead = await login(backend.url, 'lead1');
    const before = await getJson<Review>(backend.url, lead, `/api/interactions/${callId}`);
    expect(before.status).toBe(200);
    const newType = before.body.outcome.complaintTypeId === 'unwanted_marketing' ? 'lost_parcel' : 'unwanted_marketing';
    const newTypeLabel = newType === 'unwanted_marketing' ? 'Unwanted marketing' : 'Lost parcel';
    const kpisBefore = (await getJson<Kpis>(backend.url, lead, `/api/kpis?${WIDE_RANGE}`)).body;

    await firstCall.getByRole('button', { name: /^Review the call/ }).click();
    const review = page.getByRole('region', { name: 'Call review' });
    await expect(review.getByRole('heading', { name: 'Re-tag the outcome' })).toBeVisible({ timeout: 30_000 });
    await expect(review).toContainText("The customer's timeline around this call");

    // Offline: the re-tag goes to the outbox and shows as waiting.
    await leadContext.setOffline(true);
    const reason = `Customer was asking about marketing calls (${Date.now()})`;
    await review.getByLabel('Complaint type').selectOption(newType);
    await review.getByRole('button', { name: 'Save re-tag' }).click();
    await expect(review.getByRole('alert')).toContainText('Say why');
    await expect(review.getByLabel('Complaint type')).toHaveValue(newType);
    await review.getByLabel('Reason (required, shown to the agent)').fill(reason);
    await review.getByRole('button', { name: 'Save re-tag' }).click();
    await expect(review.getByRole('status').filter({ hasText: 'Re-tag saved' })).toBeVisible();
    await expect(review.getByTestId('retag-audit')).toContainText('Waiting to sync');
    await expect(review.getByTestId('retag-audit')).toContainText(reason);

    // Online: the outbox drains and the server's audit row replaces the pending one.
    await leadContext.setOffline(false);
    await expect(review.getByTestId('retag-audit')).not.toContainText('Waiting to sync', { timeout: 60_000 });
    await expect(review.getByTestId('retag-audit')).toContainText(reason);
    await expect(review.getByTestId('retag-audit')).toContainText(`Complaint type: `);
    await expect(review.getByTestId('retag-audit')).toContainText(newTypeLabel);

    const after = await getJson<Review>(backend.url, lead, `/api/interactions/${callId}`);
    expect(after.body.retags.filter((retag) => retag.reason === reason)).toHaveLength(1);
    expect(after.body.retags.find((retag) => retag.reason === reason)?.new).toEqual({ complaintTypeId: newType });
    expect(after.body.outcome.complaintTypeId).toBe(newType);
    const kpisAfter = (await getJson<Kpis>(backend.url, lead, `/api/kpis?${WIDE_RANGE}`)).body;
    expect(complaintCount(kpisAfter, newType)).toBe(complaintCount(kpisBefore, newType) + 1);

    // The agent who handled the call sees the re-tag of their own call, and why.
    const agent1 = await login(backend.url, 'agent1');
    const username = after.body.agent.id === agent1.userId ? 'agent1' : 'agent2';
    const agentPage = await agentContext.newPage();
    await agentPage.goto('/');
    await signInAs(agentPage, username);
    const mine = agentPage.getByTestId('my-retags');
    await expect(mine).toContainText(/Re-tags of my calls \([1-9]/, { timeout: 90_000 });
    await mine.getByText(/Re-tags of my calls/).click();
    await expect(mine).toContainText(reason);
    // …and the agent's own review of that call, which the server allows them, shows it too.
    const agentApi = await login(backend.url, username);
    const agentView = await getJson<Review>(backend.url, agentApi, `/api/interactions/${callId}`);
    expect(agentView.status).toBe(200);
    expect(agentView.body.retags.map((retag) => retag.reason)).toContain(reason);
  } finally {
    await leadContext.close();
    await agentContext.close();
  }
});

test('an agent gets nothing from the lead workspace; the server refuses agents and leads of other teams', async ({ page, backend }) => {
  await page.goto('/');
  await signInAs(page, 'agent1');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Team-lead workspace' })).toHaveCount(0);
  // From here on, the lead view must not ask the server for any lead data.
  const leadRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/(team|kpis|exclusions)/.test(request.url())) leadRequests.push(request.url());
  });
  await page.goto('/#/lead');
  await expect(page.getByRole('heading', { level: 1, name: 'Not available' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(leadRequests).toEqual([]);

  const agent = await login(backend.url, 'agent1');
  const lead = await login(backend.url, 'lead1');
  const calls = await getJson<{ items: { id: string }[] }>(backend.url, lead, '/api/team/interactions?limit=1');
  const callId = calls.body.items[0]!.id;

  // An agent's re-tag: 403, and no audit row.
  const byAgent = await pushRetag(backend.url, agent, callId, 'agent trying to re-tag');
  expect(byAgent.status).toBe(403);
  for (const path of ['/api/team/interactions', '/api/team/board', '/api/exclusions']) expect((await getJson(backend.url, agent, path)).status).toBe(403);

  // A lead of another team (created by the admin for this test): 403 too.
  const admin = await login(backend.url, 'admin');
  const teams = await getJson<{ teams: { id: string; name: string }[] }>(backend.url, admin, '/api/admin/teams');
  const teamB = teams.body.teams.find((team) => team.id !== lead.teamId)!;
  const created = await postJson(backend.url, admin, '/api/admin/users', {
    username: 'leadb', displayName: 'Lead of Team B', role: 'team_lead', teamId: teamB.id, password: 'team-b-lead-password',
  });
  expect(created.status).toBe(201);
  const otherLead = await login(backend.url, 'leadb', 'team-b-lead-password');
  const byOtherLead = await pushRetag(backend.url, otherLead, callId, 'lead of another team');
  expect(byOtherLead.status).toBe(403);
  expect((await getJson(backend.url, otherLead, `/api/team/interactions?team=${lead.teamId}`)).status).toBe(403);
  expect((await getJson(backend.url, otherLead, `/api/team/board?team=${lead.teamId}`)).status).toBe(403);
  expect((await getJson(backend.url, otherLead, `/api/interactions/${callId}`)).status).toBe(403);
  const review = await getJson<Review>(backend.url, lead, `/api/interactions/${callId}`);
  expect(review.body.retags.map((retag) => retag.reason)).not.toContain('agent trying to re-tag');
  expect(review.body.retags.map((retag) => retag.reason)).not.toContain('lead of another team');
});

test('the dashboard charts the seeded KPIs; the board and the exclusion list show, accessibly', async ({ page }) => {
  const kpiReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/kpis')) kpiReads.push(request.url());
  });
  await page.goto('/');
  await signInAs(page, 'lead1');
  await openLeadWorkspace(page);

  await page.getByRole('tab', { name: 'KPI dashboard' }).click();
  await expect(page.getByTestId('kpi-tiles')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: /^Chart: / })).toHaveCount(4, { timeout: 30_000 });
  // The trend comes with the one KPI read (`kpiSeries`): a row per day of the 30-day range, values from the seed.
  expect(new Set(kpiReads).size).toBe(1);
  expect(new URL(kpiReads[0]!).searchParams.get('series')).toBe('day');
  const trend = page.getByTestId('kpi-trend');
  await trend.getByText('Data table').click();
  const trendDays = await trend.getByRole('table').getByRole('rowheader').count();
  expect(trendDays).toBeGreaterThanOrEqual(30);
  expect(trendDays).toBeLessThanOrEqual(31);
  await expect(trend.getByRole('table').getByRole('cell').filter({ hasText: /\d/ }).first()).toBeVisible();
  await page.getByLabel('KPI to chart').selectOption('fcr');
  await expect(trend.getByRole('img', { name: /First-contact resolution over time/ })).toBeVisible();
  expect(new Set(kpiReads).size).toBe(1);
  // Every chart drew its marks from the seeded data (bars or lines inside an SVG surface).
  await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
  await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-tiles')).toContainText('Average handle time');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await saveScreenshot(page, 'lead-dashboard-en');

  await page.getByRole('tab', { name: "Team's calls" }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Team board' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('board-available')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Agents' })).toContainText('Ana García');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'Exclusion list' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^exclusions-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await saveScreenshot(page, 'lead-exclusions-en');
});

test('an admin compares the teams, in Spanish; emotions over time come with the one KPI read', async ({ browser, backend }) => {
  const context = await browser.newContext({ baseURL: backend.url, locale: 'es-ES', viewport: { width: 1440, height: 1000 } });
  try {
    const page = await context.newPage();
    const kpiReads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/kpis')) kpiReads.push(request.url());
    });
    await page.goto('/');
    await signInAs(page, 'admin');
    await page.getByRole('banner').getByRole('link', { name: 'Espacio de jefe de equipo' }).click();
    await page.getByRole('tab', { name: 'Panel de KPI' }).click();
    await expect(page.getByTestId('kpi-tiles')).toBeVisible({ timeout: 30_000 });

    // The whole range's read asks for the per-team figures and the daily emotion series.
    const main = kpiReads.map((url) => new URL(url)).find((url) => url.searchParams.get('teams') === '1');
    expect(main?.searchParams.get('series')).toBe('day');

    // Cross-team comparison: a chart and its table with every demo team.
    const teams = page.getByTestId('kpi-teams');
    await expect(teams.getByRole('img', { name: /^Gráfico: .* por equipo/ })).toBeVisible();
    await teams.getByText('Tabla de datos').click();
    const teamTable = teams.getByRole('table');
    await expect(teamTable.getByRole('rowheader')).toHaveText(['Team A', 'Team B']);
    await expect(teamTable.getByRole('columnheader', { name: 'Tiempo medio de gestión' })).toBeVisible();

    // Emotions over time: one row per UTC day the 30-day range touches, from the same read.
    const emotions = page.getByTestId('kpi-emotions');
    await emotions.getByText('Tabla de datos').click();
    const days = await emotions.getByRole('table').getByRole('rowheader').count();
    expect(days).toBeGreaterThanOrEqual(30);
    expect(days).toBeLessThanOrEqual(31);
    await expect(emotions.getByRole('table').getByRole('columnheader', { name: 'Enfadado' })).toBeVisible();
    await expect.poll(() => emotions.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    await expect(page.getByRole('img', { name: /^Gráfico: / })).toHaveCount(5);
    // The trend, the emotions and the team comparison all came with that one read.
    expect(new Set(kpiReads).size).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'lead-dashboard-admin-es');
  } finally {
    await context.close();
  }
});
