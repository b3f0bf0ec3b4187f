/**
 * Stopping behind a proxy that keeps its connections to the process open (nginx's upstream
 * `keepalive`): a request that is being answered when the process stops taking connections must be
 * the last on its connection. Node answers it with `Connection: keep-alive` and then serves whatever
 * the proxy sends next on that connection, after `server.close()`, until main.ts cuts every
 * connection ten seconds later, in the middle of what it is then answering (a write the proxy, for a
 * POST, may not send elsewhere: the client is told 502 of a write that may have been made).
 */

import { connect, type Socket } from 'node:net';
import { type Db, seededTestDatabase, TEST_ENGINE } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcesses } from '../../../scripts/cluster.js';

let db: Db;
let url: string;

beforeAll(async () => {
  const seeded = await seededTestDatabase();
  db = seeded.db;
  url = TEST_ENGINE === 'postgres' ? seeded.path : `file:${seeded.path}`;
});
afterAll(async () => {
  await db.destroy();
});

/** What arrives on the socket until one whole answer (headers and its Content-Length) is in, or the socket ends. */
function answer(socket: Socket): Promise<{ head: string; ended: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const done = (ended: boolean) => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      resolve({ head: text.split('\r\n\r\n')[0] ?? '', ended });
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const [head, body = ''] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? Number.NaN);
      if (text.includes('\r\n\r\n') && body.length >= length) done(false);
    };
    const onEnd = () => done(true);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
  });
}

const refused = (base: string) =>
  fetch(`${base}/livez`).then(
    () => false,
    () => true,
  );

describe('SIGTERM with a kept-alive connection busy', () => {
  it('answers what it is answering with Connection: close, and serves nothing more on it', async () => {
    const { processes } = await startProcesses({
      databaseUrl: url,
      processes: 1,
      env: { DRAIN_SECONDS: '0' },
    });
    const [server] = processes;
    if (!server) throw new Error('one process');
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /livez HTTP/1.1\r\nHost: tangible\r\n\r\n');
    expect((await answer(socket)).head).toMatch(/^HTTP\/1\.1 200/);

    // A sign-in begun before the signal, whose body is still on its way when the process stops
    // taking connections (at once: DRAIN_SECONDS is 0, the default).
    const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
    socket.write(
      `POST /trpc/auth.signIn HTTP/1.1\r\nHost: tangible\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.kill('SIGTERM');
    while (!(await refused(server.base))) await new Promise((resolve) => setTimeout(resolve, 50));
    const signIn = answer(socket);
    socket.write(body);
    const { head } = await signIn;
    expect(head).toMatch(/^HTTP\/1\.1 401/);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);

    // What a proxy would send next on the connection it kept.
    const next = answer(socket);
    if (!socket.destroyed && socket.writable) socket.write('GET /livez HTTP/1.1\r\nHost: tangible\r\n\r\n');
    expect((await next).ended).toBe(true);
    socket.destroy();
    expect(await server.exit).toBe(0);
  }, 60_000);
});
