/**
 * helmet's headers said once at start (app.ts `helmetHeaders`) are the headers helmet sets on a real
 * answer, and a policy that would set anything per request stops the start instead of being copied.
 */

import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { helmetHeaders } from './app.js';

/** The headers `policy` sets on an answer served by node:http, as a client reads them. */
async function served(policy: RequestHandler): Promise<Record<string, string>> {
  const listener: RequestListener = (req, res) => {
    policy(req as Request, res as Response, () => res.end('ok'));
  };
  const server = createServer(listener).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await res.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of res.headers) headers[name] = value;
    for (const name of ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])
      delete headers[name];
    return headers;
  } finally {
    server.close();
  }
}

describe("helmet's headers said once", () => {
  it.each([
    ['its defaults', {}],
    [
      'a content policy of its own and HSTS',
      {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
        },
        strictTransportSecurity: { maxAge: 31_536_000 },
        xFrameOptions: { action: 'deny' as const },
      },
    ],
  ])('are the headers helmet sets on an answer, with %s', async (_name, options) => {
    const policy = helmet(options);
    const said = Object.fromEntries(
      helmetHeaders(policy).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(Object.keys(said).length).toBeGreaterThan(8);
    expect(said).toEqual(await served(policy));
  });

  it('stop the start when a policy depends on the request', () => {
    const perRequest = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as { locals?: object }).locals}'`],
        },
      },
    });
    expect(() => helmetHeaders(perRequest)).toThrow(/security headers/);
  });

  it('stop the start when a policy goes on later, or with an error', () => {
    expect(() => helmetHeaders((_req, _res, next) => setTimeout(next, 0))).toThrow(/did not go on at once/);
    expect(() => helmetHeaders((_req, _res, next) => next(new Error('no')))).toThrow('no');
    expect(() =>
      helmetHeaders((_req, res, next) => {
        res.removeHeader('Server');
        next();
      }),
    ).toThrow(/remove Server/);
  });
});
