/**
 * Keeps the list of audio devices current (`devicechange`: a headset plugged in is offered at
 * once, one pulled out falls back to the default and the agent is told), remembers the agent's
 * choice on this computer, and hands it to the engine.
 */
import {
  DEFAULT_CHOICE, parseChoice, reconcileChoice, type AudioDevice, type AudioDeviceChoice, type AudioRole,
} from './engine/audio-devices';
import type { SoftphoneEngine } from './engine/softphone-engine';
import type { SoftphoneStore } from './store';

/** Device ids are not secrets (unlike the SIP password): this computer's choice may live here. */
const STORAGE_KEY = 'centralita.softphone.audioDevices';

export function loadStoredChoice(): AudioDeviceChoice {
  try {
    return parseChoice(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_CHOICE;
  }
}

function storeChoice(choice: AudioDeviceChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Storage disabled: the choice lasts for this session only.
  }
}

async function listAudioDevices(): Promise<AudioDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device): device is MediaDeviceInfo & { kind: AudioDevice['kind'] } => device.kind === 'audioinput' || device.kind === 'audiooutput')
    .map((device) => ({ deviceId: device.deviceId, kind: device.kind, label: device.label }));
}

export async function refreshDevices(store: SoftphoneStore): Promise<void> {
  if (!navigator.mediaDevices?.enumerateDevices) return;
  const devices = await listAudioDevices();
  const { audio } = store.getState();
  const { choice, lost } = reconcileChoice(audio.choice, devices);
  store.setState({ audio: { devices, choice, lost: lost.length > 0 ? lost : audio.lost } });
}

/** Labels stay empty until the page may use the microphone: ask once, then list again. */
export async function revealDeviceLabels(store: SoftphoneStore): Promise<void> {
  if (store.getState().audio.devices.some((device) => device.label !== '')) return;
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false }).catch(() => null);
  stream?.getTracks().forEach((track) => track.stop());
  await refreshDevices(store);
}

export function chooseDevice(store: SoftphoneStore, role: AudioRole, deviceId: string): void {
  const { audio } = store.getState();
  const label = audio.devices.find((device) => device.deviceId === deviceId)?.label ?? '';
  store.setState({ audio: { ...audio, choice: { ...audio.choice, [role]: { deviceId, label } } } });
}

export const idsOf = (choice: AudioDeviceChoice) => ({
  microphone: choice.microphone.deviceId, speaker: choice.speaker.deviceId, ringer: choice.ringer.deviceId,
});

/** Watches devices and the choice while mounted; returns the cleanup. */
export function manageAudioDevices(store: SoftphoneStore, engine: () => SoftphoneEngine | null): () => void {
  const onDeviceChange = (): void => void refreshDevices(store).catch(() => undefined);
  navigator.mediaDevices?.addEventListener?.('devicechange', onDeviceChange);
  onDeviceChange();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.audio.choice === previous.audio.choice) return;
    storeChoice(state.audio.choice);
    void engine()?.setAudioDevices(idsOf(state.audio.choice)).catch(() => undefined);
  });
  return () => {
    unsubscribe();
    navigator.mediaDevices?.removeEventListener?.('devicechange', onDeviceChange);
  };
}
