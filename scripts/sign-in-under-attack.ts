/**
 * `pnpm bench:sign-in`: figures, not assertions. The real server behind a trusted proxy
 * (TRUST_PROXY=loopback, so X-Forwarded-For makes one machine many clients), in two scenarios:
 *
 * - A burst (the hostile review of issue 8): ADDRESSES addresses each send GUESSES guesses, all at
 *   once or one after another, ignoring every "wait", at unknown usernames (a new one each time) or
 *   at the mayor's own username. Meanwhile the mayor signs in from a fresh, never-failing address as the attack starts
 *   and then every quarter second until it ends. Prints the mayor's success rate and time to a 200,
 *   and how many guesses had their password checked while the mayor's first sign-in waited.
 * - A siege: ADDRESSES addresses guess the mayor's password for SECONDS seconds, while the mayor
 *   signs in every quarter second, alternately from a fresh address and from their known browser.
 *
 * BURST=100x20 PACES=at-once,one-by-one TARGETS=unknown,mayor SIEGE=10 SECONDS=20 pnpm bench:sign-in
 * (the defaults);
 * BURST= or SIEGE= (empty) skips that scenario.
 */

import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPassword } from '@tangible/api';
import { openDatabase, prepareDatabase, SEED_DIR } from '@tangible/db';
import { createApp } from '@tangible/server';
import { pino } from 'pino';

const list = (value: string | undefined, fallback: string) =>
  (value ?? fallback).split(',').filter((item) => item.trim() !== '');
const BURSTS = list(process.env.BURST, '100x20').map((b) => b.split('x').map(Number) as [number, number]);
const PACES = list(process.env.PACES, 'at-once,one-by-one');
const TARGETS = list(process.env.TARGETS, 'unknown,mayor');
const SIEGES = list(process.env.SIEGE, '10').map(Number);
const SECONDS = Number(process.env.SECONDS ?? 20);
const USER = 'mayor';
const PASSWORD = demoPassword(USER);

interface Answer {
  status: number;
  ms: number;
  /** When the answer came (performance.now()). */
  at: number;
  device?: string | undefined;
}

