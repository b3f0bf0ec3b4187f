/**
 * The sign-in device cookie (OWASP's "device cookie"; the rules: packages/api/src/auth/throttle.ts):
 * a browser that has signed in to an account before shows it, and its failures are then counted
 * on their own instead of with its address's. It opens nothing by itself; it only spares its owner
 * the delays that strangers' guesses cost.
 */

import type { DeviceCookie } from '@tangible/api';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { AuthOptions } from './auth.js';

/** `__Host-` over HTTPS: only this host, over a secure connection, may set it. */
export function deviceCookieName(options: AuthOptions): string {
  return options.secureCookies ? '__Host-tangible_device' : 'tangible_device';
}

/** httpOnly; SameSite=Strict, since only the app's own sign-in form needs to send it. */
export function deviceCookie(req: Request, res: Response, options: AuthOptions): DeviceCookie {
  const name = deviceCookieName(options);
  return {
    token: parseCookie(req.headers.cookie ?? '')[name] ?? null,
    set(token, expiresAt) {
      res.append(
        'Set-Cookie',
        stringifySetCookie(name, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: options.secureCookies,
          expires: expiresAt,
        }),
      );
    },
  };
}
