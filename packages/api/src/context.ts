/**
 * The context every procedure receives. `createContextInner` holds what does not depend on HTTP, so
 * tests call the router with `createCaller(createContextInner({ db, principal }))`; the server builds
 * it from the request (apps/server/src/app.ts).
 */

import type { Db } from '@tangible/db';
import type { Principal } from './auth/policy.js';

/** What the session procedures need from HTTP: setting and clearing the session cookie. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * The sign-in device cookie (see auth/sign-in.ts): the token this browser presented, if any, and
 * how to give it one after a successful sign-in.
 */
export interface DeviceCookie {
  token: string | null;
  set(token: string, expiresAt: Date): void;
}

export interface ContextOptions {
  db: Db;
  principal?: Principal;
  /** The X-CSRF-Token header of the request (mutations made with a session must carry it). */
  csrfHeader?: string | null;
  /** The client's address, for the sign-in throttle (auth/throttle.ts). */
  clientKey?: string;
  cookie?: SessionCookie;
  device?: DeviceCookie;
  now?: () => Date;
  /**
   * The data version the client was last sent (X-Data-Version-Seen), on PostgreSQL (db
   * change-watch.ts); digits, kept as text (a context must stay JSON: the memo sizes results by it).
   */
  seenDataVersion?: string | null;
  /** Send error stacks to the client (only a server started with NODE_ENV=development). */
  showErrorStacks?: boolean;
}

const noCookie: SessionCookie = { set() {}, clear() {} };
const noDevice: DeviceCookie = { token: null, set() {} };

export function createContextInner(options: ContextOptions) {
  return {
    db: options.db,
    principal: options.principal ?? ({ kind: 'anonymous' } as Principal),
    csrfHeader: options.csrfHeader ?? null,
    clientKey: options.clientKey ?? 'local',
    cookie: options.cookie ?? noCookie,
    device: options.device ?? noDevice,
    now: options.now ?? (() => new Date()),
    showErrorStacks: options.showErrorStacks ?? false,
    seenDataVersion: options.seenDataVersion ?? null,
  };
}

export type Context = ReturnType<typeof createContextInner>;
