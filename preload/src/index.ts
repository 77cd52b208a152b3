/**
 * Sandboxed preload: exposes DesktopApi as `window.desktop` and nothing else. Bundled into one
 * CommonJS file whose only require is `electron` (sandboxed preloads cannot load modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '@contract';
import { decodeCapabilities } from '../../main/src/common/capabilities';
import { createDesktopApi } from './desktop-api';

const api = createDesktopApi(ipcRenderer, decodeCapabilities(process.argv)) satisfies DesktopApi;
contextBridge.exposeInMainWorld('desktop', api);
