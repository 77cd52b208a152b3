/** `will-navigate` / `will-redirect` policy: the window only ever shows the app itself. */
import { isAppUrl } from './app-origin';

export type NavigationDecision = { allow: true } | { allow: false; reason: string };

export function decideNavigation(targetUrl: string): NavigationDecision {
  if (isAppUrl(targetUrl)) return { allow: true };
  return { allow: false, reason: `navigation away from the app is blocked: ${truncate(targetUrl)}` };
}

export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
