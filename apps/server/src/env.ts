/** The server's configuration, read from the environment in this one place. */

import { resolve } from 'node:path';
import type { MailSettings } from '@tangible/api';
import { sentence } from '@tangible/api/problem-sentences';
import {
  type DatabaseLocation,
  DatabaseUrlProblem,
  DEFAULT_DATABASE_URL,
  databaseLocation,
  ROOT,
  SEED_DIR,
} from '@tangible/db';
import { z } from 'zod';

/** A proxy Express can be told to trust: a name for a range of addresses, an address, or a CIDR range. */
const proxy = z.union([
  z.enum(['loopback', 'linklocal', 'uniquelocal']),
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
]);

/**
 * TRUST_PROXY, as Express's `trust proxy` takes it: unset or empty trusts nobody (the client is the
 * connection's address); a number trusts that many proxies in front of the server; otherwise a
 * comma-separated list of `loopback`, `linklocal`, `uniquelocal`, addresses and CIDR ranges. `true`
 * (trust every hop) is refused: it would let any client name its own address and so escape the
 * sign-in throttle.
 */
const trustProxy = z
  .string()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    const text = value.trim();
    if (text === '') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    const wrong = entries.filter((entry) => !proxy.safeParse(entry).success);
    if (wrong.length === 0) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `not a number of proxies, loopback, linklocal, uniquelocal, an address or a CIDR range: ${wrong.join(', ')}`,
    });
    return z.NEVER;
  });

/** DATABASE_URL read by the one parser the CLI uses too; a scheme it does not take stops the start. */
const database = z
  .string()
  .min(1)
  .default(DEFAULT_DATABASE_URL)
  .transform((url, ctx): DatabaseLocation => {
    try {
      return databaseLocation(url);
    } catch (error) {
      if (!(error instanceof DatabaseUrlProblem)) throw error;
      ctx.addIssue({ code: 'custom', message: sentence('en', error.code, error.params) });
      return z.NEVER;
    }
  });

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: database,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  PUBLIC_DASHBOARD: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** Send the session cookie only over HTTPS; defaults to on in production. */
  COOKIE_SECURE: z.enum(['0', '1', 'true', 'false']).optional(),
  TRUST_PROXY: trustProxy,
  /** Exports running at once; one more is refused with 503 and Retry-After. */
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(100).default(4),
  /** The longest an export may take, from first byte to last. */
  EXPORT_TIME_LIMIT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** The slowest a client may take an export (judged over 30 s while the export waits on it); 0 turns the rule off. */
  EXPORT_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(0).default(16_384),
  /** Requests to /trpc and /api answered at once; one more is refused with 503 and Retry-After. */
  REQUESTS_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(256),
  /** How far behind (ms) the server may fall before new requests are refused with 503. */
  REQUESTS_MAX_WAIT_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  /** After SIGTERM, how long /readyz says 503 while the process still serves, before it stops taking connections. */
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(0),
  /** Screen answers kept until the data changes (packages/api/src/memo.ts), in MB of heap; 0 keeps none. */
  ANSWER_MEMO_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  /** Email through SMTP: SMTP_URL (smtp:// or smtps://), or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASS. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.email().optional(),
});

const flag = (value: string | undefined) => value === '1' || value === 'true';

export interface ServerConfig {
  host: string;
  port: number;
  /** The SQLite file (absolute, or `:memory:`) or the PostgreSQL server. */
  database: DatabaseLocation;
  seedDir: string;
  webDist: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
  /** NODE_ENV=development, set explicitly (not the default): error stacks and source maps are served. */
  development: boolean;
  publicDashboard: boolean;
  secureCookies: boolean;
  /** Whose X-Forwarded-For to believe; see TRUST_PROXY above. */
  trustProxy: false | number | string[];
  exportLimits: { maxConcurrent: number; totalMs: number; minBytesPerSecond: number };
  admissionLimits: { maxInFlight: number; maxLagMs: number };
  /** DRAIN_SECONDS: serving on after SIGTERM while /readyz says 503. */
  drainSeconds: number;
  answerMemoBytes: number;
  /** How email goes out; null: email is off (the inbox works, /healthz says `email: off`). */
  mail: MailSettings | null;
}

/** SMTP_URL or SMTP_HOST turns email on; SMTP_FROM is then required. */
function mailSettings(data: z.infer<typeof schema>): MailSettings | null {
  if (!data.SMTP_URL && !data.SMTP_HOST) return null;
  if (!data.SMTP_FROM) throw new Error('Invalid environment: SMTP_FROM: required with SMTP_URL or SMTP_HOST');
  return {
    url: data.SMTP_URL,
    host: data.SMTP_HOST,
    port: data.SMTP_PORT,
    user: data.SMTP_USER,
    pass: data.SMTP_PASS,
    from: data.SMTP_FROM,
  };
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
    database: parsed.data.DATABASE_URL,
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
    trustProxy: parsed.data.TRUST_PROXY,
    exportLimits: {
      maxConcurrent: parsed.data.EXPORT_MAX_CONCURRENT,
      totalMs: parsed.data.EXPORT_TIME_LIMIT_SECONDS * 1000,
      minBytesPerSecond: parsed.data.EXPORT_MIN_BYTES_PER_SECOND,
    },
    admissionLimits: {
      maxInFlight: parsed.data.REQUESTS_MAX_IN_FLIGHT,
      maxLagMs: parsed.data.REQUESTS_MAX_WAIT_MS,
    },
    drainSeconds: parsed.data.DRAIN_SECONDS,
    answerMemoBytes: parsed.data.ANSWER_MEMO_MB * 1024 * 1024,
    mail: mailSettings(parsed.data),
  };
}
