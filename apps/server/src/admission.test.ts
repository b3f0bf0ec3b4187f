/**
 * A saturated server answers at once with 503, Retry-After and `server_busy`, instead of queueing:
 * through the real app with a limit of one request at once, and the gate's own rules (how far the
 * event loop is behind; a client that left before its request started) with a lag the test sets.
 */

import { EventEmitter } from 'node:events';
import { type ClientRequest, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import express, { type Request, type Response } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admission, inATurn, TURN_MS } from './admission.js';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

const silent = pino({ level: 'silent' });

/** A tRPC query as the gate sees it. */
const trpcQuery = () => ({ originalUrl: '/trpc/plan.overview', baseUrl: '/trpc', method: 'GET' }) as Request;

/** A response the gate may answer on: what it set (status, headers, body) is kept in `answer`. */
function recorded() {
  const answer = { status: 0, headers: {} as Record<string, string>, body: null as unknown };
  return Object.assign(new EventEmitter(), {
    closed: false,
    destroyed: false,
    answer,
    setHeader: (name: string, value: string) => {
      answer.headers[name.toLowerCase()] = value;
    },
    status: (code: number) => {
      answer.status = code;
    },
    json: (body: unknown) => {
      answer.body = body;
    },
  });
}
type Recorded = ReturnType<typeof recorded>;

/** Lets the request through the gate, resolving once it is started. */
const started = (gate: ReturnType<typeof admission>, res: Recorded) =>
  new Promise<void>((resolve) => {
    gate(trpcQuery(), res as unknown as Response, () => resolve());
  });

/** A gate on a clock the test moves (`clock.now`, in ms), its loop never behind. */
function clockedGate(limits: { maxInFlight: number; maxLagMs: number }) {
  const clock = { now: 0 };
  const gate = admission(
    limits,
    silent,
    () => 0,
    () => clock.now,
  );
  return { gate, clock };
}

/** Answers `res` after `took` ms of the gate's clock. */
function answerAfter(clock: { now: number }, res: Recorded, took: number) {
  clock.now += took;
  res.emit('finish');
  res.emit('close');
}

let db: Db;
let server: Server;
let base: string;
let headers: Record<string, string>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const analyst = await findUserByUsername(db, 'analyst');
  const { token } = await createApiToken(db, analyst?.id ?? 0, 'admission test', new Date());
  headers = { authorization: `Bearer ${token}` };
  server = createApp({
    db,
    logger: silent,
    webDist: '/nonexistent',
    admissionLimits: { maxInFlight: 1 },
  }).listen(0, '127.0.0.1');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

/** A sign-in whose body never finishes arriving: a request the server is still answering. */
function halfSent(): ClientRequest {
  const held = request(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '100' },
  });
  held.on('error', () => {});
  held.write('{"username":');
  return held;
}

const years = () => fetch(`${base}/trpc/plan.years`, { headers });

describe('a server answering as many requests as it may', () => {
  it('refuses one more with 503, Retry-After and server_busy, and answers again once one ends', async () => {
    const held = halfSent();
    await expect.poll(async () => (await years()).status, { timeout: 10_000 }).toBe(503);

    const refused = await years();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    // In tRPC's error shape, as the web app reads every problem (error.data.problem).
    expect((await jsonOf(refused)).error).toMatchObject({
      message: expect.stringMatching(/try again in 2 seconds/),
      data: {
        code: 'SERVICE_UNAVAILABLE',
        httpStatus: 503,
        problem: { code: 'server_busy', params: { seconds: 2 } },
      },
    });
    const exported = await fetch(`${base}/api/export/indicators.csv?year=2024`, { headers });
    expect(exported.status).toBe(503);
    expect(exported.headers.get('retry-after')).toBe('2');
    expect((await jsonOf(exported)).problem).toEqual({ code: 'server_busy', params: { seconds: 2 } });
    // The health check is not held back by the requests it is there to watch over.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    held.destroy();
    await expect.poll(async () => (await years()).status, { timeout: 10_000 }).toBe(200);
  });
});

