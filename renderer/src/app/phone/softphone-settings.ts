import type { HostConfig, SessionUser } from '@contract';
import type { SoftphoneSettings } from '@features/softphone';

/** Why the phone cannot start yet; the phone panel explains each one. */
export type PhoneSetupGap = 'no_pbx' | 'no_extension' | 'no_password';

export type PhoneSetup = { ready: true; settings: SoftphoneSettings } | { ready: false; gap: PhoneSetupGap };

/**
 * The softphone settings for the signed-in agent: the PBX from the host config, the agent's
 * extension from the session, the SIP password from DesktopApi secrets. No ICE servers: the
 * PBX is on the company network, and sip.js would otherwise reach out to a public STUN server.
 */
export function phoneSetupFor(
  config: Pick<HostConfig, 'sipWssUrl' | 'sipDomain'>, user: Pick<SessionUser, 'displayName' | 'sipExtension'>, password: string | null, preferredCodecs: readonly string[] = [],
): PhoneSetup {
  if (config.sipWssUrl === null || config.sipDomain === null) return { ready: false, gap: 'no_pbx' };
  if (user.sipExtension === null || user.sipExtension === '') return { ready: false, gap: 'no_extension' };
  if (password === null || password === '') return { ready: false, gap: 'no_password' };
  return {
    ready: true,
    settings: {
      sipUri: `sip:${user.sipExtension}@${config.sipDomain}`,
      serverUrl: config.sipWssUrl,
      authorizationUsername: user.sipExtension,
      password,
      displayName: user.displayName,
      iceServers: [],
      ...(preferredCodecs.length > 0 ? { preferredCodecs: [...preferredCodecs] } : {}),
    },
  };
}
