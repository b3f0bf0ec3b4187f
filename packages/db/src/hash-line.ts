/**
 * Whose password is hashed next. A password hash is the one expensive step of a sign-in (scrypt:
 * 32 MiB and 50–100 ms of a worker thread), so at most `slots` run at once and the rest wait in a
 * line. That line is what strangers guessing from many addresses compete for with the real user,
 * so it is shared fairly (issue 8: nobody locks out someone else):
 *
 * - One place per client. A client (an address, or a device the account has signed in from) with
 *   an attempt already waiting or hashing is refused at once: sending faster than the server hashes
 *   gains nothing, and a hundred addresses hold at most a hundred places. Each such refusal also
 *   counts against the client's waiting attempt as a failure would: a client that will not wait its
 *   turn loses it to those who do.
 * - Fewer recent failures first. A client that has not been failing goes ahead of every client that
 *   has, so the real user on a fresh address waits for the hashes already running and for other
 *   clients with no failures, never for the guesses of failing ones. On a tie, a known device goes
 *   first, then whoever came first.
 * - A bounded line. At most `capacity` attempts wait. When the line is full, a newcomer that ranks
 *   ahead of the last in line takes its place (the last is refused); any other newcomer is refused.
 *   A refusal comes at once, with the seconds after which a try is likely to find room.
 *
 * Work with no client (hashing a new password: an administrator's, the seed's) goes ahead of the
 * line and is never refused.
 */

/** Where an attempt stands in the line. */
export interface HashPlace {
  /** Who is asking (an address or a known device): one place in line each. */
  client: string;
  /** The client's recent failed sign-ins: fewer go first. */
  failures: number;
  /** A device the account has signed in from before: first among clients with as many failures. */
  knownDevice: boolean;
}

/** A place in line, held from entering until its hash is done or it is given up. */
export interface HashTicket {
  /**
   * Runs `work` when this ticket's turn comes: `{ ran: false }` when the ticket was pushed out of
   * line first, by a newcomer ranked ahead of it while the line was full.
   */
  run<T>(
    work: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false; retryAfterSeconds: number }>;
  /** Gives the place up if it has not run (the attempt ended early); harmless after `run`. */
  leave(): void;
}

export type HashEntry =
  | { admitted: true; ticket: HashTicket }
  | { admitted: false; why: 'client_waiting' | 'line_full'; retryAfterSeconds: number };

interface Waiting {
  place: HashPlace;
  /** Attempts its client sent while this one waited, each refused: ranked as failures. */
  knocks: number;
  order: number;
  /** Resolves true when the turn comes, false when pushed out or given up. */
  turn: (granted: boolean) => void;
  granted: Promise<boolean>;
  state: 'waiting' | 'granted' | 'running' | 'done';
}

/** Negative when `a` goes before `b`. */
function compare(a: Waiting, b: Waiting): number {
  return (
    a.place.failures + a.knocks - (b.place.failures + b.knocks) ||
    Number(b.place.knownDevice) - Number(a.place.knownDevice) ||
    a.order - b.order
  );
}

export interface HashLineOptions {
  /** Hashes running at once. */
  slots: number;
  /** Attempts waiting at most (those running not counted). */
  capacity: number;
  /** Seconds one hash takes, for the wait a refusal names; the line measures it as it goes. */
  secondsPerHash: number;
}

export class HashLine {
  private readonly waiting: Waiting[] = [];
  /** Unranked work (a new password's hash): ahead of the line. */
  private readonly first: (() => void)[] = [];
  private readonly holders = new Map<string, Waiting>();
  private running = 0;
  private order = 0;
  private secondsPerHash: number;
  /** Hashes finished since the start, for figures and tests. */
  hashed = 0;

  constructor(private readonly options: HashLineOptions) {
    this.secondsPerHash = options.secondsPerHash;
  }

