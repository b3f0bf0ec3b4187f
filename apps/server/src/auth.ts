/** From an HTTP request to a Principal, and the session cookie's attributes. */

import type { IncomingMessage } from 'node:http';
import {
  type Credentials,
  can,
  type Permission,
  type Principal,
  Refusal,
  resolvePrincipal,
  type SessionCookie,
  sessionCookieName,
} from '@tangible/api';
import type { Db } from '@tangible/db';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { sendRefusal } from './refusals.js';

export interface AuthOptions {
  publicDashboard: boolean;
  /** Send the cookie only over HTTPS (on in production). */
  secureCookies: boolean;
}

/** What a request brings to say who it is. */
export function credentialsOf(req: IncomingMessage, options: AuthOptions): Credentials {
  const cookies = parseCookie(req.headers.cookie ?? '');
  return {
    // Only the name this server's mode sets: a secure server ignores a cookie set over plain HTTP.
    sessionToken: cookies[sessionCookieName(options.secureCookies)],
    authorization: req.headers.authorization,
    publicDashboard: options.publicDashboard,
    now: new Date(),
  };
}

export function principalOf(db: Db, req: Request, options: AuthOptions): Promise<Principal> {
  return resolvePrincipal(db, credentialsOf(req, options));
}

const resolved = new WeakMap<Request, Promise<Principal>>();

/** principalOf, resolved once per request however often it is asked for (the body limit, the context). */
export function principalOnce(db: Db, req: Request, options: AuthOptions): Promise<Principal> {
  let principal = resolved.get(req);
  if (!principal) {
    principal = principalOf(db, req, options);
    resolved.set(req, principal);
  }
  return principal;
}

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax, expiring with the session, for
 * the whole site (Path=/, no Domain); Secure and `__Host-` named when cookies are secure.
 */
export function sessionCookie(res: Response, options: AuthOptions): SessionCookie {
  const name = sessionCookieName(options.secureCookies);
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: options.secureCookies };
  return {
    set(token, expiresAt) {
      res.append('Set-Cookie', stringifySetCookie(name, token, { ...base, expires: expiresAt }));
    },
    clear() {
      res.append('Set-Cookie', stringifySetCookie(name, '', { ...base, expires: new Date(0) }));
    },
  };
}

/**
 * Express middleware for the HTTP routes outside tRPC: the caller needs `permission` under the one
 * policy (401 without credentials, 403 without the permission), an `org` naming another
 * organisation than the caller's is refused (403), and a POST made with the session cookie must
 * carry the session's CSRF token. The principal is left in `res.locals.principal`.
 */
export function requirePermission(db: Db, options: AuthOptions, permission: Permission) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const principal = await principalOf(db, req, options);
    if (!can(principal, permission)) {
      if (principal.kind === 'user') {
        sendRefusal(res, 403, new Refusal('needs_permission', { permission }));
      } else if (principal.kind === 'anonymous' && principal.badToken) {
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        sendRefusal(res, 401, new Refusal('token_not_valid'));
      } else {
        res.setHeader('WWW-Authenticate', 'Bearer');
        sendRefusal(res, 401, new Refusal('sign_in_or_token'));
      }
      return;
    }
    // A route reads and writes the caller's own organisation's data; naming another is refused.
    const named = typeof req.query.org === 'string' ? req.query.org.trim().toLowerCase() : undefined;
    if (principal.kind === 'user' && named !== undefined && named !== principal.user.organisationCode) {
      sendRefusal(res, 403, new Refusal('other_organisation', { code: named }));
      return;
    }
    if (req.method === 'POST' && principal.kind === 'user' && principal.via === 'session') {
      if (req.get('x-csrf-token') !== principal.csrfToken) {
        sendRefusal(res, 403, new Refusal('csrf_missing'));
        return;
      }
    }
    res.locals.principal = principal;
    next();
  };
}
