/**
 * Electron main process: thin wiring around the pure decisions in ./common.
 * Order matters: scheme privileges, sandbox and the single-instance lock come before `ready`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import { buildCsp } from './common/csp';
import { resolveConfig, SETTINGS_FILE_NAME } from './common/config';
import { registerAppScheme, serveRenderer } from './electron/app-protocol';
import { DialLinkRouter, registerAsDialHandler } from './electron/dial-links';
import { handleInvoke } from './electron/ipc';
import { log } from './electron/log';
import { installAppMenu } from './electron/menu';
import { Notifier } from './electron/notifications';
import { createSecretVault } from './electron/secrets';
import { applySessionPolicies, installWebContentsPolicies, openExternalSafely } from './electron/security';
import { registerCallShortcuts, unregisterCallShortcuts } from './electron/shortcuts';
import { forwardSystemEvents } from './electron/system-events';
import { PresenceTray } from './electron/tray';
import { startAutoUpdates } from './electron/updater';
import { createMainWindow } from './electron/window';

// out/main/index.cjs → out/preload, out/renderer, resources/ (dev and inside the asar alike).
const PRELOAD_PATH = join(__dirname, '..', 'preload', 'index.cjs');
const RENDERER_ROOT = join(__dirname, '..', 'renderer');
const ICON_PATH = join(__dirname, '..', '..', 'resources', 'icon.png');

// Lets tests and side-by-side installs keep separate profiles (and separate instance locks).
const userDataOverride = process.env['CENTRALITA_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', userDataOverride);

registerAppScheme();
app.enableSandbox();
installWebContentsPolicies();

async function readSettingsText(): Promise<string | null> {
  try {
    return await readFile(join(app.getPath('userData'), SETTINGS_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    log.warn(`${SETTINGS_FILE_NAME} could not be read: ${(error as Error).message}`);
    return null;
  }
}

async function start(dialLinks: DialLinkRouter): Promise<void> {
  const config = resolveConfig({ env: process.env, settingsText: await readSettingsText(), locale: app.getLocale() });
  for (const warning of config.warnings) log.warn(`config: ${warning}`);

  applySessionPolicies(session.defaultSession);
  serveRenderer(RENDERER_ROOT, buildCsp(config.host));

  let mainWindow: BrowserWindow | null = null;
  const currentWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const target = () => currentWindow()?.webContents;

  const vault = createSecretVault();
  const notifier = new Notifier(currentWindow);
  const tray = new PresenceTray(currentWindow, () => app.quit(), config.host.locale);

  handleInvoke('config:get', () => config.host);
  handleInvoke('secrets:kind', () => vault.kind());
  handleInvoke('secrets:get', (key) => vault.get(key));
  handleInvoke('secrets:set', (key, value) => vault.set(key, value));
  handleInvoke('secrets:delete', (key) => vault.delete(key));
  handleInvoke('notification:show', (notification) => notifier.show(notification));
  handleInvoke('presence:set', (presence) => tray.setPresence(presence));
  handleInvoke('external:open', (url) => openExternalSafely(url));

  // Registering the dev binary as the system tel: handler would hijack the user's links.
  const protocolLinks = app.isPackaged ? registerAsDialHandler() : false;
  const shortcuts = registerCallShortcuts(config.shortcuts, target);
  const stopSystemEvents = forwardSystemEvents(target);
  app.once('will-quit', () => {
    stopSystemEvents();
    tray.destroy();
  });
  installAppMenu(!app.isPackaged);

  mainWindow = createMainWindow({
    preloadPath: PRELOAD_PATH,
    iconPath: existsSync(ICON_PATH) ? ICON_PATH : undefined,
    capabilities: {
      secureSecretStorage: vault.kind() === 'os',
      globalShortcuts: shortcuts.length > 0,
      protocolLinks,
      tray: tray.create(),
      powerEvents: true,
      notifications: notifier.supported(),
    },
  });
  dialLinks.attach(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void startAutoUpdates(config.updates);
}

if (!app.requestSingleInstanceLock()) {
  // The running instance receives our argv through `second-instance`.
  app.quit();
} else {
  const dialLinks = new DialLinkRouter(process.argv);
  app.on('second-instance', (_event, argv) => dialLinks.fromArgv(argv));
  // macOS delivers links as events, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    dialLinks.fromUrl(url);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => unregisterCallShortcuts());
  app.whenReady().then(() => start(dialLinks)).catch((error: unknown) => {
    log.error(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
