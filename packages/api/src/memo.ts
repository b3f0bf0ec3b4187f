/**
 * Answers computed once per data version. A screen query that opts in (`meta.memo`, trpc.ts) is
 * answered from memory when the same question was answered at the same data version: the same
 * procedure, the same input, the same organisation and the same visibility. The data version is
 * raised by the database itself in every transaction that writes what an answer reads (migration
 * 0008), so an answer is kept exactly as long as it is true, in every process sharing the database;
 * nothing is kept for a time.
 *
 * Callers asking the same question while it is being answered wait for that one computation.
 * Memory is bounded by an estimate of the answers' size, least recently used first out; answers of
 * an older version are dropped as soon as a newer version is seen.
 */

import type { Db } from '@tangible/db';
import type { Principal } from './auth/policy.js';

/** What is kept when nothing else is said (ANSWER_MEMO_MB): about this much heap. */
export const DEFAULT_MEMO_BYTES = 64 * 1024 * 1024;

/**
 * An answer's objects take about this many heap bytes per character of its JSON (measured on the
 * seed: overview 2.25, a 100-row indicator list 2.29, milestone tracks 1.66); the estimate leans high.
 */
const HEAP_PER_JSON_CHAR = 3;

/** A question longer than this (its input, mostly) is answered without being kept. */
const LONGEST_KEY = 4_096;

/**
 * Values kept for one data version, least recently used first out when they pass `maxBytes`: what
 * was kept for an older version can never be asked for again, so it is dropped as soon as a newer
 * version is seen.
 */
export class VersionedKeep<T> {
  readonly #kept = new Map<string, { value: T; bytes: number }>();
  #bytes = 0;
  /** The newest data version seen. */
  #version: bigint | null = null;

  constructor(public maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  /** Sees `version`; true when it is the newest seen (what is kept now is kept for it). */
  see(version: bigint): boolean {
    if (this.#version === null || version > this.#version) {
      this.#kept.clear();
      this.#bytes = 0;
      this.#version = version;
    }
    return version === this.#version;
  }

  get(version: bigint, key: string): T | undefined {
    if (!this.see(version)) return undefined;
    const kept = this.#kept.get(`${version} ${key}`);
    if (!kept) return undefined;
    // Least recently used is first in the map's order.
    this.#kept.delete(`${version} ${key}`);
    this.#kept.set(`${version} ${key}`, kept);
    return kept.value;
  }

  /** Keeps `value` of `bytes` for `version` unless a newer version was seen meanwhile. */
  set(version: bigint, key: string, value: T, bytes: number): void {
    if (version !== this.#version || key.length > LONGEST_KEY) return;
    const size = bytes + key.length * 2;
    // One value may not push out all the others.
    if (size > this.maxBytes / 2) return;
    const name = `${version} ${key}`;
    const before = this.#kept.get(name);
    if (before) this.#bytes -= before.bytes;
    this.#kept.set(name, { value, bytes: size });
    this.#bytes += size;
    for (const [oldest, entry] of this.#kept) {
      if (this.#bytes <= this.maxBytes) break;
      this.#kept.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

/**
 * Of the memo's budget, the share the answers as sent (compressed bytes, kept-answers.ts in the
 * server) may hold, beside the answers as objects: a kept overview is ~6 KB of gzip against
 * ~150 KB of objects, so a quarter holds far more answers than the objects' budget does.
 */
const SENT_SHARE = 1 / 4;

export class AnswerMemo {
  readonly #kept: VersionedKeep<unknown>;
  readonly #computing = new Map<string, Promise<unknown>>();
  /** Answers as sent over HTTP, by the request that asked (the server's kept-answers.ts). */
  readonly sent: VersionedKeep<Buffer>;
  /** How many answers were computed rather than found (for tests and the bench). */
  computed = 0;

  constructor(maxBytes: number = DEFAULT_MEMO_BYTES) {
    this.#kept = new VersionedKeep(maxBytes);
    this.sent = new VersionedKeep(maxBytes * SENT_SHARE);
  }

  get maxBytes(): number {
    return this.#kept.maxBytes;
  }

  set maxBytes(bytes: number) {
    this.#kept.maxBytes = bytes;
    this.sent.maxBytes = bytes * SENT_SHARE;
  }

  get bytes(): number {
    return this.#kept.bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  /**
   * The answer to `question` at data `version`: kept, being computed, or computed now by `compute`.
   * `keep` says whether a result may be kept (a refusal is not: it is computed again next time).
   */
  async answer<T>(
    version: string,
    question: string,
    compute: () => Promise<T>,
    keep: (result: T) => boolean,
  ): Promise<T> {
    const seen = BigInt(version);
    const kept = this.#kept.get(seen, question);
    if (kept !== undefined) return kept as T;
    const key = `${version} ${question}`;
    const computing = this.#computing.get(key);
    if (computing) return computing as Promise<T>;
    this.computed += 1;
    const computation = Promise.resolve()
      .then(compute)
      .then((result) => {
        if (keep(result)) {
          const bytes = approximateBytes(result);
          if (bytes + question.length * 2 <= this.#kept.maxBytes / 2) {
            deepFreeze(result);
            this.#kept.set(seen, question, result, bytes);
          }
        }
        return result;
      })
      .finally(() => this.#computing.delete(key));
    this.#computing.set(key, computation);
    return computation;
  }
}

/** The heap an answer takes, estimated from its JSON (what the client is sent anyway). */
function approximateBytes(answer: unknown): number {
  return (JSON.stringify(answer)?.length ?? 0) * HEAP_PER_JSON_CHAR;
}

/** A kept answer is shared by every caller: none may change it for the next. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

const memos = new WeakMap<Db, AnswerMemo>();

/**
 * The memo of one database connection: every app and caller on it share it. Another connection
 * (another process) has its own and agrees with it through the data version.
 */
export function answerMemoOf(db: Db): AnswerMemo {
  let memo = memos.get(db);
  if (!memo) {
    memo = new AnswerMemo();
    memos.set(db, memo);
  }
  return memo;
}

/** Sets how much the connection's memo keeps (ANSWER_MEMO_MB; 0 keeps nothing). */
export function boundAnswerMemo(db: Db, maxBytes: number): void {
  answerMemoOf(db).maxBytes = maxBytes;
}

/**
 * Everything an answer's visibility depends on: the public view or a user's role (what they may
 * read, districts.comparison asks it), whether through a token (whose permissions are fewer) and a
 * bureau head's department. Who the user is does not change a screen; a personal answer must not
 * opt in.
 */
export function visibilityOf(principal: Principal): string {
  if (principal.kind !== 'user') return principal.kind;
  const { role, departmentId } = principal.user;
  return `${principal.via === 'token' ? 'token' : 'user'}:${role}:${departmentId ?? '-'}`;
}

/** The input as text that does not depend on the order its keys were written in. */
export function canonicalInput(input: unknown): string {
  return JSON.stringify(input ?? null, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
