import { useEffect, useState } from 'react';
import type { HostConfig } from '@contract';
import { desktop } from '@platform/desktop';
import { useSessionUser } from '../session';
import { usePreferredCodecs } from './codec-preference';
import { loadSipPassword, useSipPassword } from './phone-credentials';
import { phoneSetupFor, type PhoneSetup } from './softphone-settings';

/** The phone's settings for the signed-in agent, or what is missing; null while loading. */
export function usePhoneSetup(): PhoneSetup | null {
  const user = useSessionUser();
  const password = useSipPassword();
  const codecs = usePreferredCodecs();
  const [config, setConfig] = useState<HostConfig | null>(null);

  useEffect(() => {
    let live = true;
    void loadSipPassword();
    desktop.getConfig().then(
      (loaded) => live && setConfig(loaded),
      () => live && setConfig({ backendUrl: '', sipWssUrl: null, sipDomain: null, locale: 'en' }),
    );
    return () => {
      live = false;
    };
  }, []);

  if (config === null || user === null) return null;
  return phoneSetupFor(config, user, password, codecs);
}
