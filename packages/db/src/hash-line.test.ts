import { describe, expect, it } from 'vitest';
import { type HashEntry, HashLine, type HashPlace, type HashTicket } from './hash-line.js';

/** Lets every promise already settled run its callbacks (no clock: one turn of the event loop). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Work that finishes when the test says so, recording when it started. */
function hashes() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const work = (name: string) => () => {
    started.push(name);
    return new Promise<string>((resolve) => finish.set(name, () => resolve(name)));
  };
  /** Lets the line move on: finishes `name`'s hash and waits for what that sets going. */
  const done = async (name: string) => {
    await settle();
    const finishing = finish.get(name);
    if (!finishing) throw new Error(`${name} has not started`);
    finishing();
    await settle();
  };
  return { started, work, done };
}

const place = (client: string, failures = 0, knownDevice = false): HashPlace => ({
  client,
  failures,
  knownDevice,
});

function ticketOf(entry: HashEntry): HashTicket {
  if (!entry.admitted) throw new Error(`refused: ${entry.why}`);
  return entry.ticket;
}

describe('HashLine', () => {
  it('runs at most `slots` hashes at once, the rest in turn', async () => {
    const line = new HashLine({ slots: 2, capacity: 10, secondsPerHash: 0.1 });
    const { started, work, done } = hashes();
    for (const name of ['a', 'b', 'c']) void ticketOf(line.enter(place(name))).run(work(name));
    await settle();
    expect(started).toEqual(['a', 'b']);
    await done('a');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('gives a client one place: a second attempt while the first waits or runs is refused at once', async () => {
    const line = new HashLine({ slots: 1, capacity: 10, secondsPerHash: 0.1 });
    const { work, done } = hashes();
    const first = ticketOf(line.enter(place('203.0.113.9'))).run(work('first'));
    await settle();
    const second = line.enter(place('203.0.113.9'));
    expect(second).toMatchObject({ admitted: false, why: 'client_waiting' });
    expect(second.admitted === false && second.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await done('first');
    expect(await first).toEqual({ ran: true, value: 'first' });
    // Its hash done, the client may try again.
    expect(line.enter(place('203.0.113.9')).admitted).toBe(true);
  });

  it('serves clients with fewer failures first, a known device first among equals, then by arrival', async () => {
    const line = new HashLine({ slots: 1, capacity: 10, secondsPerHash: 0.1 });
    const { started, work, done } = hashes();
    void ticketOf(line.enter(place('running'))).run(work('running'));
    const arrivals: [string, number, boolean][] = [
      ['failed 20 times', 20, false],
      ['failed once', 1, false],
      ['fresh address', 0, false],
      ['another fresh address', 0, false],
      ['known device', 0, true],
      ['known device that failed 3 times', 3, true],
    ];
    for (const [name, failures, known] of arrivals)
      void ticketOf(line.enter(place(name, failures, known))).run(work(name));
    // One slot: finishing the hash that runs starts the next.
    await settle();
    for (let i = 0; i <= arrivals.length; i++) await done(started.at(-1) ?? '');
    expect(started).toEqual([
      'running',
      'known device',
      'fresh address',
      'another fresh address',
      'failed once',
      'known device that failed 3 times',
      'failed 20 times',
    ]);
  });

  it('moves a client that sends again while it waits behind those that wait their turn', async () => {
    const line = new HashLine({ slots: 1, capacity: 10, secondsPerHash: 0.1 });
    const { started, work, done } = hashes();
    void ticketOf(line.enter(place('running'))).run(work('running'));
    void ticketOf(line.enter(place('impatient'))).run(work('impatient'));
    void ticketOf(line.enter(place('patient'))).run(work('patient'));
    void ticketOf(line.enter(place('failed once', 1))).run(work('failed once'));
    // Knocking twice ranks the impatient client as if it had failed twice.
    for (let i = 0; i < 2; i++)
      expect(line.enter(place('impatient'))).toMatchObject({ why: 'client_waiting' });
    await settle();
    for (let i = 0; i < 4; i++) await done(started.at(-1) ?? '');
    expect(started).toEqual(['running', 'patient', 'failed once', 'impatient']);
  });

  it('keeps at most `capacity` waiting: a newcomer ranked ahead pushes out the last, any other is refused', async () => {
    const line = new HashLine({ slots: 1, capacity: 2, secondsPerHash: 0.5 });
    const { started, work, done } = hashes();
    void ticketOf(line.enter(place('running', 9))).run(work('running'));
    const guessers = [
      ticketOf(line.enter(place('guesser-1', 5))),
      ticketOf(line.enter(place('guesser-2', 6))),
    ];
    const runs = guessers.map((ticket, i) => ticket.run(work(`guesser-${i + 1}`)));
    // As failing as the last in line, or more: no room.
    expect(line.enter(place('guesser-3', 6))).toMatchObject({ admitted: false, why: 'line_full' });
    const refused = line.enter(place('guesser-4', 7));
    // Two waiting, each half a second, one slot: a place is likely in 2 s (counting the running one).
    expect(refused).toEqual({ admitted: false, why: 'line_full', retryAfterSeconds: 2 });
    // The real user, never failing, takes the last guesser's place; that guesser is refused.
    const owner = ticketOf(line.enter(place('owner', 0))).run(work('owner'));
    expect(await runs[1]).toMatchObject({ ran: false });
    expect(line.size).toEqual({ waiting: 2, running: 1 });
    await done('running');
    await done('owner');
    expect(await owner).toEqual({ ran: true, value: 'owner' });
    await done('guesser-1');
    expect(started).toEqual(['running', 'owner', 'guesser-1']);
    expect(await runs[0]).toEqual({ ran: true, value: 'guesser-1' });
    // The pushed-out guesser's client holds no place any more.
    expect(line.enter(place('guesser-2', 6)).admitted).toBe(true);
  });

  it('frees the place and the slot of a ticket given up before it ran', async () => {
    const line = new HashLine({ slots: 1, capacity: 10, secondsPerHash: 0.1 });
    const { started, work, done } = hashes();
    // Granted at once (a slot was free) but given up before running: the slot goes to the next.
    const granted = ticketOf(line.enter(place('gave up running')));
    const waiting = ticketOf(line.enter(place('gave up waiting')));
    const next = ticketOf(line.enter(place('next'))).run(work('next'));
    waiting.leave();
    granted.leave();
    await settle();
    expect(started).toEqual(['next']);
    expect(await granted.run(work('too late'))).toMatchObject({ ran: false });
    expect(line.enter(place('gave up waiting')).admitted).toBe(true);
    await done('next');
    expect(await next).toEqual({ ran: true, value: 'next' });
  });

  it('runs unranked work (a new password) ahead of the line, never refusing it', async () => {
    const line = new HashLine({ slots: 1, capacity: 1, secondsPerHash: 0.1 });
    const { started, work, done } = hashes();
    void ticketOf(line.enter(place('running'))).run(work('running'));
    void ticketOf(line.enter(place('waiting'))).run(work('waiting'));
    const unranked = line.runFirst(work('new password'));
    await done('running');
    expect(started).toEqual(['running', 'new password']);
    await done('new password');
    expect(await unranked).toBe('new password');
    await done('waiting');
    expect(line.hashed).toBe(3);
  });
});
