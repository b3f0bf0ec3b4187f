/**
 * A sender in a process of its own, for the test that kills one mid-batch (SIGKILL):
 * `node --import tsx --conditions=source sender-child.testing.ts DATABASE_PATH SMTP_URL`.
 * Sends until the outbox is empty, one message at a time, as a scheduler tick does.
 */

import { openTestDatabase } from '@tangible/db';
import { drainOutbox } from './sender.js';
import { smtpTransport } from './transport.js';

const [path, url] = process.argv.slice(2);
if (!path || !url) throw new Error('usage: sender-child.testing.ts DATABASE_PATH SMTP_URL');
const db = openTestDatabase(path);
const transport = smtpTransport({ url, from: 'tangible@example.org' });
process.stdout.write('ready\n');
await drainOutbox(db, transport, { owner: `child-${process.pid}`, from: 'tangible@example.org', batch: 20 });
transport.close();
await db.destroy();
