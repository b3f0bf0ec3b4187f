/**
 * The server under more than it can answer, figures not assertions. On a nation's workload
 * (scripts/load/workload.ts), the built server in its own process gets 200 connections, each asking
 * again as soon as it has its answer (10 s timeout), for 15 s: a cheap read (plan.years), then the
 * overview, with the admission limits as configured (admission.ts) and then with them out of the
 * way (what the server did before). Prints answers per second, how many were 200, 503 or timed out,
 * the median and p99 time to each kind of answer (as the clients see it, and inside the server from
 * arrival to answer), and the server's resident memory at its peak.
 *
 *   pnpm build && npx tsx --conditions=source scripts/overload.ts [DATABASE_FILE]
 */

import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportToken, type Served, serve } from './load/serve.js';
import { workload } from './load/workload.js';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 15);
const TIMEOUT_MS = 10_000;
const file = process.argv[2] ?? join(tmpdir(), 'tangible-load-nation.sqlite');
await workload(file);
const headers = { authorization: `Bearer ${await exportToken(file)}` };

type Outcome = { kind: '200' | '503' | 'other' | 'timeout' | 'error'; ms: number };

function once(agent: Agent, url: string): Promise<Outcome> {
  const started = performance.now();
  const took = () => performance.now() - started;
  return new Promise((resolve) => {
    const req = request(url, { headers, agent, timeout: TIMEOUT_MS }, (res) => {
      res.on('data', () => {});
      res.once('end', () => {
        const kind = res.statusCode === 200 ? '200' : res.statusCode === 503 ? '503' : 'other';
        resolve({ kind, ms: took() });
      });
      res.once('error', () => resolve({ kind: 'error', ms: took() }));
    });
    req.once('timeout', () => {
      req.destroy();
      resolve({ kind: 'timeout', ms: took() });
    });
    req.once('error', () => resolve({ kind: 'error', ms: took() }));
    req.end();
  });
}

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (times: number[]) => {
  if (times.length === 0) return '-';
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${at(sorted, 0.5).toFixed(0)} ms, p99 ${at(sorted, 0.99).toFixed(0)} ms`;
};

/** How long the server took over each answer, from its request log (arrival to last byte), by status. */
let served: { status: number; ms: number }[] = [];

async function hammer(server: Served, label: string, path: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const outcomes: Outcome[] = [];
  served = [];
  const deadline = performance.now() + SECONDS * 1000;
  let rssPeak = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, server.memory().rss);
  }, 100);
  server.resetPeak();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) outcomes.push(await once(agent, `${server.url}${path}`));
    }),
  );
  clearInterval(sampler);
  agent.destroy();
  // The server's log lines arrive behind its answers: wait until it has logged every one.
  const answered = outcomes.filter((o) => o.kind !== 'timeout' && o.kind !== 'error').length;
  for (let i = 0; i < 50 && served.length < answered; i++) await new Promise((r) => setTimeout(r, 100));
  const of = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind);
  const elapsed = SECONDS + Math.max(0, ...outcomes.map((o) => o.ms)) / 1000 / 2;
  console.log(
    `${label}: ${(outcomes.length / elapsed).toFixed(0)} answers/s; 200: ${of('200').length} (${summary(of('200').map((o) => o.ms))}); ` +
      `503: ${of('503').length} (${summary(of('503').map((o) => o.ms))}); timed out: ${of('timeout').length}; ` +
      `other: ${of('other').length + of('error').length}; peak RSS ${Math.max(rssPeak, server.memory().peak)} MB; ` +
      `in the server, arrival to answer: 200 ${summary(served.filter((s) => s.status === 200).map((s) => s.ms))}, ` +
      `503 ${summary(served.filter((s) => s.status === 503).map((s) => s.ms))}.`,
  );
}

const input = encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }));
const READS = [
  ['plan.years', '/trpc/plan.years'],
  ['plan.overview', `/trpc/plan.overview?input=${input}`],
] as const;
const SETTINGS = [
  ['admission as configured', {}],
  ['admission out of the way', { REQUESTS_MAX_IN_FLIGHT: '100000', REQUESTS_MAX_WAIT_MS: '600000' }],
] as const;

console.log(`${CONNECTIONS} connections for ${SECONDS} s each, on ${file}.`);
for (const [setting, env] of SETTINGS) {
  const server = await serve(file, env, (line) => {
    if (line.msg === 'request' && typeof line.ms === 'number')
      served.push({ status: Number(line.status), ms: line.ms });
  });
  console.log(`${setting}: RSS after start ${server.memory().rss} MB.`);
  for (const [label, path] of READS) await hammer(server, `  ${label}`, path);
  await server.stop();
}