describe('the admission gate', () => {
  /**
   * An app with the gate in front of two routes, the event loop as far behind as `behind` says:
   * /api/ok answers at once; /api/hold answers when the test releases it.
   */
  async function gated(behind: () => number) {
    const app = express();
    const held: Response[] = [];
    app.use('/api', admission({ maxInFlight: 10, maxLagMs: 100 }, silent, behind));
    app.get('/api/ok', (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/api/hold', (_req, res) => {
      held.push(res);
    });
    const listening = app.listen(0, '127.0.0.1');
    if (!listening.listening) await new Promise((resolve) => listening.once('listening', resolve));
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api`;
    /** A request the server is still answering, until the returned function releases it. */
    const hold = async () => {
      const answered = fetch(`${base}/hold`);
      await expect.poll(() => held.length).toBe(1);
      return async () => {
        held.pop()?.json({ held: true });
        expect((await answered).status).toBe(200);
      };
    };
    return {
      ok: () => fetch(`${base}/ok`),
      hold,
      close: () => new Promise((resolve) => listening.close(resolve)),
    };
  }

  it('refuses a request when the loop is further behind than allowed while others are answered', async () => {
    let behind = 0;
    const { ok, hold, close } = await gated(() => behind);
    const release = await hold();
    behind = 5_000;
    const refused = await ok();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await jsonOf(refused)).problem.code).toBe('server_busy');
    behind = 0;
    expect((await ok()).status).toBe(200);
    await release();
    await close();
  });

  it('answers a request after a stall of the whole process, when nothing else was waiting', async () => {
    const { ok, close } = await gated(() => 5_000);
    expect((await ok()).status).toBe(200);
    await close();
  });

  it('refuses a request that was let in but found the loop behind when its turn came', async () => {
    // The gate asks twice a request: on arrival and when its turn comes. The held request asks
    // first and second, the next one third (not behind yet) and fourth (behind).
    let asked = 0;
    const { ok, hold, close } = await gated(() => (++asked >= 4 ? 5_000 : 0));
    const release = await hold();
    const refused = await ok();
    expect(asked).toBe(4);
    expect(refused.status).toBe(503);
    expect((await jsonOf(refused)).problem.code).toBe('server_busy');
    await release();
    await close();
  });

  it('refuses at once a request that would wait longer than allowed behind those let in before it', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 100, maxLagMs: 100 });
    const request = trpcQuery;
    const response = recorded;
    // Five answered requests that took 500 ms each teach the gate how long one takes.
    for (let i = 0; i < 5; i++) {
      const res = response();
      await new Promise<void>((resolve) =>
        gate(request(), res as unknown as Response, () => {
          answerAfter(clock, res, 500);
          resolve();
        }),
      );
    }
    // Two arrive together: the first waits for nobody; the second would wait for the first.
    const first = response();
    const second = response();
    gate(request(), first as unknown as Response, () => {});
    gate(request(), second as unknown as Response, () => {});
    expect(first.answer.status).toBe(0);
    expect(second.answer.status).toBe(503);
    expect(second.answer.headers['retry-after']).toBe('2');
    expect(second.answer.body).toMatchObject({ error: { data: { problem: { code: 'server_busy' } } } });
  });

  it('lets in a burst the server answers in time, when requests interleave and each takes long', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 1_000, maxLagMs: 1_000 });
    const request = trpcQuery;
    const response = recorded;
    const start = (res: Recorded) => started(gate, res);
    // 50 clients: all started together, answered one every 10 ms (100 a second), so each took from
    // 10 to 500 ms from its start to its answer, interleaved with the others.
    const first = Array.from({ length: 50 }, response);
    await Promise.all(first.map(start));
    for (const res of first) answerAfter(clock, res, 10);
    // The next 50 arrive together: the last waits for 49 answers, about 0.5 s at that pace.
    const burst = Array.from({ length: 50 }, response);
    for (const res of burst) gate(request(), res as unknown as Response, () => {});
    expect(burst.filter((res) => res.answer.status === 503)).toHaveLength(0);
    // And one more than a second's worth of answers would wait too long.
    const more = Array.from({ length: 80 }, response);
    for (const res of more) gate(request(), res as unknown as Response, () => {});
    expect(more.filter((res) => res.answer.status === 503).length).toBeGreaterThan(0);
  });

  it('is not swayed by one answer held up among many quick ones', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 1_000, maxLagMs: 1_000 });
    const request = trpcQuery;
    const response = recorded;
    const start = (res: Recorded) => started(gate, res);
    // 100 answers 2 ms apart (500 a second), the last held up 30 ms by a collection of garbage.
    const steady = Array.from({ length: 100 }, response);
    await Promise.all(steady.map(start));
    steady.forEach((res, i) => {
      answerAfter(clock, res, i === steady.length - 1 ? 30 : 2);
    });
    // 200 connections arrive: at that pace the last waits about half a second, within the bound.
    const connections = Array.from({ length: 200 }, response);
    for (const res of connections) gate(request(), res as unknown as Response, () => {});
    expect(connections.filter((res) => res.answer.status === 503)).toHaveLength(0);
  });

  it('is not held back by the first answer after a quiet spell, which computed what the next ones find kept', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 1_000, maxLagMs: 1_000 });
    const request = trpcQuery;
    const response = recorded;
    const start = (res: Recorded) => started(gate, res);
    // Alone, 1.5 s (the answer computed); then two found kept, 0.5 ms each.
    for (const took of [1_500, 0.5, 0.5]) {
      const res = response();
      await start(res);
      answerAfter(clock, res, took);
    }
    // 200 connections arrive: at the pace of the kept answers, all are answered in 0.1 s.
    const connections = Array.from({ length: 200 }, response);
    for (const res of connections) gate(request(), res as unknown as Response, () => {});
    expect(connections.filter((res) => res.answer.status === 503)).toHaveLength(0);
  });

  it('refuses when a steady share of answers is slow, not only when most are', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 1_000, maxLagMs: 1_000 });
    const start = (res: Recorded) => started(gate, res);
    // Two answers in five take 100 ms, the others 1 ms: one every 41 ms on average.
    const taught = Array.from({ length: 64 }, recorded);
    await Promise.all(taught.map(start));
    taught.forEach((res, i) => {
      answerAfter(clock, res, i % 5 < 2 ? 100 : 1);
    });
    const arrivals = Array.from({ length: 300 }, recorded);
    for (const res of arrivals) gate(trpcQuery(), res as unknown as Response, () => {});
    const refused = arrivals.findIndex((res) => res.answer.status === 503);
    // About a second's worth (24 at 41 ms) gets in; the rest is refused.
    expect(refused).toBeGreaterThan(15);
    expect(refused).toBeLessThan(40);
  });

  it('notices within a dozen answers that answers have slowed', async () => {
    const { gate, clock } = clockedGate({ maxInFlight: 1_000, maxLagMs: 1_000 });
    const start = (res: Recorded) => started(gate, res);
    const quick = Array.from({ length: 64 }, recorded);
    await Promise.all(quick.map(start));
    for (const res of quick) answerAfter(clock, res, 2);
    // 200 let in; then each takes 50 ms, and after each answer one more request arrives.
    const queued = Array.from({ length: 200 }, recorded);
    await Promise.all(queued.map(start));
    let noticed = -1;
    for (const [i, res] of queued.entries()) {
      answerAfter(clock, res, 50);
      const probe = recorded();
      gate(trpcQuery(), probe as unknown as Response, () => {});
      if (probe.answer.status === 503) {
        noticed = i + 1;
        break;
      }
    }
    expect(noticed).toBeGreaterThan(0);
    expect(noticed).toBeLessThanOrEqual(12);
  });

  it('does not start a request whose client went away while it waited, and counts it out when it closes', async () => {
    const gate = admission({ maxInFlight: 10, maxLagMs: 100 }, silent, () => 0);
    const res = Object.assign(new EventEmitter(), { closed: false, destroyed: false });
    let started = false;
    gate({ originalUrl: '/api/x', method: 'GET' } as Request, res as unknown as Response, () => {
      started = true;
    });
    expect(gate.inFlight).toBe(1);
    res.closed = true;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    res.emit('close');
    expect(gate.inFlight).toBe(0);
  });
});

describe('the turns of the event loop', () => {
  /** Waits `ms` of wall time without yielding, as a synchronous read does. */
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  /** Counts turns of the loop: an immediate queued ahead of the requests in every turn. */
  function turnCounter() {
    const counter = { turn: 0, counting: true };
    const count = () => {
      counter.turn += 1;
      if (counter.counting) setImmediate(count);
    };
    setImmediate(count);
    return counter;
  }

  // Node takes one new connection per turn of the loop: a turn that started every request in hand
  // kept the connections not yet taken waiting for as long as it lasted (see TURN_MS).
  it('start admitted requests in the order they came, at most TURN_MS of them a turn', async () => {
    const each = 3;
    const turns = turnCounter();
    const started: { request: number; turn: number }[] = [];
    const all = Array.from(
      { length: 30 },
      (_, request) =>
        new Promise<void>((resolve) =>
          inATurn(() => {
            started.push({ request, turn: turns.turn });
            busy(each);
            resolve();
          }),
        ),
    );
    await Promise.all(all);
    turns.counting = false;
    expect(started.map((s) => s.request)).toEqual(all.map((_, i) => i));
    const perTurn = new Map<number, number>();
    for (const { turn } of started) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    // Started while the turn had spent at most TURN_MS on them: at 0, 3, 6 and 9 ms, and at 10 ms
    // at most one more; the same 30 all started in one turn before.
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(Math.floor(TURN_MS / each) + 1);
  });

  it('start requests every turn while other work takes more than TURN_MS of each turn', async () => {
    // Three exports' slices, each 4 ms a turn, ahead of the requests for 60 turns.
    let slices = 0;
    let sliced = () => {};
    const allSliced = new Promise<void>((resolve) => {
      sliced = resolve;
    });
    const slice = () => {
      busy(12);
      if (++slices < 60) setImmediate(slice);
      else sliced();
    };
    setImmediate(slice);
    const startedAt: number[] = [];
    await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<void>((resolve) =>
            inATurn(() => {
              startedAt.push(slices);
              busy(1);
              resolve();
            }),
          ),
      ),
    );
    // All started while the slices went on (a request put off while they ran past the budget was
    // put off again every turn, and none started before the 60th slice).
    expect(startedAt).toHaveLength(20);
    expect(Math.max(...startedAt)).toBeLessThan(60);
    await allSliced;
  });

  it('count what a started request does a few promises in, as a tRPC call reads the database', async () => {
    const turns = turnCounter();
    const perTurn = new Map<number, number>();
    await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<void>((resolve) =>
            inATurn(() => {
              perTurn.set(turns.turn, (perTurn.get(turns.turn) ?? 0) + 1);
              void (async () => {
                await null;
                await null;
                await null;
                busy(2 * TURN_MS);
                resolve();
              })();
            }),
          ),
      ),
    );
    turns.counting = false;
    // Each one's work is past the budget: one a turn (two a turn when the second started after the
    // first one's first step alone).
    expect([...perTurn.values()]).toEqual(Array.from({ length: 10 }, () => 1));
  });

  it('start those admitted while others wait after them, first come first started', async () => {
    const order: number[] = [];
    let arrived = 0;
    const arrive = () =>
      new Promise<void>((resolve) => {
        const request = arrived++;
        inATurn(() => {
          order.push(request);
          busy(2);
          resolve();
        });
      });
    const first = Array.from({ length: 20 }, arrive);
    // More come in later turns (from timers, as connections' data comes in I/O callbacks), while
    // the first are still being started a few a turn.
    const later: Promise<void>[] = [];
    await new Promise<void>((resolve) => {
      let rounds = 0;
      const more = () => {
        later.push(arrive(), arrive());
        if (++rounds < 5) setTimeout(more, 0);
        else resolve();
      };
      setTimeout(more, 0);
    });
    await Promise.all([...first, ...later]);
    expect(order).toEqual(Array.from({ length: arrived }, (_, i) => i));
  });

  it('refuses a request that waited longer than allowed to start, though the loop kept its time', async () => {
    // Turns that keep time do not make the loop late: the wait is measured from admission. Each
    // request started takes 40 ms of the gate's clock.
    const clock = { now: 0 };
    const gate = admission(
      { maxInFlight: 1_000, maxLagMs: 100 },
      silent,
      () => 0,
      () => clock.now,
    );
    const answers = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<Recorded>((resolve) => {
            const res = recorded();
            const json = res.json;
            res.json = (body: unknown) => {
              json(body);
              resolve(res);
            };
            gate(
              { originalUrl: '/api/x', baseUrl: '/api', method: 'GET' } as Request,
              res as unknown as Response,
              () => {
                answerAfter(clock, res, 40);
                resolve(res);
              },
            );
          }),
      ),
    );
    // Started after waiting 0, 40, 80 and 120 ms: the fourth and all after it are refused (the
    // loop's lag alone, 0 here, refused none).
    expect(answers.map((res) => res.answer.status)).toEqual([
      0,
      0,
      0,
      ...Array.from({ length: 7 }, () => 503),
    ]);
    expect(answers[3]?.answer.body).toMatchObject({ problem: { code: 'server_busy' } });
  });
});
