/**
 * First sign-in against a backend that already holds customers: the bulk snapshot, downloaded in
 * the Web Worker with a progress bar, then the pull from the snapshot's cursor — so a change
 * another agent commits while the snapshot is half-way still arrives.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, seriousAccessibilityViolations } from '../support/fixtures';
import { repoRoot, startBackend, type RunningBackend } from '../support/backend';
import { formatHlc } from '../../contract/src/hlc';
import { snapshotPageSchema } from '../../contract/src/snapshot';
import { uuidv7 } from '../../renderer/src/features/sync/uuid7';
import { apiLogin, openLab, signInLab, type LabGlobal } from './lab';

const SEEDED = 1500;

function seed(dataDir: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server/src/cli/seed.ts'), '--customers', String(count), '--with-demo-accounts'], {
      cwd: repoRoot, stdio: 'ignore', env: { ...process.env, DATA_DIR: dataDir, CENTRALITA_DEMO: '1' },
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`))));
  });
}

test.describe('bulk snapshot', () => {
  let dataDir: string;
  let backend: RunningBackend;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = mkdtempSync(join(tmpdir(), 'centralita-snapshot-e2e-'));
    await seed(dataDir, SEEDED);
    backend = await startBackend({ env: { DATA_DIR: dataDir } });
  });
  test.afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('first sign-in downloads everything with progress and misses nothing committed meanwhile', async ({ page, context }) => {
    test.setTimeout(120_000);
    const other = await apiLogin(backend.url, 'agent2');
    const first = snapshotPageSchema.parse(await (await fetch(`${backend.url}/api/sync/snapshot?limit=1`, { headers: { authorization: `Bearer ${other.token}` } })).json());
    const total = first.total!;
    expect(total).toBeGreaterThanOrEqual(SEEDED);
    const early = first.customers[0]!;
    const earlyPhone = first.identities.find((identity) => identity.kind === 'phone')!.value as string;

    // Hold every page after the first until the test has committed its changes.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let held = 0;
    await context.route('**/api/sync/snapshot?*', async (route) => {
      if (new URL(route.request().url()).searchParams.has('after')) {
        held += 1;
        await gate;
      }
      await route.continue();
    });

    await openLab(page, backend.url);
    await signInLab(page, 'agent1');
    const bar = page.locator('#sync-progress-bar');
    await expect(bar).toHaveAttribute('max', String(total), { timeout: 30_000 });
    await expect(bar).toHaveAttribute('value', '1000');
    await expect(page.getByText(`1000 of ${total}`)).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(held).toBeGreaterThan(0);

    // Another agent edits a customer the snapshot already delivered and creates a new one.
    const created = uuidv7();
    const clientTs = formatHlc({ wallMs: Date.now(), counter: 0, node: 'otherAgent' });
    const push = await fetch(`${backend.url}/api/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${other.token}` },
      body: JSON.stringify({ clientId: 'otherAgentClient', mutations: [
        { id: uuidv7(), entity: 'customer', entityId: early.id, op: 'update', clientTs, patch: { displayName: 'Renamed During Snapshot' } },
        { id: uuidv7(), entity: 'customer', entityId: created, op: 'insert', clientTs, patch: { displayName: 'Created During Snapshot' } },
      ] }),
    });
    expect(push.status).toBe(200);
    release();

    await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
    const local = await page.evaluate(async ([earlyId, createdId, phone]) => {
      const api = (globalThis as unknown as LabGlobal).__centralitaSync;
      return {
        count: await api.customerCount(),
        early: (await api.getCustomer(earlyId))?.displayName,
        created: (await api.getCustomer(createdId))?.displayName,
        byPhone: (await api.findCustomerByPhone(phone))?.id,
        cursor: await api.cursor(),
      };
    }, [early.id, created, earlyPhone] as const);
    expect(local.count).toBe(total + 1);
    expect(local.early).toBe('Renamed During Snapshot');
    expect(local.created).toBe('Created During Snapshot');
    expect(local.byPhone).toBe(early.id);
    expect(Number(local.cursor?.cursor)).toBeGreaterThan(Number(first.cursor));
    await expect(page.getByTestId('sync-connection')).toHaveText('Online');
    await expect(bar).toHaveCount(0);
  });
});
