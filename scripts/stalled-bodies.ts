/**
 * Figures, not assertions: what strangers' stalled bodies cost the server. Starts the server
 * (apps/server/src/main.ts, its own process, a fresh database), then CONNECTIONS connections, none
 * signed in, each declare a body of BYTES bytes to PATH, send all of it but the last 10 bytes, and
 * stall. Prints the server's resident memory before and after, and how many were answered.
 * CONNECTIONS=40 BYTES=8388598 PATH=/trpc/plan.years node --import tsx --conditions=source scripts/stalled-bodies.ts
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 40);
const BYTES = Number(process.env.BYTES ?? 8 * 1024 * 1024 - 10);
const PATH = process.env.PATH_TO ?? '/trpc/plan.years';

const residentMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(join(tmpdir(), 'tangible-stalled-'));
const server = spawn(
  process.execPath,
  ['--import', 'tsx', '--conditions=source', 'apps/server/src/main.ts'],
  {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'db.sqlite')}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const port = await new Promise<number>((resolve) => {
  let text = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const url = /"url":"http:\/\/[^:]+:(\d+)"/.exec(text)?.[1];
    if (url) resolve(Number(url));
  });
});
await pause(1000);
const pid = server.pid ?? 0;
const before = residentMb(pid);

let answered = 0;
const sockets: Socket[] = [];
const body = Buffer.alloc(BYTES - 10, 0x20);
for (let i = 0; i < CONNECTIONS; i++) {
  const socket = connect(port, '127.0.0.1');
  socket.on('data', () => {
    answered += 1;
    socket.removeAllListeners('data');
  });
  socket.on('error', () => {});
  socket.write(
    `POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${BYTES}\r\n\r\n`,
  );
  socket.write(body);
  sockets.push(socket);
}
await pause(5000);
const after = residentMb(pid);
console.log(
  `${CONNECTIONS} stalled bodies of ${BYTES.toLocaleString('en')} bytes to ${PATH}: server memory ` +
    `${before.toFixed(0)} MB → ${after.toFixed(0)} MB; ${answered} of ${CONNECTIONS} answered within 5 s`,
);
for (const socket of sockets) socket.destroy();
server.kill('SIGTERM');
