/**
 * Admission: the server answers what it can and refuses the rest at once, rather than queueing
 * without bound. Every request to /trpc and /api passes two gates, but for a kept answer sent before
 * Express sees it (kept-answers.ts `atOnce`): about 70 µs of work that holds nothing, cheaper to send
 * than a refusal would be to make.
 *
 * On arrival, it is refused when `maxInFlight` requests are already being answered (an export, an
 * import, a screen's read whose answer a slow client is still taking), when the event loop has
 * fallen more than `maxLagMs` behind while others are, or when the requests let in before it would
 * keep it waiting longer than that (their number times how long one takes, measured as they are
 * answered). Then it waits for a later turn of the loop with time left to start it (TURN_MS a
 * turn, first come first started): the database is read synchronously, so requests that arrive
 * together would otherwise each run to the end before the next is even looked at, one whose client
 * has meanwhile gone (closed the tab, timed out) would still be answered, and connections not yet
 * taken would wait outside for as long as the turn lasted. When its turn comes it is dropped if its
 * client has gone, and refused if it has by then waited longer than `maxLagMs` since it was let in
 * (the loop behind, or a line started a few a turn): the wait a request can meet is bounded.
 *
 * A refusal is 503 with `Retry-After` and the problem `server_busy`, in tRPC's error shape under
 * /trpc (so the web app says it as it says every problem) and as `{ error, problem }` elsewhere.
 */

import { Refusal, refusalBody } from '@tangible/api';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { stopReading } from './requests.js';

export interface AdmissionLimits {
  /** Requests to /trpc and /api being answered at once, exports and imports included. */
  maxInFlight: number;
  /** How far behind the event loop may run (the longest a request may wait to start), in ms. */
  maxLagMs: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxInFlight: 256, maxLagMs: 1_000 };

/** How long a refused caller is told to wait: a busy moment passes in about that. */
export const SERVER_BUSY_RETRY_SECONDS = 2;

/** How often the clock below ticks; a tick that comes late says how far behind the loop is. */
const TICK_MS = 50;

/**
 * How far the event loop is behind now, in ms: the time since the clock last ticked, past when it
 * should have ticked again. A tick runs between turns of the loop, so a turn spent answering a pile
 * of requests shows here while the turn is still going. One clock for the process, since the loop is.
 */
let lastTick = performance.now();
let clock: NodeJS.Timeout | undefined;
export function loopLag(): number {
  if (!clock) {
    lastTick = performance.now();
    clock = setInterval(() => {
      lastTick = performance.now();
    }, TICK_MS).unref();
  }
  return Math.max(0, performance.now() - lastTick - TICK_MS);
}

/**
 * How long one turn of the event loop spends starting admitted requests (and answering those that
 * need nothing more than the turn): the rest start in the next turns. Node (libuv 1.45 and later)
 * takes one new connection per turn, so a turn spent answering every connection that had a request
 * left the others to wait outside: 200 clients connecting at once to a national server answering
 * kept overviews at 40 ms a turn were taken in 50 ms apart, and the last 40 gave up after 5 s
 * before the server saw them (scripts/bench-scale.ts, SQLite, 200 connections).
 */
export const TURN_MS = 10;

/** Admitted requests not yet started, first come first; whether a turn is set to start some. */
const toStart: (() => void)[] = [];
let starting = false;

/**
 * Starts waiting requests, first come first, until this turn has spent TURN_MS on them; the rest
 * wait for the next turn. One step of the loop's turn, however many wait, taking its place among the
 * turn's other work (an export's next slice, say) without counting that work as its own: a request
 * put off while the others ran past the budget was put off again every turn (three exports, each
 * 4 ms a turn, left every read waiting until they ended). Between two starts the one started runs
 * what it can at once (its promises that settle without waiting, its callbacks for the next tick),
 * and that counts.
 */
async function startSome() {
  const began = performance.now();
  // From here on in promises: a start's own promises then run to their end before the tick below
  // (from the immediate itself, that tick came first, after the start's first step alone).
  await null;
  do {
    const start = toStart.shift() as () => void;
    try {
      start();
    } catch (error) {
      // As a throw from a callback of the loop: the process's own handler says it.
      process.nextTick(() => {
        throw error;
      });
    }
    // What it queued runs before the next starts: its settled promises, and the callbacks it left
    // for the next tick (a response's 'finish', say), which wait while promises keep coming.
    await new Promise<void>((resolve) => process.nextTick(resolve));
  } while (toStart.length > 0 && performance.now() - began <= TURN_MS);
  if (toStart.length > 0) setImmediate(startSome);
  else starting = false;
}

/** Runs `start` in a later turn of the event loop (see startSome), after those admitted before it. */
export function inATurn(start: () => void) {
  // Started in the async context of the step that starts it, not of the request: nothing here keeps
  // a request's context (AsyncLocalStorage), and binding each start to its own (AsyncResource.bind)
  // cost 40 % of the answers on PostgreSQL (national overview, 2 processes, 200 connections: 2,600
  // a second, 4,500 without). Bind it here when something does.
  toStart.push(start);
  if (!starting) {
    starting = true;
    setImmediate(startSome);
  }
}

export interface Admission {
  (req: Request, res: Response, next: NextFunction): void;
  /** Requests admitted and not yet answered. */
  readonly inFlight: number;
}

