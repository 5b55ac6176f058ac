/** The Node server's mailer: SMTP through nodemailer (never imported by the worker). */
import { createTransport } from "nodemailer";

import { httpMailer, type Mailer } from "../lib/mailer.js";

/** Connections kept open to the SMTP server: staff invitations go out this many at a time. */
const SMTP_CONNECTIONS = 8;

/**
 * `url` as nodemailer reads it: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465.
 * Pooled: a list of staff invitations reuses a few open connections instead of a handshake and a
 * login per mail.
 */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: 500 });
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/** The mailer the environment configures: SMTP first, else an HTTP mail API, else none (links are shown instead). */
export function mailerFromEnv(env: {
  SMTP_URL?: string | undefined;
  MAIL_API_URL?: string | undefined;
  MAIL_API_KEY?: string | undefined;
  MAIL_FROM?: string | undefined;
}): Mailer | undefined {
  if (env.SMTP_URL && env.MAIL_FROM) return smtpMailer(env.SMTP_URL, env.MAIL_FROM);
  if (env.MAIL_API_URL && env.MAIL_API_KEY && env.MAIL_FROM)
    return httpMailer({ url: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from: env.MAIL_FROM });
  return undefined;
}
