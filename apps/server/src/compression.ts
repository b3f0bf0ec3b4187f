/**
 * Compressed answers (the `compression` middleware): brotli when the client accepts it, else gzip
 * (screen answers: gzip first, see gzipFirst),
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

/**
 * A screen's answer is gzip when the client takes gzip, brotli only when it takes brotli alone. For
 * JSON of 40–110 KB gzip (level 6) is within 2–7 % of brotli's size (quality 4) for the same time, but
 * each brotli encoder holds ~0.75 MB where gzip's holds ~0.23 MB; 200 connections on the milestone
 * timeline held 510 MB with brotli against 197 MB uncompressed. The web app's files stay brotli.
 */
function gzipFirst(req: Request): void {
  const accepted = req.headers['accept-encoding'];
  if (typeof accepted !== 'string' || !/\bgzip\b/i.test(accepted)) return;
  req.headers['accept-encoding'] = accepted
    .split(',')
    .filter((part) => !/^\s*br\b/i.test(part))
    .join(',');
}

/** For everything but the CSV exports: tRPC answers, the web app, the rest of /api. */
export function compressAnswers(): RequestHandler {
  const compress = compression({ filter: (req, res) => !underExports(req) && compressible(req, res) });
  return (req, res, next) => {
    if (/^\/(trpc|api)\//i.test(req.originalUrl) && !underExports(req)) gzipFirst(req);
    compress(req, res, next);
  };
}

/** For /api/export: the same negotiation, the fastest settings. */
export function compressExports(): RequestHandler {
  return compression({
    filter: compressible,
    level: 1,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
  });
}
