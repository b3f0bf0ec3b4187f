/** From an HTTP request to a Principal, and the session cookie's attributes. */

import { type Principal, resolvePrincipal, SESSION_COOKIE, type SessionCookie } from '@tangible/api';
import type { Db } from '@tangible/db';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

export interface AuthOptions {
  publicDashboard: boolean;
  /** Send the cookie only over HTTPS (on in production). */
  secureCookies: boolean;
}

export function principalOf(db: Db, req: Request, options: AuthOptions): Promise<Principal> {
  const cookies = parseCookie(req.headers.cookie ?? '');
  return resolvePrincipal(db, {
    sessionToken: cookies[SESSION_COOKIE],
    authorization: req.headers.authorization,
    publicDashboard: options.publicDashboard,
    now: new Date(),
  });
}

/** The session cookie: httpOnly (no script reads it), SameSite=Lax, expiring with the session. */
export function sessionCookie(res: Response, options: AuthOptions): SessionCookie {
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: options.secureCookies };
  return {
    set(token, expiresAt) {
      res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, token, { ...base, expires: expiresAt }));
    },
    clear() {
      res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { ...base, expires: new Date(0) }));
    },
  };
}
