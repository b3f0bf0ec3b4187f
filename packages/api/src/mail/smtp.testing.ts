/** A real SMTP server for the mail tests (smtp-server), keeping what it was given, parsed. */

import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  stop(): Promise<void>;
}

/**
 * Starts on `port` (0: any free one). No TLS, no authentication: a loopback test server; with
 * `refuseLogin` it offers AUTH (over plain text) and refuses every login with 535.
 */
export async function startSmtp(port = 0, { refuseLogin = false } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: !refuseLogin,
    allowInsecureAuth: refuseLogin,
    disabledCommands: refuseLogin ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (taken and let go): an SMTP server that is down. */
export async function downPort(): Promise<number> {
  const smtp = await startSmtp();
  await smtp.stop();
  return smtp.port;
}
