/**
 * Real-browser test harness: the real server (createApp) over a freshly migrated and seeded
 * database, serving the built web app, driven by Debian's Chromium through playwright-core.
 */

import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApiToken, demoPassword } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { type AppOptions, createApp } from '@tangible/server';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built web app; WEB_DIST points elsewhere when several builds run side by side. */
const WEB_DIST = process.env.WEB_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
/** Screenshots land here as test artefacts. */
export const ARTEFACTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export interface Harness {
  base: string;
  browser: Browser;
  db: Db;
  close(): Promise<void>;
}

export async function startHarness(
  options: { publicDashboard?: boolean; exportLimits?: AppOptions['exportLimits'] } = {},
): Promise<Harness> {
  const { db } = await seededTestDatabase();
  const app = createApp({
    db,
    logger: pino({ level: 'silent' }),
    webDist: WEB_DIST,
    publicDashboard: options.publicDashboard ?? false,
    exportLimits: options.exportLimits,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(ARTEFACTS, { recursive: true });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Tests compare the screen with what the API says. Their own requests to this server carry a
  // real API token of the analyst's (created the way `pnpm cli token create` does), since every
  // read needs a signed-in user or a token.
  const analyst = await findUserByUsername(db, 'analyst');
  if (!analyst) throw new Error('the seed has an analyst account');
  const { token } = await createApiToken(db, analyst.id, 'browser tests', new Date());
  const plainFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(base)) return plainFetch(input, init);
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return plainFetch(input, { ...init, headers });
  };
  return {
    base,
    browser,
    db,
    async close() {
      globalThis.fetch = plainFetch;
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}

/** A new page that records console errors and warnings and failed requests, for the test to assert none. */
export async function openPage(
  harness: Harness,
  path: string,
  options: {
    language?: 'ko' | 'en';
    /** The browser's own language (what navigator.languages says); a city hall's browser is Korean. */
    locale?: string;
    width?: number;
    bypassCSP?: boolean;
    /** The demonstration account to sign in as (through the real sign-in endpoint); null for nobody. */
    user?: string | null;
  } = {},
) {
  const context = await harness.browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'ko-KR',
    // Only to inject axe-core for the accessibility scan; every other test runs under the real policy.
    bypassCSP: options.bypassCSP ?? false,
  });
  if (options.language) {
    await context.addInitScript(
      (language) => localStorage.setItem('tangible.language', language),
      options.language,
    );
  }
  const user = options.user === undefined ? 'mayor' : options.user;
  if (user !== null) {
    const response = await context.request.post(`${harness.base}/trpc/auth.signIn`, {
      data: { username: user, password: demoPassword(user) },
    });
    if (!response.ok())
      throw new Error(`sign-in as ${user} failed: ${response.status()} ${await response.text()}`);
  }
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // A request the page itself gave up (net::ERR_ABORTED: the test navigated away while a query was
  // in flight, or the app cancelled a query it no longer needs) is no failure of the server's; every
  // other failure is (a refused connection, a reset, a broken answer).
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${request.url()} ${reason}`);
  });
  await page.goto(`${harness.base}${path}`);
  return { page, problems, close: () => context.close() };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its violations (id, impact, how many nodes). The page must
 * have been opened with `bypassCSP: true`, the only way to inject the script under the app's policy.
 */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const result = await (window as any).axe.run();
    return result.violations.map((v: { id: string; impact: string; nodes: unknown[] }) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
    }));
  });
}

/** The serious and critical violations only: what the browser tests require to be none. */
export async function seriousViolations(page: Page) {
  const violations = await axeViolations(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
