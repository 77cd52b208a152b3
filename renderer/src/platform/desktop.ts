import type { DesktopApi } from '@contract';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in the browser edition. */
    readonly desktop?: DesktopApi;
  }
}

/** The preload's DesktopApi when running in Electron, otherwise the browser edition's host. */
export function pickDesktopApi(win: Window): DesktopApi {
  return win.desktop ?? createBrowserHost(win);
}

export const desktop: DesktopApi = pickDesktopApi(window);
