/**
 * What a server process on PostgreSQL keeps of the database's state between requests: the data
 * version, and an epoch that moves whenever credentials may have changed. A kept answer is found
 * by the data version (api memo.ts, server kept-answers.ts), and on SQLite reading it costs a few
 * microseconds; on PostgreSQL it cost a round trip on every request, two more for the caller's
 * session or token, most of a kept answer's time under load. So the process listens instead
 * (migration 0013): each commit that raises the version sends it, each session ended or token
 * revoked says so, and PostgreSQL delivers a notice only once its transaction has committed.
 *
 * Nothing is kept for a time. A heartbeat checks the listening connection every second: it sends a
 * notice to itself and reads the version, and a notice not back within two seconds (a connection
 * that went silent without closing: a NAT or firewall timeout, a proxy that drops notices) counts
 * as a loss; a version read above the one heard of (a notice lost on the way) makes every caller
 * be resolved again. So what a process keeps is at most three seconds behind its database even
 * when its connection fails silently. While the listening connection is down (a restart of the database, a
 * network fault), `watching` is false and every request reads the version again, as before; on
 * reconnecting the version is read after LISTEN, so no change falls between them, and the
 * credentials epoch moves, so nothing resolved before the gap is trusted after it. A change
 * committed by another process is seen here when its notice arrives; a change committed by this
 * process is `observe`d before its answer is sent, and a client that saw a later version (the
 * `X-Data-Version` it was sent) makes the process read the version again (`atLeast`).
 */

import type pg from 'pg';
import type { Db } from './connection.js';
import { readDataVersion } from './queries/data-version.js';

const DATA = 'tangible_data_version';
const CREDENTIALS = 'tangible_credentials';
const HEARTBEAT = 'tangible_heartbeat';
const HEARTBEAT_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;
const RETRY_MS = [250, 1_000, 5_000] as const;

export interface ChangeWatchOptions {
  /** Told when the listening connection is lost or cannot be made (the process reads per request then). */
  onLost?: (error: unknown) => void;
  /** Told when it listens again after a loss. */
  onListening?: () => void;
  /** How often the listening connection is checked, in ms (1,000 unless said). */
  heartbeatMs?: number;
}

export class ChangeWatch {
  readonly #url: string;
  readonly #db: Db;
  readonly #options: ChangeWatchOptions;
  #client: pg.Client | null = null;
  #known: bigint | null = null;
  #credentials = 0;
  #closed = false;
  #failures = 0;
  #retry: NodeJS.Timeout | null = null;
  #beat: NodeJS.Timeout | null = null;
  #waiting: { nonce: string; timer: NodeJS.Timeout } | null = null;
  #beats = 0;

  constructor(url: string, db: Db, options: ChangeWatchOptions = {}) {
    this.#url = url;
    this.#db = db;
    this.#options = options;
  }