  /** Attempts waiting in line and hashes running. */
  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.length + this.first.length, running: this.running };
  }

  /**
   * Whole seconds until `ahead` waiting attempts have been hashed, at least 1: 40 ahead at 0.1 s a
   * hash on 2 slots → 2.
   */
  private secondsFor(ahead: number): number {
    return Math.max(1, Math.ceil(((ahead + 1) * this.secondsPerHash) / this.options.slots));
  }

  /**
   * When `client` already holds a place: counts this attempt against it and returns the seconds
   * until that place is likely done; null when the client holds none.
   */
  knock(client: string): number | null {
    const held = this.holders.get(client);
    if (!held) return null;
    if (held.state === 'waiting') {
      this.waiting.splice(this.waiting.indexOf(held), 1);
      held.knocks++;
      this.insert(held);
    }
    return this.secondsFor(held.state === 'waiting' ? this.waiting.indexOf(held) + 1 : 0);
  }

  /** Takes a place in line for `place`, or says why not and when to try again. */
  enter(place: HashPlace): HashEntry {
    const knocked = this.knock(place.client);
    if (knocked !== null) return { admitted: false, why: 'client_waiting', retryAfterSeconds: knocked };
    let turn: (granted: boolean) => void = () => {};
    const granted = new Promise<boolean>((resolve) => {
      turn = resolve;
    });
    const entry: Waiting = { place, knocks: 0, order: this.order++, turn, granted, state: 'waiting' };
    if (this.waiting.length >= this.options.capacity) {
      const last = this.waiting.at(-1);
      if (!last || compare(entry, last) > 0)
        return { admitted: false, why: 'line_full', retryAfterSeconds: this.secondsFor(this.waiting.length) };
      this.waiting.pop();
      this.finish(last, false);
    }
    this.insert(entry);
    this.holders.set(place.client, entry);
    this.pump();
    return { admitted: true, ticket: this.ticketOf(entry) };
  }

  /** Puts a waiting entry in its place in line. */
  private insert(entry: Waiting) {
    let at = this.waiting.length;
    while (at > 0 && compare(entry, this.waiting[at - 1] as Waiting) < 0) at--;
    this.waiting.splice(at, 0, entry);
  }

  /** Runs unranked work ahead of the line (hashing a new password), never refused. */
  async runFirst<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.slots) {
      await new Promise<void>((resolve) => this.first.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await this.measured(work);
    } finally {
      this.release();
    }
  }

  private ticketOf(entry: Waiting): HashTicket {
    return {
      run: async (work) => {
        if (entry.state === 'waiting' || entry.state === 'granted') {
          if (await entry.granted) {
            entry.state = 'running';
            try {
              return { ran: true, value: await this.measured(work) };
            } finally {
              this.holders.delete(entry.place.client);
              entry.state = 'done';
              this.release();
            }
          }
        }
        return { ran: false, retryAfterSeconds: this.secondsFor(this.waiting.length) };
      },
      leave: () => {
        if (entry.state === 'waiting') {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          this.finish(entry, false);
        } else if (entry.state === 'granted') {
          this.finish(entry, false);
          this.release();
        }
      },
    };
  }

  /** Ends an entry that will not run: its client may enter again. */
  private finish(entry: Waiting, granted: boolean) {
    entry.state = 'done';
    if (this.holders.get(entry.place.client) === entry) this.holders.delete(entry.place.client);
    entry.turn(granted);
  }

  private async measured<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      // A moving average: the estimate follows the machine's load without jumping on one slow hash.
      this.secondsPerHash = 0.8 * this.secondsPerHash + 0.2 * seconds;
      this.hashed++;
    }
  }

  /** A slot has come free: it goes to unranked work first, then to the head of the line. */
  private release() {
    this.running--;
    this.pump();
  }

  private pump() {
    while (this.running < this.options.slots) {
      const unranked = this.first.shift();
      if (unranked) {
        this.running++;
        unranked();
        continue;
      }
      const next = this.waiting.shift();
      if (!next) return;
      this.running++;
      next.state = 'granted';
      next.turn(true);
    }
  }
}
