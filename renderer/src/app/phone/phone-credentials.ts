import { create } from 'zustand';
import { desktop } from '@platform/desktop';

/** The SIP password lives only in DesktopApi secrets; this store mirrors it for the UI. */
const SIP_PASSWORD_KEY = 'sip.password';

interface PhoneCredentialsState {
  loaded: boolean;
  password: string | null;
}

const credentialsStore = create<PhoneCredentialsState>()(() => ({ loaded: false, password: null }));

export const useSipPassword = (): string | null => credentialsStore((state) => state.password);
export const useSipPasswordLoaded = (): boolean => credentialsStore((state) => state.loaded);

export async function loadSipPassword(): Promise<void> {
  const password = await desktop.secrets.get(SIP_PASSWORD_KEY);
  credentialsStore.setState({ loaded: true, password });
}

export async function saveSipPassword(password: string): Promise<void> {
  if (password === '') await desktop.secrets.delete(SIP_PASSWORD_KEY);
  else await desktop.secrets.set(SIP_PASSWORD_KEY, password);
  credentialsStore.setState({ loaded: true, password: password === '' ? null : password });
}
