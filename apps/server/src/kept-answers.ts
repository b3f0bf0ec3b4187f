/**
 * Kept answers sent as they were sent. A screen query that is kept until the data changes (memo.ts,
 * `keptQuery`) still cost each request tRPC's pipeline, the JSON text and its gzip: 40 % of the
 * server's time under load on the overview, where the answer itself was found in memory. So the
 * compressed bytes of a kept answer are kept too, by everything the answer can depend on: the data
 * version (read per request as the memo does, or heard of on PostgreSQL: db change-watch.ts; nothing
 * is kept for a time), the caller's
 * organisation and visibility (memo.ts `visibilityOf`), and the request's URL, which names the
 * procedures and their input. A request that finds them is answered with them before tRPC runs.
 *
 * Only what could have been answered this way from the start is: GET requests for procedures that
 * are all kept queries, from clients that take gzip, asking for JSON (not tRPC's streamed answers,
 * `trpc-accept`), answered 200. Everything else, refusals included, goes through tRPC as before;
 * the caller was refused or admitted there by the same visibility that keys the bytes.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import {
  type AnswerMemo,
  type AppRouter,
  answerMemoOf,
  knownPrincipal,
  type Principal,
  visibilityOf,
} from '@tangible/api';
import { currentDataVersion, type Db, knownDataVersion } from '@tangible/db';
import accepts from 'accepts';
import type { Request, RequestHandler, Response } from 'express';
import { type AuthOptions, credentialsOf } from './auth.js';
import { seenDataVersion } from './data-version.js';

/** The paths of the procedures that may be answered from kept bytes. */
function keptPaths(router: AppRouter): Set<string> {
  const kept = new Set<string>();
  for (const [path, procedure] of Object.entries(router._def.procedures)) {
    const def = (procedure as unknown as { _def: { type?: string; meta?: { memo?: boolean } } })._def;
    if (def.meta?.memo && def.type === 'query') kept.add(path);
  }
  return kept;
}

/**
 * Whether a request may be answered from kept bytes: a GET of kept queries only (`procedures` as
 * tRPC's Express adapter sees the path under /trpc: "/plan.overview", or "/a,b" for a batch), from
 * a client that takes gzip (as the compression middleware negotiates: `gzip;q=0` refuses it), asking
 * for JSON rather than tRPC's streamed answers (`trpc-accept`, or `Accept: application/jsonl`).
 */
function mayBeKept(kept: Set<string>, req: IncomingMessage, procedures: string): boolean {
  if (req.method !== 'GET' || req.headers['trpc-accept'] !== undefined) return false;
  if (
    String(req.headers.accept ?? '')
      .split(',')
      .some((type) => type.trim() === 'application/jsonl')
  )
    return false;
  let paths: string[];
  try {
    paths = decodeURIComponent(procedures.slice(1)).split(',');
  } catch {
    return false;
  }
  return paths.every((path) => kept.has(path)) && accepts(req).encoding('gzip') === 'gzip';
}

/** What the kept bytes of an answer are found by, besides the data version. */
function keyOf(principal: Principal, req: IncomingMessage, url: string): string {
  return JSON.stringify([
    principal.kind === 'user' ? principal.user.organisationId : null,
    visibilityOf(principal),
    req.headers.accept ?? '',
    url,
  ]);
}

function sendKept(res: ServerResponse, bytes: Buffer): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Vary', 'trpc-accept, accept, Accept-Encoding');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/** How a request was answered from kept bytes, for its log line (app.ts). */
export const keptHow = new WeakMap<IncomingMessage, 'at once' | 'after its caller'>();

/** What a request that found no kept bytes will keep, if its answer turns out keepable. */
interface ToKeep {
  memo: AnswerMemo;
  version: bigint;
  key: string;
}

export interface KeptAnswers {
  /**
   * Answers a request from kept bytes before Express sees it, when nothing it depends on needs a
   * read: the caller is kept (auth/sessions.ts `knownPrincipal`), the data version is heard of (db
   * change-watch.ts `knownDataVersion`: PostgreSQL), and the bytes are there. `dress` sets the headers
   * app.ts's middlewares would have set. False, with nothing written, when it cannot; the request
   * then goes the long way, where `send` may still find the bytes. Express's own entry and a
   * dozen middlewares cost 3.5 times what sending the bytes does (`pnpm bench:scale`).
   */
  atOnce(req: IncomingMessage, res: ServerResponse): boolean;
  /** Mounted at /trpc before the compression middleware: answers from kept bytes once the caller is read. */
  send: RequestHandler;
  /** Mounted at /trpc after the compression middleware: keeps the bytes of an answer `send` did not find. */
  keep: RequestHandler;
}

