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

import { gzip } from 'node:zlib';
import { type AnswerMemo, type AppRouter, answerMemoOf, type Principal, visibilityOf } from '@tangible/api';
import { currentDataVersion, type Db } from '@tangible/db';
import type { NextFunction, Request, Response } from 'express';
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

// As the compression middleware negotiates: `gzip;q=0` refuses gzip.
const takesGzip = (req: Request) => req.acceptsEncodings('gzip') === 'gzip';
// tRPC streams JSON lines for `Accept: application/jsonl` too, not only for `trpc-accept`.
const asksForStream = (req: Request) =>
  String(req.headers.accept ?? '')
    .split(',')
    .some((type) => type.trim() === 'application/jsonl');

export function keptAnswers(
  db: Db,
  router: AppRouter,
  callerOf: (req: Request) => Promise<Principal>,
): (req: Request, res: Response, next: NextFunction) => Promise<void> {
  const kept = keptPaths(router);
  return async (req, res, next) => {
    // Mounted at /trpc: req.path is "/plan.overview" or, for a batch, "/a,b".
    const paths = decodeURIComponent(req.path.slice(1)).split(',');
    if (
      req.method !== 'GET' ||
      !takesGzip(req) ||
      req.headers['trpc-accept'] !== undefined ||
      asksForStream(req) ||
      !paths.every((path) => kept.has(path))
    )
      return next();
    let memo: AnswerMemo;
    let version: bigint;
    let key: string;
    try {
      const principal = await callerOf(req);
      version = BigInt(await currentDataVersion(db, seenDataVersion(req)));
      memo = answerMemoOf(db);
      key = JSON.stringify([
        principal.kind === 'user' ? principal.user.organisationId : null,
        visibilityOf(principal),
        req.headers.accept ?? '',
        req.originalUrl,
      ]);
    } catch {
      // tRPC says what went wrong, as it would have.
      return next();
    }
    const bytes = memo.sent.get(version, key);
    if (bytes) {
      res.status(200);
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'trpc-accept, accept, Accept-Encoding');
      res.setHeader('Content-Length', bytes.length);
      res.end(bytes);
      return;
    }
    // With nothing kept (ANSWER_MEMO_MB=0), or an answer too big to keep, tRPC and the compression
    // middleware answer as they did.
    if (memo.sent.maxBytes > 0)
      sendKeeping(res, memo.sent.maxBytes / 2, (compressed) => {
        // zlib's result is a view of its 16 KB output buffer, and a small Buffer.from is a view of
        // a shared 8 KB pool: keep a copy in memory of its own, of its own size.
        const kept = Buffer.allocUnsafeSlow(compressed.length);
        compressed.copy(kept);
        memo.sent.set(version, key, kept, kept.length);
        return kept;
      });
    next();
  };
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
