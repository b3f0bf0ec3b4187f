/**
 * The data version between a client and the processes behind a proxy (db change-watch.ts): each
 * answer from a process that watches the database says the version it knows (`X-Data-Version`), and
 * a client that sends back the highest it saw (`X-Data-Version-Seen`) is never answered from an
 * older one, whichever process it reaches: a write's own client reads its write at once.
 */

import type { IncomingMessage } from 'node:http';
import type { Principal } from '@tangible/api';
import { changeWatchOf, type Db } from '@tangible/db';
import type { NextFunction, Request, Response } from 'express';

const VERSION = /^[0-9]{1,18}$/;

/** The version the client says it saw, or null (absent or not a version). */
export function seenDataVersion(req: IncomingMessage): bigint | null {
  // Sent twice, it reads "a, b": not a version.
  const seen = req.headers['x-data-version-seen'];
  return typeof seen === 'string' && VERSION.test(seen) ? BigInt(seen) : null;
}

/**
 * Says the known version on every answer to a signed-in caller, set as its head is written (after a
 * write has observed it). Not to the public view nor to anonymous callers: the version counts every
 * organisation's writes, which is none of theirs.
 */
export function tellDataVersion(db: Db, callerOf: (req: Request) => Promise<Principal>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const watch = changeWatchOf(db);
    if (!watch) return next();
    try {
      if ((await callerOf(req)).kind !== 'user') return next();
    } catch {
      // Said by what answers the request.
      return next();
    }
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      const known = watch.known;
      if (known !== null && !this.headersSent) this.setHeader('X-Data-Version', String(known));
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    next();
  };
}