  /** Listens; resolves once the version is known (or the first attempt failed: it retries then). */
  async start(): Promise<void> {
    if (this.#closed || this.#client) return;
    // pg is loaded here, not with the module: a server on SQLite never needs it (issue 10.5).
    const { default: pgModule } = await import('pg');
    if (this.#closed || this.#client) return;
    const client = new pgModule.Client({
      connectionString: this.#url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 5_000,
    });
    this.#client = client;
    client.on('notification', (notice) => {
      if (client !== this.#client) return;
      if (notice.channel === DATA) this.#heard(notice.payload);
      else if (notice.channel === CREDENTIALS) this.#credentials += 1;
      else if (notice.channel === HEARTBEAT && this.#waiting && notice.payload === this.#waiting.nonce) {
        clearTimeout(this.#waiting.timer);
        this.#waiting = null;
      }
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the listening connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${DATA}`);
      await client.query(`listen ${CREDENTIALS}`);
      await client.query(`listen ${HEARTBEAT}`);
      // After LISTEN: a commit from here on is heard, and one before it is in what is read.
      const version = BigInt(await readDataVersion(this.#db));
      if (client !== this.#client) return;
      this.#known = this.#known === null || version > this.#known ? version : this.#known;
      this.#credentials += 1;
      if (this.#failures > 0) this.#options.onListening?.();
      this.#failures = 0;
      this.#beat = setInterval(() => this.#heartbeat(client), this.#options.heartbeatMs ?? HEARTBEAT_MS);
      this.#beat.unref();
    } catch (error) {
      this.#lost(client, error);
    }
  }

  /** True while the version in memory is the database's, as of the last notice heard. */
  get watching(): boolean {
    return this.#known !== null;
  }

  /** Heartbeats sent so far (each is one transaction of the listening connection). */
  get heartbeats(): number {
    return this.#beats;
  }

  /** The version in memory, null while not watching. */
  get known(): bigint | null {
    return this.#known;
  }

  /** Moves whenever a session or token may have ended, and across every gap in listening. */
  get credentialsEpoch(): number {
    return this.#credentials;
  }

  /** The data version: from memory while watching, else read. */
  async version(): Promise<bigint> {
    return this.#known ?? BigInt(await readDataVersion(this.#db));
  }

  /** The version a caller knows to be committed (its own write, or what it was sent) is at least this. */
  async atLeast(seen: bigint): Promise<bigint> {
    if (this.#known !== null && this.#known >= seen) return this.#known;
    const read = BigInt(await readDataVersion(this.#db));
    this.observe(read);
    return read;
  }

  /**
   * A notice on the data channel: the version committed, as migration 0013's trigger says it. Any
   * other text (anyone who may connect may NOTIFY on the channel) says only that something may have
   * changed: the version is read again. Read as a number it threw out of the notice's handler, and
   * the process stopped.
   */
  #heard(payload: string | undefined): void {
    if (payload !== undefined && /^[0-9]{1,18}$/.test(payload)) {
      this.observe(BigInt(payload));
      return;
    }
    readDataVersion(this.#db).then(
      (version) => this.observe(BigInt(version)),
      // A read that fails leaves the version to the next notice; a lost connection is the heartbeat's.
      () => {},
    );
  }

  /** A committed version heard of or read: the version in memory never goes back. */
  observe(version: bigint): void {
    if (this.#known !== null && version > this.#known) this.#known = version;
  }

  /** Callers resolved before now are resolved again. */
  forgetCredentials(): void {
    this.#credentials += 1;
  }

  /** One heartbeat at a time: a notice to itself, and the version read beside it. */
  #heartbeat(client: pg.Client): void {
    if (client !== this.#client || this.#waiting) return;
    this.#beats += 1;
    const nonce = `${process.pid}.${this.#beats}.${Math.random().toString(36).slice(2)}`;
    const timer = setTimeout(
      () => this.#lost(client, new Error(`no heartbeat within ${HEARTBEAT_TIMEOUT_MS} ms`)),
      HEARTBEAT_TIMEOUT_MS,
    );
    timer.unref();
    this.#waiting = { nonce, timer };
    client
      .query<{ version: string }>(
        `select pg_notify('${HEARTBEAT}', $1), (select version from data_version)::text as version`,
        [nonce],
      )
      .then(({ rows }) => {
        if (client !== this.#client || this.#known === null) return;
        const read = BigInt(rows[0]?.version ?? '0');
        if (read > this.#known) {
          // A change whose notice never came: nothing resolved before it is trusted.
          this.#known = read;
          this.#credentials += 1;
        }
      })
      .catch((error: unknown) => this.#lost(client, error));
  }

  #stopBeating(): void {
    if (this.#beat) clearInterval(this.#beat);
    this.#beat = null;
    if (this.#waiting) clearTimeout(this.#waiting.timer);
    this.#waiting = null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopBeating();
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    this.#known = null;
    await client?.end().catch(() => {});
  }

  #lost(client: pg.Client, error: unknown): void {
    if (client !== this.#client) return;
    this.#client = null;
    this.#known = null;
    this.#credentials += 1;
    this.#stopBeating();
    client.end().catch(() => {});
    if (this.#closed) return;
    this.#options.onLost?.(error);
    const wait = RETRY_MS[Math.min(this.#failures, RETRY_MS.length - 1)];
    this.#failures += 1;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.start();
    }, wait);
    this.#retry.unref();
  }
}

const watches = new WeakMap<Db, ChangeWatch>();

/** Starts watching a PostgreSQL database's changes for this process (the server's main does, once). */
export async function watchChanges(
  db: Db,
  url: string,
  options: ChangeWatchOptions = {},
): Promise<ChangeWatch> {
  const existing = watches.get(db);
  if (existing) return existing;
  const watch = new ChangeWatch(url, db, options);
  watches.set(db, watch);
  await watch.start();
  return watch;
}

/** The watch on a database, if this process started one. */
export function changeWatchOf(db: Db): ChangeWatch | undefined {
  return watches.get(db);
}

/**
 * The data version as text: from the watch while it listens, else read from the database. `seen`,
 * a version the caller was sent before, makes a process that has not heard of it yet read again.
 */
export async function currentDataVersion(db: Db, seen?: bigint | null): Promise<string> {
  const watch = watches.get(db);
  if (!watch) return readDataVersion(db);
  return String(seen ? await watch.atLeast(seen) : await watch.version());
}

/**
 * The data version currentDataVersion would give without reading: the watch's, while it listens and
 * has heard of `seen`. Null when it would read.
 */
export function knownDataVersion(db: Db, seen?: bigint | null): bigint | null {
  const known = watches.get(db)?.known ?? null;
  return known !== null && (!seen || known >= seen) ? known : null;
}

/**
 * After a write committed by this process: the version in memory catches up before the answer
 * leaves, and callers resolved before it are read again (a sign-out ends its session here at once,
 * not when its notice arrives). A failed read leaves it to the notice.
 */
export async function observeOwnWrite(db: Db): Promise<void> {
  const watch = watches.get(db);
  if (!watch?.watching) return;
  watch.forgetCredentials();
  try {
    watch.observe(BigInt(await readDataVersion(db)));
  } catch {}
}
