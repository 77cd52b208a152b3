/**
 * tel:/sip:/callto: links from the OS (cold-start argv, `second-instance`, macOS `open-url`)
 * become `dial:request` (prefill) or `dial:refused` events. Nothing here dials.
 */
import { app, type BrowserWindow } from 'electron';
import { dialLinkFromArgv, parseDialLink, type DialLinkResult } from '../common/dial-link';
import { sendEvent } from './ipc';
import { log } from './log';

export const DIAL_SCHEMES = ['tel', 'sip', 'callto'] as const;

export function registerAsDialHandler(): boolean {
  // In development (`electron out/main/index.cjs`) the registration must name the app path.
  const developmentArgs = process.defaultApp && process.argv[1] ? [process.argv[1]] : [];
  return DIAL_SCHEMES.map((scheme) =>
    developmentArgs.length ? app.setAsDefaultProtocolClient(scheme, process.execPath, developmentArgs) : app.setAsDefaultProtocolClient(scheme),
  ).every(Boolean);
}

export class DialLinkRouter {
  private pending: DialLinkResult | null = null;
  private window: BrowserWindow | null = null;

  /** Cold start: a link may be in our own argv before any window exists. */
  constructor(argv: readonly string[]) {
    this.pending = dialLinkFromArgv(argv);
  }

  attach(window: BrowserWindow): void {
    this.window = window;
    // The preload buffers events until the page subscribes, so after load is early enough.
    window.webContents.on('did-finish-load', () => this.flush());
  }

  fromArgv(argv: readonly string[]): void {
    const result = dialLinkFromArgv(argv);
    if (result) this.deliver(result);
    else this.reveal();
  }

  fromUrl(url: string): void {
    this.deliver(parseDialLink(url));
  }

  private deliver(result: DialLinkResult): void {
    this.pending = result;
    this.flush();
  }

  private flush(): void {
    const result = this.pending;
    const contents = this.window?.webContents;
    if (!result || !contents || contents.isLoading()) return;
    this.pending = null;
    if (result.ok) {
      sendEvent(contents, 'dial:request', result.request);
    } else {
      log.warn(`dial link refused (${result.refusal.reason}): ${result.refusal.link}`);
      sendEvent(contents, 'dial:refused', result.refusal);
    }
    this.reveal();
  }

  /** A second launch (with or without a link) brings the running window forward. */
  reveal(): void {
    const window = this.window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
