/**
 * What the tray shows for each agent state: a coloured dot drawn in memory (no image files
 * to ship per state) and a tooltip in the UI's language (English or Spanish). The dot is
 * raw premultiplied BGRA for `nativeImage.createFromBitmap`.
 */
import type { AgentPresence } from '@contract';

export const PRESENCE_COLORS: Readonly<Record<AgentPresence, readonly [number, number, number]>> = {
  offline: [128, 128, 128],
  available: [34, 170, 85],
  on_call: [220, 53, 69],
  after_call_work: [240, 160, 32],
  paused: [59, 110, 220],
};

export interface TrayText {
  presence: Record<AgentPresence, string>;
  show: string;
  quit: string;
}

const TEXT: Record<'en' | 'es', TrayText> = {
  en: {
    presence: { offline: 'offline', available: 'available', on_call: 'on a call', after_call_work: 'after-call work', paused: 'paused' },
    show: 'Show Centralita',
    quit: 'Quit',
  },
  es: {
    presence: { offline: 'desconectado', available: 'disponible', on_call: 'en llamada', after_call_work: 'posllamada', paused: 'en pausa' },
    show: 'Mostrar Centralita',
    quit: 'Salir',
  },
};

export function trayText(locale: string): TrayText {
  return locale.toLowerCase().startsWith('es') ? TEXT.es : TEXT.en;
}

export function presenceTooltip(presence: AgentPresence, locale: string): string {
  return `Centralita: ${trayText(locale).presence[presence]}`;
}

/** A filled, anti-aliased circle with a white ring on a transparent square, BGRA. */
export function drawPresenceDot(color: readonly [number, number, number], size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 8 || size > 256) throw new RangeError(`tray icon size ${size} must be an integer in 8..256`);
  const pixels = new Uint8Array(size * size * 4);
  const center = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  const ringWidth = Math.max(1, size / 12);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x - center, y - center);
      const alpha = Math.min(1, Math.max(0, outer - distance + 0.5));
      if (alpha === 0) continue;
      const inRing = distance > outer - ringWidth;
      const [r, g, b] = inRing ? [255, 255, 255] : color;
      const offset = (y * size + x) * 4;
      // Premultiplied BGRA, as Skia expects.
      pixels[offset] = Math.round(b * alpha);
      pixels[offset + 1] = Math.round(g * alpha);
      pixels[offset + 2] = Math.round(r * alpha);
      pixels[offset + 3] = Math.round(255 * alpha);
    }
  }
  return pixels;
}
