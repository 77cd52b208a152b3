/**
 * Host capabilities travel from main to the sandboxed preload as one extra argv switch
 * (`webPreferences.additionalArguments`), because the preload must expose them synchronously.
 */
import type { HostCapabilities } from '@contract';

export const CAPABILITIES_SWITCH = '--centralita-capabilities=';

const KEYS: readonly (keyof HostCapabilities)[] = ['secureSecretStorage', 'globalShortcuts', 'protocolLinks', 'tray', 'powerEvents', 'notifications'];

export const NO_CAPABILITIES: Readonly<HostCapabilities> = {
  secureSecretStorage: false,
  globalShortcuts: false,
  protocolLinks: false,
  tray: false,
  powerEvents: false,
  notifications: false,
};

export function encodeCapabilities(capabilities: HostCapabilities): string {
  const on = KEYS.filter((key) => capabilities[key]);
  return `${CAPABILITIES_SWITCH}${on.join(',')}`;
}

/** Missing or unknown entries read as "not available": the UI then says so instead of failing later. */
export function decodeCapabilities(argv: readonly string[]): HostCapabilities {
  const arg = argv.find((value) => value.startsWith(CAPABILITIES_SWITCH));
  const result: HostCapabilities = { ...NO_CAPABILITIES };
  if (arg === undefined) return result;
  for (const name of arg.slice(CAPABILITIES_SWITCH.length).split(',')) {
    const key = KEYS.find((known) => known === name);
    if (key) result[key] = true;
  }
  return result;
}
