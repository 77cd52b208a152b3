import { describe, expect, it } from 'vitest';
import { queueInfo } from './queue-headers';

const RING = Date.UTC(2026, 0, 5, 10, 0, 30);

describe('queue facts from the PBX headers', () => {
  it('reads the queue name and a Unix or ISO queued-at time', () => {
    expect(queueInfo({ queue: ' ventas ', queuedAt: String(RING / 1000 - 25) }, RING)).toEqual({ queue: 'ventas', queuedAt: RING - 25_000 });
    expect(queueInfo({ queue: 'Atención cliente', queuedAt: '1767607205.25' }, RING)).toEqual({ queue: 'Atención cliente', queuedAt: 1767607205250 });
    expect(queueInfo({ queuedAt: '2026-01-05T10:00:00Z' }, RING)).toEqual({ queue: null, queuedAt: RING - 30_000 });
    expect(queueInfo({ queuedAt: '2026-01-05T11:00:00+01:00' }, RING)).toEqual({ queue: null, queuedAt: RING - 30_000 });
  });

  it('never puts the queue time after the ring (a PBX clock ahead of ours)', () => {
    expect(queueInfo({ queuedAt: String(RING / 1000 + 3) }, RING).queuedAt).toBe(RING);
  });

  it('ignores what is missing, malformed or implausible', () => {
    expect(queueInfo({}, RING)).toEqual({ queue: null, queuedAt: null });
    expect(queueInfo({ queue: 'x'.repeat(65), queuedAt: 'yesterday' }, RING)).toEqual({ queue: null, queuedAt: null });
    expect(queueInfo({ queue: 'bad\r\nname', queuedAt: '12' }, RING)).toEqual({ queue: null, queuedAt: null });
    expect(queueInfo({ queuedAt: String(RING / 1000 - 2 * 86_400) }, RING).queuedAt).toBeNull();
  });
});
