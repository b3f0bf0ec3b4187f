/**
 * Compressed answers (the `compression` middleware): brotli when the client accepts it, else gzip,
 * nothing when it asks for neither. A screen's JSON shrinks 6 to 16 times (`pnpm bench:scale`). The
 * web app's scripts and styles are compressed the same way as they are served: they are cached for
 * an hour by name, so precompressing them at build time would save a few milliseconds per visitor
 * and add a second way to serve files.
 *
 * The middleware compresses as the body is written, never holding a whole answer: a CSV export still
 * streams (its first bytes leave while later rows are still being read) and back-pressure still
 * reaches the database. Exports get the fastest settings (brotli quality 1, gzip level 1), which keep
 * most of the saving at a fraction of the time: 530,000 rows went from 109 MB to 8.8 MB for about
 * 12 % more time (csv.ts writes rows in batches; compressed one by one they barely shrink). Streamed
 * answers (server-sent events, JSON lines) are left alone, since a compressor holds back output
 * until its buffer fills, which would delay each message.
 */

import { constants } from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Answers streamed message by message, which must reach the client as each is written. */
const STREAMED = /^(text\/event-stream|application\/jsonl)\b/i;

// Routes match whatever the case (Express's default), so the path is compared the same way.
const underExports = (req: Request) => req.originalUrl.toLowerCase().startsWith('/api/export/');

/** Refusals are sent as they are: they are short, and sent on connections about to be cut (requests.ts). */
function compressible(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  return res.statusCode < 400 && !STREAMED.test(type) && compression.filter(req, res);
}

/** For everything but the CSV exports: tRPC answers, the web app, the rest of /api. */
export function compressAnswers(): RequestHandler {
  return compression({ filter: (req, res) => !underExports(req) && compressible(req, res) });
}

/** For /api/export: the same negotiation, the fastest settings. */
export function compressExports(): RequestHandler {
  return compression({
    filter: compressible,
    level: 1,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
  });
}
