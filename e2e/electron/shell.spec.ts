/**
 * The Electron shell's security baseline, checked in a real Electron: one sandboxed window on
 * app://centralita, DesktopApi present with no Node in the page, foreign navigation and
 * window.open refused, microphone granted but camera denied, path traversal refused.
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { WebPreferences } from 'electron';
import type { DesktopApi } from '@contract';
import { electronSwitches, findElectronBinary, projectRoot } from '../../scripts/electron-binary.mjs';

/** What the specs touch in the page (this project's node tsconfig has no DOM lib). */
interface PageGlobals {
  desktop?: DesktopApi;
  marker?: string;
  process?: unknown;
  require?: unknown;
  ipcRenderer?: unknown;
  location: { href: string };
  open(url: string): unknown;
  fetch(url: string): Promise<{ status: number; headers: { get(name: string): string | null } }>;
  navigator: { mediaDevices: { getUserMedia(constraints: { audio?: boolean; video?: boolean }): Promise<{ getTracks(): { stop(): void }[] }> } };
}
/** Electron has it at runtime but not in its typings. */
type WithLastWebPreferences = { getLastWebPreferences(): WebPreferences | null };

const binary = findElectronBinary();

test.describe('Electron shell', () => {
  test.skip(binary.path === null, `Electron suite skipped: ${binary.reason ?? ''}`);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let mainLog = '';

  test.beforeAll(async () => {
    expect(existsSync(join(projectRoot, 'out', 'main', 'index.cjs')), 'out/main/index.cjs exists (run `npx electron-vite build`)').toBe(true);
    userData = await mkdtemp(join(tmpdir(), 'centralita-electron-e2e-'));
    app = await electron.launch({
      executablePath: binary.path ?? undefined,
      args: [projectRoot, ...electronSwitches(), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
      env: { ...process.env, CENTRALITA_USER_DATA_DIR: userData, CENTRALITA_BACKEND_URL: 'http://127.0.0.1:9' },
    });
    app.process().stderr?.on('data', (chunk: Buffer) => {
      mainLog += chunk.toString();
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  test('opens one sandboxed, isolated window on the app origin', async () => {
    expect(page.url()).toMatch(/^app:\/\/centralita\//);
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => {
        const preferences = (window.webContents as unknown as WithLastWebPreferences).getLastWebPreferences();
        return {
          sandbox: preferences?.sandbox,
          contextIsolation: preferences?.contextIsolation,
          nodeIntegration: preferences?.nodeIntegration,
          webSecurity: preferences?.webSecurity,
          backgroundThrottling: preferences?.backgroundThrottling,
          webviewTag: preferences?.webviewTag,
        };
      }),
    );
    expect(windows).toEqual([{ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, backgroundThrottling: false, webviewTag: false }]);
  });

  test('exposes window.desktop of kind electron, and no Node in the page', async () => {
    const seen = await page.evaluate(async () => {
      const host = globalThis as unknown as PageGlobals;
      return {
        kind: host.desktop?.kind,
        methods: Object.keys(host.desktop ?? {}).sort(),
        process: typeof host.process,
        require: typeof host.require,
        ipc: typeof host.ipcRenderer,
        config: await host.desktop?.getConfig(),
      };
    });
    expect(seen.kind).toBe('electron');
    expect(seen.methods).toEqual(expect.arrayContaining(['getConfig', 'onDialRequest', 'openExternal', 'secrets', 'setAgentPresence']));
    expect(seen).toMatchObject({ process: 'undefined', require: 'undefined', ipc: 'undefined' });
    expect(seen.config).toMatchObject({ backendUrl: 'http://127.0.0.1:9' });
  });

  test('blocks navigation to a foreign URL', async () => {
    let requests = 0;
    const server: Server = createServer((_request, response) => {
      requests += 1;
      response.end('<h1>foreign</h1>');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const address = server.address();
      const foreign = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobals).marker = 'same-document';
      });
      await page.evaluate((url) => {
        (globalThis as unknown as PageGlobals).location.href = url;
      }, foreign);
      await expect.poll(() => mainLog).toContain(`navigation away from the app is blocked: ${foreign}`);
      expect(page.url()).toMatch(/^app:\/\/centralita\//);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).marker)).toBe('same-document');
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  test('denies window.open', async () => {
    const opened = await page.evaluate(() => {
      const host = globalThis as unknown as PageGlobals;
      return [host.open('app://centralita/index.html'), host.open('file:///etc/passwd'), host.open('about:blank')].map((handle) => handle === null);
    });
    expect(opened).toEqual([true, true, true]);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('grants the microphone but not the camera', async () => {
    const result = await page.evaluate(async () => {
      const { navigator } = globalThis as unknown as PageGlobals;
      const audio = await navigator.mediaDevices.getUserMedia({ audio: true }).then(
        (stream) => {
          stream.getTracks().forEach((track) => track.stop());
          return 'granted';
        },
        (error: Error) => error.name,
      );
      const video = await navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'granted', (error: Error) => error.name);
      return { audio, video };
    });
    expect(result).toEqual({ audio: 'granted', video: 'NotAllowedError' });
  });

  test('serves the renderer with a strict CSP and refuses path traversal', async () => {
    const seen = await page.evaluate(async () => {
      const { fetch } = globalThis as unknown as PageGlobals;
      const index = await fetch('app://centralita/index.html');
      const traversal = await fetch('app://centralita/..%2f..%2fpackage.json');
      return { csp: index.headers.get('content-security-policy'), traversal: traversal.status };
    });
    expect(seen.csp).toContain("script-src 'self'");
    expect(seen.csp).toContain('connect-src \'self\' http://127.0.0.1:9');
    expect(seen.csp).not.toContain('unsafe-eval');
    expect(seen.traversal).toBe(403);
  });
});
