/**
 * What the server reads of a request, and how much: the address (length, %-escapes), and the body,
 * read by one reader with a limit per route. What cannot be read is refused with 400, 413, 414 or
 * 415 and a problem code; a bad request never costs a 500, nor more of a body than its limit.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { IMPORT_MAX_BYTES, type ProblemCode, Refusal } from '@tangible/api';
import { TRPCError } from '@trpc/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const KB = 1024;
const MB = 1024 * KB;

/** Longer addresses are refused with 414 (Node itself answers 431 past its 16 KB of headers). */
export const URL_MAX_LENGTH = 8 * KB;

/** The most of a body each kind of route reads, in bytes. */
export const BODY_LIMITS = {
  /**
   * Any tRPC call. The largest valid one, 500 entries each with the longest note and evidence link
   * in four-byte characters, is about 6 MB (requests.test.ts); the web app's are a few kilobytes.
   */
  trpc: 8 * MB,
  /** Signing in: a username and a password (a batch holding a sign-in gets this limit too). */
  signIn: 8 * KB,
  /** A table the web app shows, sent back to be made into CSV (up to 20,000 rows). */
  table: 5 * MB,
  /** A file to import. */
  import: IMPORT_MAX_BYTES,
} as const;

/** The procedures whose calls carry only a few hundred bytes; see BODY_LIMITS.signIn. */
const SMALL_PROCEDURES = new Set(['auth.signIn']);

/** `10 MB`, `8 KB`: a limit as the reader is told it. */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / KB)} KB`;
}

/** A request refused before any route handled it, with its HTTP status. */
export class RequestRefusal extends Refusal {
  constructor(
    readonly status: number,
    code: ProblemCode,
    params: Record<string, string | number> = {},
  ) {
    super(code, params);
  }
}

/**
 * The answer for an error that reached the end of the chain without a response: its own status
 * when it is a client error (a refused request, a body parser's or router's 4xx), else null.
 */
export function refusalOf(error: unknown): RequestRefusal | null {
  if (error instanceof RequestRefusal) return error;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  return new RequestRefusal(status, 'request_malformed');
}

/** Refuses an address that is too long (414) or whose %-escapes are not UTF-8 (400: `GET /%ff`). */
export function checkAddress(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl;
  if (url.length > URL_MAX_LENGTH) {
    next(new RequestRefusal(414, 'url_too_long', { limit: URL_MAX_LENGTH }));
    return;
  }
  try {
    // Every run of escapes in the address must decode, in the path and in the query alike.
    decodeURIComponent(url);
  } catch {
    next(new RequestRefusal(400, 'url_malformed'));
    return;
  }
  next();
}

/** After a refusal, at most this much more of the body is read (and thrown away); see stopReading. */
export const DRAIN_BYTES = 8 * MB;
const DRAIN_MS = 5_000;

/**
 * Stops reading a refused body. Node answers it with `Connection: close` and closes the connection;
 * until it is closed, a little more is read and thrown away, so that a client still sending can
 * read the answer (a connection closed on unread data is reset, which can lose the answer). Past
 * DRAIN_BYTES or DRAIN_MS it is cut, so a client streaming gigabytes is not read to the end.
 */
function stopReading(req: IncomingMessage, res: ServerResponse): void {
  req.pause();
  res.once('finish', () => {
    let drained = 0;
    const cut = () => req.socket.destroy();
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_BYTES) cut();
    });
    req.once('end', cut);
    setTimeout(cut, DRAIN_MS).unref();
    req.resume();
  });
}

/**
 * Reads a request body of at most `limit` bytes. A declared length over the limit is refused before
 * a byte is read; a body that grows past it is refused as soon as it does. Compressed bodies are
 * refused (a few kilobytes of gzip can inflate to gigabytes).
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  tooLarge: ProblemCode = 'body_too_large',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = (refusal: RequestRefusal) => {
      stopReading(req, res);
      reject(refusal);
    };
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      refuse(new RequestRefusal(415, 'body_encoding_unsupported', { encoding: encoding.slice(0, 40) }));
      return;
    }
    const overLimit = () => new RequestRefusal(413, tooLarge, { limit: sizeText(limit) });
    if (Number(req.headers['content-length']) > limit) {
      refuse(overLimit());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFailure);
      req.off('close', onFailure);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        refuse(overLimit());
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    // The client went away, or its chunked encoding broke, before the body ended.
    const onFailure = () => {
      done();
      reject(new RequestRefusal(400, 'request_incomplete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFailure);
    req.on('close', onFailure);
  });
}

/** Express middleware: the body, at most `limit` bytes, as a Buffer in `req.body`. */
export function bodyOf(limit: number, tooLarge?: ProblemCode): RequestHandler {
  return (req, res, next) => {
    readBody(req, res, limit, tooLarge).then((bytes) => {
      req.body = bytes;
      next();
    }, next);
  };
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestRefusal(400, 'body_malformed');
  }
}

/** A body as JSON, or a 400 that says it is not (UTF-8 JSON is all the JSON routes accept). */
export function jsonOf(bytes: Buffer): unknown {
  const text = utf8(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestRefusal(400, 'body_malformed');
  }
}

/** The body limit of a tRPC request: its procedures are the path (`/auth.signIn,plan.years`). */
function trpcLimit(url: string): number {
  const path = url.split('?')[0] ?? '';
  let names: string[];
  try {
    names = decodeURIComponent(path).slice(1).split(',');
  } catch {
    return BODY_LIMITS.signIn;
  }
  return names.some((name) => SMALL_PROCEDURES.has(name)) ? BODY_LIMITS.signIn : BODY_LIMITS.trpc;
}

/** A refusal as tRPC answers it: its status as a tRPC code, its problem as `error.data.problem`. */
function asTRPCError(refusal: RequestRefusal): TRPCError {
  const code =
    refusal.status === 413
      ? 'PAYLOAD_TOO_LARGE'
      : refusal.status === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : 'BAD_REQUEST';
  return new TRPCError({ code, message: refusal.message, cause: refusal });
}

/**
 * The tRPC adapter's middleware: reads a call's body within its limit (tRPC reads any size) as
 * UTF-8 text (tRPC would read bytes that are not UTF-8 as U+FFFD), and hands it on as text, which
 * the adapter takes as it is. Input that is not JSON is left to tRPC, which answers 400.
 */
export function trpcInput(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) {
  if (req.method === 'GET' || req.method === 'HEAD') {
    next();
    return;
  }
  readBody(req, res, trpcLimit(req.url ?? '/'))
    .then((bytes) => {
      (req as IncomingMessage & { body?: string }).body = utf8(bytes);
    })
    .then(
      () => next(),
      (error: unknown) => next(error instanceof RequestRefusal ? asTRPCError(error) : error),
    );
}
