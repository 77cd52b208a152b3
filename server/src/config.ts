/** Server configuration from the environment, validated once at start. */
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('.centralita-data'),
  AUTH_SECRET: z.string().min(32).optional(),
  SIP_WSS_URL: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL').optional(),
  SIP_DOMAIN: z.string().min(1).optional(),
  WEB_ROOT: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  CENTRALITA_DEMO: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  sipWssUrl: string | null;
  sipDomain: string | null;
  webRoot: string | undefined;
  production: boolean;
  demo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    authSecret: e.AUTH_SECRET,
    sipWssUrl: e.SIP_WSS_URL ?? null,
    sipDomain: e.SIP_DOMAIN ?? null,
    webRoot: e.WEB_ROOT,
    production: e.NODE_ENV === 'production',
    demo: e.CENTRALITA_DEMO === '1',
    logLevel: e.LOG_LEVEL,
  };
}
