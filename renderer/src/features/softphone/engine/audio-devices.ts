/**
 * Which microphone, speaker and ringer the agent chose, checked against the devices present now.
 * A chosen device that disappeared (headset unplugged) falls back to the system default, and the
 * caller is told which, so the agent hears about it instead of talking into nothing.
 */

export type AudioRole = 'microphone' | 'speaker' | 'ringer';
export const AUDIO_ROLES: readonly AudioRole[] = ['microphone', 'speaker', 'ringer'];

export interface AudioDevice {
  deviceId: string;
  kind: 'audioinput' | 'audiooutput';
  label: string;
}

/** A chosen device: its id ('' = the system default) and its label, to name it when it is gone. */
export interface ChosenDevice {
  deviceId: string;
  label: string;
}

export type AudioDeviceChoice = Record<AudioRole, ChosenDevice>;

export const DEFAULT_DEVICE: ChosenDevice = { deviceId: '', label: '' };
export const DEFAULT_CHOICE: AudioDeviceChoice = { microphone: DEFAULT_DEVICE, speaker: DEFAULT_DEVICE, ringer: DEFAULT_DEVICE };

export function kindFor(role: AudioRole): AudioDevice['kind'] {
  return role === 'microphone' ? 'audioinput' : 'audiooutput';
}

/** Devices offered for a role, the browser's own "default" / "communications" aliases left out. */
export function devicesFor(role: AudioRole, devices: readonly AudioDevice[]): AudioDevice[] {
  return devices.filter((device) => device.kind === kindFor(role) && device.deviceId !== '' && device.deviceId !== 'default' && device.deviceId !== 'communications');
}

export interface LostDevice {
  role: AudioRole;
  label: string;
}

export function reconcileChoice(choice: AudioDeviceChoice, devices: readonly AudioDevice[]): { choice: AudioDeviceChoice; lost: LostDevice[] } {
  const lost: LostDevice[] = [];
  const next = { ...choice };
  for (const role of AUDIO_ROLES) {
    const chosen = choice[role];
    if (chosen.deviceId === '') continue;
    const present = devices.find((device) => device.kind === kindFor(role) && device.deviceId === chosen.deviceId);
    if (present) {
      // Labels appear once the page may use the microphone: keep the better one.
      if (present.label && present.label !== chosen.label) next[role] = { deviceId: chosen.deviceId, label: present.label };
      continue;
    }
    lost.push({ role, label: chosen.label });
    next[role] = DEFAULT_DEVICE;
  }
  return { choice: lost.length > 0 || next !== choice ? next : choice, lost };
}

/** Reads a stored choice defensively (it comes from localStorage: anything may be there). */
export function parseChoice(raw: string | null): AudioDeviceChoice {
  if (!raw) return DEFAULT_CHOICE;
  try {
    const value = JSON.parse(raw) as Partial<Record<AudioRole, Partial<ChosenDevice>>>;
    const read = (role: AudioRole): ChosenDevice => {
      const entry = value?.[role];
      return typeof entry?.deviceId === 'string' && entry.deviceId.length <= 256
        ? { deviceId: entry.deviceId, label: typeof entry.label === 'string' ? entry.label.slice(0, 200) : '' }
        : DEFAULT_DEVICE;
    };
    return { microphone: read('microphone'), speaker: read('speaker'), ringer: read('ringer') };
  } catch {
    return DEFAULT_CHOICE;
  }
}
