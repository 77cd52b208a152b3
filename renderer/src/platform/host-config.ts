import { z } from 'zod';
import { hostConfigSchema, type HostConfig } from '@contract';

/** What the backend serves at `GET /api/config` for the browser edition. */
export const serverConfigSchema = z.object({
  sipWssUrl: z.string().url().nullable(),
  sipDomain: z.string().min(1).nullable(),
});

export class HostConfigError extends Error {
  override readonly name = 'HostConfigError';
}

/** Builds the host config from the backend's reply; the backend is the page's own origin. */
export function hostConfigFromServer(reply: unknown, origin: string, locale: string): HostConfig {
  const parsed = serverConfigSchema.safeParse(reply);
  if (!parsed.success) {
    throw new HostConfigError(`The server's /api/config reply is not valid: ${z.prettifyError(parsed.error)}`);
  }
  return hostConfigSchema.parse({ backendUrl: origin, ...parsed.data, locale });
}