export function keptAnswers(options: {
  db: Db;
  router: AppRouter;
  auth: AuthOptions;
  callerOf: (req: Request) => Promise<Principal>;
  dress: (res: ServerResponse, principal: Principal, version: bigint) => void;
}): KeptAnswers {
  const { db, callerOf, dress } = options;
  const kept = keptPaths(options.router);
  const toKeep = new WeakMap<Request, ToKeep>();
  const atOnce = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    // Bytes are found by the address as it came, and kept only for one the long way answered with
    // 200: an address it refuses (too long, a bad escape) or reads otherwise (/TRPC/…, absolute
    // form) finds none here, and goes the long way, which says what is wrong.
    if (!url.startsWith('/trpc/')) return false;
    const query = url.indexOf('?');
    if (!mayBeKept(kept, req, url.slice('/trpc'.length, query < 0 ? undefined : query))) return false;
    const principal = knownPrincipal(db, credentialsOf(req, options.auth));
    if (!principal) return false;
    const version = knownDataVersion(db, seenDataVersion(req));
    if (version === null) return false;
    const bytes = answerMemoOf(db).sent.get(version, keyOf(principal, req, url));
    if (!bytes) return false;
    keptHow.set(req, 'at once');
    dress(res, principal, version);
    sendKept(res, bytes);
    return true;
  };
  const send: RequestHandler = async (req, res, next) => {
    if (!mayBeKept(kept, req, req.path)) return next();
    let memo: AnswerMemo;
    let version: bigint;
    let key: string;
    try {
      const principal = await callerOf(req);
      version = BigInt(await currentDataVersion(db, seenDataVersion(req)));
      memo = answerMemoOf(db);
      key = keyOf(principal, req, req.originalUrl);
    } catch {
      // tRPC says what went wrong, as it would have.
      return next();
    }
    const bytes = memo.sent.get(version, key);
    if (bytes) {
      keptHow.set(req, 'after its caller');
      sendKept(res, bytes);
      return;
    }
    // With nothing kept (ANSWER_MEMO_MB=0), tRPC and the compression middleware answer as they did.
    if (memo.sent.maxBytes > 0) toKeep.set(req, { memo, version, key });
    next();
  };
  const keep: RequestHandler = (req, res, next) => {
    const pending = toKeep.get(req);
    if (pending) {
      const { memo, version, key } = pending;
      // An answer too big to keep is sent as it would have been.
      sendKeeping(res, memo.sent.maxBytes / 2, (compressed) => {
        // zlib's result is a view of its 16 KB output buffer, and a small Buffer.from is a view of
        // a shared 8 KB pool: keep a copy in memory of its own, of its own size.
        const kept = Buffer.allocUnsafeSlow(compressed.length);
        compressed.copy(kept);
        memo.sent.set(version, key, kept, kept.length);
        return kept;
      });
    }
    next();
  };
  return { atOnce, send, keep };
}

/**
 * Holds what tRPC writes (one JSON text, written at its end) and, for an answer sent with 200 and
 * JSON no longer than `largest`, sends its gzip (made off the event loop, in zlib's threads, as the
 * compression middleware does) and gives it to `keep`, so that the answer sent the first time is the
 * one sent again. Anything else goes on as written, through the compression middleware (mounted
 * earlier: the write this wraps is its own, which leaves alone an answer already gzip).
 */
function sendKeeping(res: Response, largest: number, keep: (compressed: Buffer) => Buffer): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const bytesOf = (chunk: unknown, encoding: unknown): Buffer | null => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return null;
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk);
    return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const bytes = bytesOf(chunk, rest[0]);
    if (bytes) chunks.push(bytes);
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (done) queueMicrotask(done);
    return true;
  }) as Response['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const bytes = bytesOf(chunk, rest[0]);
    if (bytes) chunks.push(bytes);
    const done = [chunk, ...rest].find((arg) => typeof arg === 'function') as (() => void) | undefined;
    const body = Buffer.concat(chunks);
    const asWritten = () => {
      if (body.length > 0) write(body);
      return end(done);
    };
    const type = String(res.getHeader('Content-Type') ?? '');
    // A client that left before the body was written is ended with 200 and no body (tRPC's
    // writeResponse): that is no answer to keep. Nor is a stream (chunked).
    if (
      res.statusCode !== 200 ||
      res.headersSent ||
      res.destroyed ||
      body.length === 0 ||
      body.length > largest ||
      res.getHeader('Transfer-Encoding') !== undefined ||
      !/^application\/json\b/i.test(type)
    )
      return asWritten();
    gzip(body, (error, compressed) => {
      if (error || res.destroyed || res.headersSent) {
        asWritten();
        return;
      }
      const sent = keep(compressed);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', sent.length);
      end(sent, done);
    });
    return res;
  }) as Response['end'];
}
