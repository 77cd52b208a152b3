import { describe, expect, it } from 'vitest';
import { CAPABILITIES_SWITCH, NO_CAPABILITIES, decodeCapabilities, encodeCapabilities } from './capabilities';

describe('capabilities switch', () => {
  const all = { secureSecretStorage: true, globalShortcuts: true, protocolLinks: false, tray: true, powerEvents: true, notifications: false };

  it('round-trips through argv', () => {
    expect(decodeCapabilities(['electron', '--type=renderer', encodeCapabilities(all)])).toEqual(all);
  });

  it('reads a missing switch as nothing available', () => {
    expect(decodeCapabilities(['electron', '--type=renderer'])).toEqual(NO_CAPABILITIES);
  });

  it('ignores unknown names', () => {
    expect(decodeCapabilities([`${CAPABILITIES_SWITCH}tray,__proto__,constructor,rootShell`])).toEqual({ ...NO_CAPABILITIES, tray: true });
  });
});