/**
 * How many of the latest answers the time between answers is judged over: their mean, the slowest
 * tenth (rounded up) left out. Not a running estimate that each new measure moves by a fifth: one
 * answer held up 30 ms by a collection of garbage among answers 2 ms apart moved that to 7.6 ms, and
 * 200 connections behind it were refused as if they would wait 1.5 s (19 % of a kept overview's
 * requests at 495 a second). Not the plain mean: after a quiet spell the first answer is often the
 * one that computes what the next ones find kept (a national overview: about 1.5 s), and the mean
 * of a window holding it refused the connections behind it for the next hundred answers (203
 * refusals in 60 s of the national workload, PostgreSQL, 2 processes, 200 connections). Not the
 * median either: it ignores slow answers until they are half the window, so a server where two
 * answers in five take 100 ms and the rest 1 ms (a mean of 41 ms) let in 300 arrivals that would
 * wait 12 s, and one that slowed from 2 ms to 50 ms an answer took 32 answers to notice (the trimmed
 * mean: 11).
 */
const GAP_WINDOW = 64;

/**
 * `lag` says how far behind the event loop is (loopLag), `clock` what time it is (performance.now);
 * a test gives its own.
 */
export function admission(
  limits: AdmissionLimits,
  logger: Logger,
  lag: () => number = loopLag,
  clock: () => number = () => performance.now(),
): Admission {
  let inFlight = 0;
  /**
   * How long the server takes per tRPC answer while busy, the mean time between one answer and the
   * next over the latest GAP_WINDOW answers (after a quiet spell, of one answer alone): a request let in behind
   * `queued` others will wait about that many times this (Little's law), which is known on arrival,
   * so a pile of requests is refused at once rather than after waiting `maxLagMs` for its turn. Not
   * a request's own time from start to answer: requests interleave at every read, so each one's
   * takes as long as those answered beside it, and their number times it counted every one of
   * them many times over (at 50 connections, three requests in four were refused at a third of the
   * rate the server could answer). Exports and imports, which send for minutes while others run
   * between their slices, are neither counted nor timed.
   */
  const gaps: number[] = [];
  // Worked out again when an answer adds to the window (not on every arrival).
  let pace: number | null = null;
  const answerGapMs = () => {
    pace ??= trimmedMean(gaps);
    return pace;
  };
  let lastAnswer = Number.NEGATIVE_INFINITY;
  /** tRPC requests let in and not yet answered. */
  let queued = 0;
  const refuse = (
    req: Request,
    res: Response,
    reason: 'in_flight' | 'lag' | 'queue' | 'waited',
    behind: number,
  ) => {
    logger.warn(
      { url: req.originalUrl, reason, inFlight, lagMs: Math.round(behind) },
      'request refused: busy',
    );
    if (req.method !== 'GET' && req.method !== 'HEAD') stopReading(req, res);
    sendServerBusy(req, res);
  };
  const gate = (req: Request, res: Response, next: NextFunction) => {
    const behind = lag();
    if (inFlight >= limits.maxInFlight) return refuse(req, res, 'in_flight', behind);
    // Behind with others being answered: a queue. Behind with nothing else in hand is a stall of the
    // whole process (a collection of garbage, a machine busy elsewhere), which the next request ends.
    if (behind > limits.maxLagMs && inFlight > 0) return refuse(req, res, 'lag', behind);
    const ahead = queued * answerGapMs();
    if (ahead > limits.maxLagMs) return refuse(req, res, 'queue', ahead);
    const timed = req.baseUrl?.toLowerCase() === '/trpc';
    inFlight += 1;
    if (timed) {
      // Out of the queue once answered (a slow client may still be taking the answer) or gone.
      queued += 1;
      let counted = true;
      const leave = () => {
        if (counted) queued -= 1;
        counted = false;
      };
      res.once('finish', leave);
      res.once('close', leave);
    }
    res.once('close', () => {
      inFlight -= 1;
    });
    const admittedAt = clock();
    inATurn(() => {
      if (res.closed || res.destroyed) {
        logger.debug({ url: req.originalUrl }, 'request dropped: the client had gone before it started');
        return;
      }
      // How long it waited to start, which the gate meant to bound: a loop behind its clock, or a
      // line of requests started a few a turn in turns that each kept time.
      const behindNow = lag();
      const waited = clock() - admittedAt;
      if (Math.max(behindNow, waited) > limits.maxLagMs && inFlight > 1)
        return behindNow >= waited ? refuse(req, res, 'lag', behindNow) : refuse(req, res, 'waited', waited);
      if (timed) {
        const started = clock();
        res.once('finish', () => {
          const now = clock();
          const gap = now - Math.max(started, lastAnswer);
          gaps.push(gap);
          if (gaps.length > GAP_WINDOW) gaps.shift();
          pace = null;
          lastAnswer = now;
        });
      }
      next();
    });
  };
  return Object.defineProperty(gate, 'inFlight', { get: () => inFlight }) as Admission;
}

/** The mean of `values` without the largest tenth of them (at least one, when there are any). */
export function trimmedMean(values: readonly number[]): number {
  const kept = values.toSorted((a, b) => a - b).slice(0, values.length - Math.ceil(values.length / 10));
  return kept.length === 0 ? 0 : kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

/** 503, Retry-After and `server_busy`, shaped for the caller: tRPC's error under /trpc, ours elsewhere. */
export function sendServerBusy(req: Request, res: Response): void {
  const refusal = new Refusal('server_busy', { seconds: SERVER_BUSY_RETRY_SECONDS });
  res.setHeader('Retry-After', String(SERVER_BUSY_RETRY_SECONDS));
  res.status(503);
  if (req.baseUrl.toLowerCase() !== '/trpc') {
    res.json(refusalBody(refusal));
    return;
  }
  const { code, params, message } = refusal.problem;
  // What the tRPC client reads as a TRPCClientError (for every call of a batch): error.data.problem.
  res.json({
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, problem: { code, params } },
    },
  });
}
