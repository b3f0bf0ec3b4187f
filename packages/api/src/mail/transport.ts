/**
 * The SMTP connection email goes out through (nodemailer), from the server's settings. nodemailer is
 * loaded with the first message, not with the server: it took a fifth of a cold start (issue 10.5).
 */

import type { Transporter } from 'nodemailer';

/** SMTP_URL, or host/port/user/pass; `from` is the sender's address. */
export interface MailSettings {
  url?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** What the sender needs of a transport: send one message (rejects when the server did not take it), close. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Short timeouts: a message stays leased while it is being sent, and a mail server that hangs must
 * not hold the batch past its lease (nodemailer's defaults wait up to 10 minutes on a silent socket).
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpTransport(settings: MailSettings): MailTransport {
  let transporter: Promise<Transporter> | null = null;
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    return settings.url
      ? nodemailer.createTransport({ url: settings.url, ...TIMEOUTS })
      : nodemailer.createTransport({
          host: settings.host,
          port: settings.port ?? 587,
          ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
          ...TIMEOUTS,
        });
  };
  return {
    async send(mail) {
      // A failed load is not kept: the next message tries again (the failed one waits in the outbox).
      transporter ??= open().catch((error: unknown) => {
        transporter = null;
        throw error;
      });
      await (await transporter).sendMail(mail);
    },
    close: () => {
      // A transport never used has nothing open; one still loading is closed once it is there.
      void transporter?.then(
        (opened) => opened.close(),
        () => {},
      );
    },
  };
}
