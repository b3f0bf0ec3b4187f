/**
 * `pnpm bench:sign-in`: figures, not assertions. The real server behind a trusted proxy
 * (TRUST_PROXY=loopback, so X-Forwarded-For makes one machine many clients); ADDRESSES addresses
 * guess the mayor's password as fast as the server answers, ignoring every "wait", for SECONDS
 * seconds, while the mayor signs in every quarter second, alternately from a fresh address and from
 * the browser they signed in with before (its device cookie). Prints the mayor's success rate and
 * sign-in time, and how many guesses had their password checked.
 * ADDRESSES=10,200 SECONDS=20 pnpm bench:sign-in
 */

import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPassword } from '@tangible/api';
import { openDatabase, prepareDatabase, SEED_DIR } from '@tangible/db';
import { createApp } from '@tangible/server';
import { pino } from 'pino';

const SCENARIOS = (process.env.ADDRESSES ?? '10').split(',').map(Number);
const SECONDS = Number(process.env.SECONDS ?? 20);
const USER = 'mayor';

async function signIn(base: string, from: string, password: string, device?: string) {
  const started = performance.now();
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': from,
      ...(device ? { cookie: device } : {}),
    },
    body: JSON.stringify({ username: USER, password }),
  });
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tangible_device='));
  return { status: res.status, ms: performance.now() - started, device: cookie?.split(';')[0] };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeRealUser(label: string, results: { status: number; ms: number }[]) {
  const ok = results.filter((r) => r.status === 200).length;
  const ms = results.map((r) => r.ms);
  console.log(
    `  ${label}: ${ok}/${results.length} signed in (${((100 * ok) / results.length).toFixed(1)} %), ` +
      `median ${percentile(ms, 0.5).toFixed(0)} ms, 95th percentile ${percentile(ms, 0.95).toFixed(0)} ms`,
  );
}

for (const addresses of SCENARIOS) {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-sign-in-')), 'bench.sqlite'));
  await prepareDatabase(db, SEED_DIR);
  const app = createApp({
    db,
    logger: pino({ level: 'silent' }),
    webDist: '/nonexistent',
    trustProxy: ['loopback'],
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const password = demoPassword(USER);
  const { device } = await signIn(base, '198.51.100.1', password);

  const until = Date.now() + SECONDS * 1000;
  const guesses = { checked: 0, toldToWait: 0, other: 0 };
  const guessers = Array.from({ length: addresses }, async (_, i) => {
    const from = `10.${Math.floor(i / 250)}.${i % 250}.1`;
    while (Date.now() < until) {
      const { status } = await signIn(base, from, `guess-${Math.random()}`);
      if (status === 401) guesses.checked += 1;
      else if (status === 429) guesses.toldToWait += 1;
      else guesses.other += 1;
    }
  });
  const fresh: { status: number; ms: number }[] = [];
  const known: { status: number; ms: number }[] = [];
  for (let round = 0; Date.now() < until; round++) {
    await pause(250);
    if (round % 2 === 0)
      fresh.push(await signIn(base, `192.0.${Math.floor(round / 250)}.${round % 250}`, password));
    else known.push(await signIn(base, '198.51.100.1', password, device));
  }
  await Promise.all(guessers);

  console.log(`The mayor signing in while ${addresses} addresses guess their password for ${SECONDS} s:`);
  describeRealUser('from a fresh address each time', fresh);
  describeRealUser('from their known browser (device cookie)', known);
  const total = guesses.checked + guesses.toldToWait + guesses.other;
  console.log(
    `  guessers: ${total.toLocaleString('en')} attempts; ${guesses.checked} passwords checked ` +
      `(${(guesses.checked / addresses).toFixed(1)} per address), ${guesses.toldToWait.toLocaleString('en')} told to wait` +
      (guesses.other ? `, ${guesses.other} other answers` : ''),
  );
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
}