async function signIn(base: string, from: string, username: string, password: string, device?: string) {
  const started = performance.now();
  try {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': from,
        ...(device ? { cookie: device } : {}),
      },
      body: JSON.stringify({ username, password }),
    });
    await res.arrayBuffer();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tangible_device='));
    const at = performance.now();
    return { status: res.status, ms: at - started, at, device: cookie?.split(';')[0] } satisfies Answer;
  } catch {
    // A connection the server's backlog could not take (thousands at once): counted as status 0.
    const at = performance.now();
    return { status: 0, ms: at - started, at } satisfies Answer;
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeRealUser(label: string, results: Answer[]) {
  const ok = results.filter((r) => r.status === 200).length;
  const ms = results.map((r) => r.ms);
  const other = [...new Set(results.filter((r) => r.status !== 200).map((r) => r.status))];
  console.log(
    `  ${label}: ${ok}/${results.length} signed in (${((100 * ok) / results.length).toFixed(1)} %` +
      `${other.length ? `; others answered ${other.join(', ')}` : ''}), median ${percentile(ms, 0.5).toFixed(0)} ms, ` +
      `95th percentile ${percentile(ms, 0.95).toFixed(0)} ms, slowest ${Math.max(...ms).toFixed(0)} ms`,
  );
}

async function startServer() {
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
  // When the server received each request, by its X-Forwarded-For: a flood of connections can keep
  // a request from the server for a while before the line of password checks sees it.
  const arrivals = new Map<string, number>();
  server.prependListener('request', (req: IncomingMessage) =>
    arrivals.set(String(req.headers['x-forwarded-for']), performance.now()),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  };
  return { base, stop, arrivals };
}

/** Counts the guessers' answers: 401 = a password checked, 429 = told to wait. */
function tally(answers: Answer[]) {
  const checked = answers.filter((a) => a.status === 401).length;
  const toldToWait = answers.filter((a) => a.status === 429).length;
  return { checked, toldToWait, other: answers.length - checked - toldToWait };
}

function describeGuesses(answers: Answer[], addresses: number) {
  const { checked, toldToWait, other } = tally(answers);
  console.log(
    `  guessers: ${answers.length.toLocaleString('en')} attempts; ${checked} passwords checked ` +
      `(${(checked / addresses).toFixed(1)} per address), ${toldToWait.toLocaleString('en')} told to wait` +
      (other ? `, ${other} other answers` : ''),
  );
}

async function burst(addresses: number, guesses: number, pace: string, target: string) {
  const { base, stop, arrivals } = await startServer();
  const answers: Answer[] = [];
  const started = performance.now();
  let attacking = true;
  const guessers = Promise.all(
    Array.from({ length: addresses }, async (_, i) => {
      const from = `10.${Math.floor(i / 250)}.${i % 250}.1`;
      const guess = async (g: number) => {
        const username = target === 'unknown' ? `nobody-${i}-${g}` : target;
        answers.push(await signIn(base, from, username, `guess-${g}-${Math.random()}`));
      };
      if (pace === 'at-once') await Promise.all(Array.from({ length: guesses }, (_, g) => guess(g)));
      else for (let g = 0; g < guesses; g++) await guess(g);
    }),
  ).then(() => {
    attacking = false;
  });
  await pause(100);
  const fresh: Answer[] = [];
  let firstWait = { checked: 0, atServer: 0, checkedAtServer: 0 };
  for (let round = 0; attacking; round++) {
    const sent = performance.now();
    const from = `192.0.${Math.floor(round / 250)}.${round % 250}`;
    const answer = await signIn(base, from, USER, PASSWORD);
    fresh.push(answer);
    const arrived = arrivals.get(from) ?? sent;
    const between = (start: number) => tally(answers.filter((a) => a.at > start && a.at < answer.at)).checked;
    if (round === 0)
      firstWait = {
        checked: between(sent),
        atServer: answer.at - arrived,
        checkedAtServer: between(arrived),
      };
    await pause(250);
  }
  await guessers;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `The mayor signing in while ${addresses} addresses send ${guesses} guesses each ${pace} at ` +
      `${target === 'unknown' ? 'unknown usernames' : `the ${target}'s username`} (${seconds} s):`,
  );
  describeRealUser('from a fresh address each time', fresh);
  const first = fresh[0];
  if (first)
    console.log(
      `  the first, sent 0.1 s into the attack: ${first.status} after ${first.ms.toFixed(0)} ms, ` +
        `${firstWait.checked} guesses checked meanwhile; from its arrival at the server: ` +
        `${firstWait.atServer.toFixed(0)} ms, ${firstWait.checkedAtServer} guesses checked meanwhile`,
    );
  describeGuesses(answers, addresses);
  await stop();
}

async function siege(addresses: number) {
  const { base, stop } = await startServer();
  const { device } = await signIn(base, '198.51.100.1', USER, PASSWORD);
  const until = Date.now() + SECONDS * 1000;
  const answers: Answer[] = [];
  const guessers = Array.from({ length: addresses }, async (_, i) => {
    const from = `10.${Math.floor(i / 250)}.${i % 250}.1`;
    while (Date.now() < until) answers.push(await signIn(base, from, USER, `guess-${Math.random()}`));
  });
  const fresh: Answer[] = [];
  const known: Answer[] = [];
  for (let round = 0; Date.now() < until; round++) {
    await pause(250);
    if (round % 2 === 0)
      fresh.push(await signIn(base, `192.0.${Math.floor(round / 250)}.${round % 250}`, USER, PASSWORD));
    else known.push(await signIn(base, '198.51.100.1', USER, PASSWORD, device));
  }
  await Promise.all(guessers);
  console.log(`The mayor signing in while ${addresses} addresses guess their password for ${SECONDS} s:`);
  describeRealUser('from a fresh address each time', fresh);
  describeRealUser('from their known browser (device cookie)', known);
  describeGuesses(answers, addresses);
  await stop();
}

for (const [addresses, guesses] of BURSTS)
  for (const pace of PACES) for (const target of TARGETS) await burst(addresses, guesses, pace, target);
for (const addresses of SIEGES) await siege(addresses);
