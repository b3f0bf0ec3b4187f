/** The server's configuration, read from the environment in this one place. */

import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, databaseFile, ROOT, SEED_DIR } from '@tangible/db';
import { z } from 'zod';

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  PUBLIC_DASHBOARD: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Send the session cookie only over HTTPS; defaults to on in production. */
  COOKIE_SECURE: z.enum(['0', '1', 'true', 'false']).optional(),
});

const flag = (value: string | undefined) => value === '1' || value === 'true';

export interface ServerConfig {
  host: string;
  port: number;
  /** The SQLite file (absolute) or `:memory:`. */
  databaseFile: string;
  seedDir: string;
  webDist: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
  /** NODE_ENV=development, set explicitly (not the default): error stacks and source maps are served. */
  development: boolean;
  publicDashboard: boolean;
  secureCookies: boolean;
}

/** Reads the configuration; throws naming the variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return {
    host: parsed.data.HOST,
    port: parsed.data.PORT,
    databaseFile: databaseFile(parsed.data.DATABASE_URL),
    seedDir: SEED_DIR,
    webDist: resolve(ROOT, 'apps/web/dist'),
    logLevel: parsed.data.LOG_LEVEL,
    production: parsed.data.NODE_ENV === 'production',
    development: env.NODE_ENV === 'development',
    publicDashboard: flag(parsed.data.PUBLIC_DASHBOARD),
    secureCookies:
      parsed.data.COOKIE_SECURE === undefined
        ? parsed.data.NODE_ENV === 'production'
        : flag(parsed.data.COOKIE_SECURE),
  };
}
