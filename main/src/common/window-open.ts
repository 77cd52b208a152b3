/**
 * `setWindowOpenHandler` policy: no new Electron windows, ever. Safe links (see
 * external-url.ts) are handed to the system browser instead.
 */
import { validateExternalUrl } from './external-url';

export type WindowOpenDecision = { action: 'deny'; openExternally: string | null; reason: string };

export function decideWindowOpen(targetUrl: string): WindowOpenDecision {
  const external = validateExternalUrl(targetUrl);
  if (external.ok) return { action: 'deny', openExternally: external.url, reason: 'opened in the system browser' };
  return { action: 'deny', openExternally: null, reason: external.reason };
}
