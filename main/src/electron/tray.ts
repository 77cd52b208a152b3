/** Tray icon whose colour and tooltip follow the agent's presence. */
import { Menu, Tray, nativeImage, type BrowserWindow, type NativeImage } from 'electron';
import type { AgentPresence } from '@contract';
import { PRESENCE_COLORS, drawPresenceDot, presenceTooltip, trayText } from '../common/presence-tray';
import { log } from './log';

const ICON_SIZE = 32;

function presenceImage(presence: AgentPresence): NativeImage {
  const bitmap = drawPresenceDot(PRESENCE_COLORS[presence], ICON_SIZE);
  return nativeImage.createFromBitmap(Buffer.from(bitmap), { width: ICON_SIZE, height: ICON_SIZE });
}

export class PresenceTray {
  private tray: Tray | null = null;

  constructor(
    private readonly window: () => BrowserWindow | null,
    private readonly quit: () => void,
    private readonly locale: string,
  ) {}

  /** False where the desktop has no tray (some Linux shells). */
  create(): boolean {
    try {
      this.tray = new Tray(presenceImage('offline'));
    } catch (error) {
      log.warn(`no tray available: ${(error as Error).message}`);
      return false;
    }
    const text = trayText(this.locale);
    this.tray.setToolTip(presenceTooltip('offline', this.locale));
    this.tray.setContextMenu(Menu.buildFromTemplate([
      { label: text.show, click: () => this.showWindow() },
      { type: 'separator' },
      { label: text.quit, click: () => this.quit() },
    ]));
    this.tray.on('click', () => this.showWindow());
    return true;
  }

  setPresence(presence: AgentPresence): void {
    if (!this.tray || this.tray.isDestroyed()) return;
    this.tray.setImage(presenceImage(presence));
    this.tray.setToolTip(presenceTooltip(presence, this.locale));
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private showWindow(): void {
    const window = this.window();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
