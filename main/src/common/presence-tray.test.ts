import { describe, expect, it } from 'vitest';
import { agentPresenceSchema } from '@contract';
import { PRESENCE_COLORS, drawPresenceDot, presenceTooltip, trayText } from './presence-tray';

describe('presence look', () => {
  const presences = agentPresenceSchema.options;

  it('has a distinct colour for every presence', () => {
    expect(Object.keys(PRESENCE_COLORS).sort()).toEqual([...presences].sort());
    expect(new Set(presences.map((presence) => PRESENCE_COLORS[presence].join())).size).toBe(presences.length);
  });

  it('has a distinct tooltip for every presence in English and Spanish', () => {
    for (const locale of ['en-US', 'es-ES']) {
      expect(new Set(presences.map((presence) => presenceTooltip(presence, locale))).size).toBe(presences.length);
    }
    expect(presenceTooltip('on_call', 'es-MX')).toBe('Centralita: en llamada');
    expect(presenceTooltip('on_call', 'en-GB')).toBe('Centralita: on a call');
  });

  it('falls back to English for other languages', () => {
    expect(trayText('fr-FR')).toEqual(trayText('en'));
    expect(trayText('ES').quit).toBe('Salir');
  });
});

describe('drawPresenceDot', () => {
  const size = 16;
  const pixels = drawPresenceDot([220, 53, 69], size);
  const at = (x: number, y: number) => Array.from(pixels.slice((y * size + x) * 4, (y * size + x) * 4 + 4));

  it('is a BGRA square', () => {
    expect(pixels.length).toBe(size * size * 4);
  });

  it('fills the centre with the colour (BGRA order) and leaves the corners transparent', () => {
    expect(at(8, 8)).toEqual([69, 53, 220, 255]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('rejects sizes the tray cannot use', () => {
    expect(() => drawPresenceDot([0, 0, 0], 4)).toThrow(RangeError);
    expect(() => drawPresenceDot([0, 0, 0], 16.5)).toThrow(RangeError);
  });
});
