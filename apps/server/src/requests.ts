/**
 * What the server reads of a request, and how much: the address (length, %-escapes), and the body,
 * read by one reader with a limit per route. What cannot be read is refused with 400, 413, 414 or
 * 415 and a problem code; a bad request never costs a 500, nor more of a body than its limit.
 */

import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import { IMPORT_MAX_BYTES, type ProblemCode, Refusal } from '@tangible/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const KB = 1024;
const MB = 1024 * KB;

/**
 * How long a client may take to send a request (options of Node's http.createServer, main.ts). A
 * client that trickles its headers or body holds a connection and whatever it has sent so far;
 * past these it is answered 408 and cut. The headers within 20 s (Node's default: 60 s); the whole
 * request, body included, within 120 s (Node's: 300 s), room for a 10 MB import at 1 Mbit/s. Node
 * checks every 5 s (its default: 30 s), so a stalled client is cut at most that much later.
 */
export const REQUEST_TIMEOUTS = {
  headersTimeout: 20_000,
  requestTimeout: 120_000,
  connectionsCheckingInterval: 5_000,
} as const satisfies ServerOptions;

/** Longer addresses are refused with 414 (Node itself answers 431 past its 16 KB of headers). */
export const URL_MAX_LENGTH = 8 * KB;

/** The most of a body each kind of route reads, in bytes (for tRPC, by caller: trpc-input.ts). */
export const BODY_LIMITS = {
  /**
   * A tRPC call from a caller who has not signed in: all they may do is sign in (the rest is read
   * with GET), so a stranger's body costs the server at most this much memory.
   */
  anonymous: 8 * KB,
  /** Signing in: a username and a password (a batch holding a sign-in gets this limit too). */
  signIn: 8 * KB,
  /**
   * A tRPC call from a signed-in caller. The largest valid call of one entry, with the longest note
   * and evidence link in four-byte characters, is about 12 KB; a batch of 20 about 240 KB.
   */
  trpc: 1 * MB,
  /**
   * A signed-in caller's call to a procedure that takes many entries at once (BULK_PROCEDURES). The
   * largest valid one, 500 entries each with the longest note and evidence link in four-byte
   * characters, is about 6 MB (requests.test.ts); the web app's are a few kilobytes.
   */
  bulk: 8 * MB,
  /** A table the web app shows, sent back to be made into CSV (up to 20,000 rows). */
  table: 5 * MB,
  /** A file to import. */
  import: IMPORT_MAX_BYTES,
} as const;

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
 * Stops reading a refused body. Until the answer is sent nothing more is read; then the rest is read
 * and thrown away, so that a client still sending can read the answer (a connection closed on
 * unread data is reset, which can lose the answer). A body that ends within DRAIN_BYTES and DRAIN_MS
 * leaves its connection as HTTP left it, kept alive for the client's next request (cutting it then
 * lost a request the client had already sent on it); past either bound it is cut, so a client
 * streaming gigabytes is not read to the end.
 */
export function stopReading(req: IncomingMessage, res: ServerResponse): void {
  req.pause();
  res.once('finish', () => {
    let drained = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, DRAIN_MS).unref();
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_BYTES) cut();
    };
    req.on('data', onData);
    req.once('end', () => {
      clearTimeout(timer);
      req.off('data', onData);
    });
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

/** A body as UTF-8 text, or a 400 that says it is not. */
export function utf8(bytes: Buffer): string {
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
