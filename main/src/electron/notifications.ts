/** Native notifications; a repeated tag replaces the previous one (like the web API). */
import { Notification, type BrowserWindow } from 'electron';
import type { NativeNotification } from '@contract';

export class Notifier {
  private readonly byTag = new Map<string, Notification>();

  constructor(private readonly window: () => BrowserWindow | null) {}

  supported(): boolean {
    return Notification.isSupported();
  }

  show({ title, body, tag }: NativeNotification): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, silent: false });
    if (tag !== undefined) {
      this.byTag.get(tag)?.close();
      this.byTag.set(tag, notification);
      notification.on('close', () => {
        if (this.byTag.get(tag) === notification) this.byTag.delete(tag);
      });
    }
    notification.on('click', () => {
      const window = this.window();
      window?.show();
      window?.focus();
    });
    notification.show();
  }
}
