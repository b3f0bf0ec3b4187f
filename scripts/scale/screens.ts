/**
 * The queries the web app's screens make (apps/web/src/routes), each with the floor it is judged
 * against, and how one is timed: sequential calls through HTTP, as a browser asking for compressed
 * answers, until enough samples or the time budget is spent.
 */

import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FloorName } from './floors.js';
import { type Samples, sampled } from './timing.js';
import { viewOf, type Workload } from './workloads.js';

export interface Screen {
  /** What the table calls it. */
  label: string;
  procedure: string;
  input: Record<string, unknown>;
  floor: FloorName;
  /** Whether the load runs (50 and 200 connections) hit it too. */
  loaded: boolean;
}

/** Indicator `ECO-00000` and department `G0001` exist in every generated plan (generate.ts). */
export function screensOf(workload: Workload): Screen[] {
  const view = viewOf(workload);
  const sector = workload.sector;
  return [
    { label: 'overview', procedure: 'plan.overview', input: view, floor: 'overview', loaded: true },
    // The sector page asks for its heading, one page of its indicators and its charts (and its
    // history and tracks); the page of indicators is what it costs.
    {
      label: 'sector page',
      procedure: 'sectors.indicators',
      input: { ...view, sector, limit: 25 },
      floor: 'sector',
      loaded: true,
    },
    {
      label: 'sector charts',
      procedure: 'sectors.headlines',
      input: { ...view, sector, limit: 6 },
      floor: 'sector',
      loaded: false,
    },
    {
      label: 'sector history',
      procedure: 'plan.history',
      input: { ...view, sector },
      floor: 'history',
      loaded: false,
    },
    {
      label: 'indicator list',
      procedure: 'indicators.list',
      input: view,
      floor: 'indicatorList',
      loaded: true,
    },
    {
      label: 'indicator detail',
      procedure: 'indicators.detail',
      input: { ...view, code: `${sector}-00000` },
      floor: 'indicatorDetail',
      loaded: true,
    },
    { label: 'milestones', procedure: 'milestones.timeline', input: view, floor: 'milestones', loaded: true },
    {
      label: 'departments',
      procedure: 'departments.comparison',
      input: view,
      floor: 'departments',
      loaded: true,
    },
    {
      label: 'department page',
      procedure: 'departments.detail',
      input: { ...view, department: 'G0001' },
      floor: 'department',
      loaded: false,
    },
  ];
}

export const pathOf = (screen: Screen) =>
  `/trpc/${screen.procedure}?input=${encodeURIComponent(JSON.stringify(screen.input))}`;

/** What a browser sends. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br';

export interface Answer {
  status: number;
  encoding: string | null;
  /** The body as it crossed the wire. */
  wire: Buffer;
}

/** One GET, read to the end and not decoded (so the wire size is seen, and decoding is not timed). */
export function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const encoding = res.headers['content-encoding'] ?? null;
        resolve({ status: res.statusCode ?? 0, encoding, wire: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The answer's body as sent before compression. */
export function decoded(answer: Answer): Buffer {
  if (answer.encoding === 'br') return brotliDecompressSync(answer.wire);
  if (answer.encoding === 'gzip') return gunzipSync(answer.wire);
  return answer.wire;
}

export interface ScreenTiming {
  samples: Samples;
  answer: Answer;
}

/** Calls the screen one call after another until `calls` or `budgetMs`, whichever comes first. */
export async function timeScreen(
  base: string,
  screen: Screen,
  headers: Record<string, string>,
  budget: { calls: number; ms: number },
): Promise<ScreenTiming> {
  let answer: Answer | null = null;
  const samples = await sampled(budget, async () => {
    answer = await get(`${base}${pathOf(screen)}`, { ...headers, 'accept-encoding': BROWSER_ENCODINGS });
    if (answer.status !== 200) {
      const text = decoded(answer).toString('utf8').slice(0, 300);
      throw new Error(`${screen.procedure} answered ${answer.status}: ${text}`);
    }
  });
  return { samples, answer: answer as unknown as Answer };
}
