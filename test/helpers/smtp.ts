/**
 * A real SMTP server on a loopback port (the smtp-server package), for tests that send mail through
 * the product's own SMTP mailer: it requires the login in the URL and keeps every message it
 * receives, decoded enough to read links and names.
 */
import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The raw message with quoted-printable soft breaks and escapes undone (ASCII is enough for links). */
  text: string;
}

const SMTP_USER = "mailer";
const SMTP_PASSWORD = "smtp-test-secret";

function decodeQuotedPrintable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return new TextDecoder().decode(Uint8Array.from(bytes, (ch) => ch.charCodeAt(0) & 0xff));
}

export async function startSmtpServer(): Promise<{
  url: string;
  mails: ReceivedMail[];
  waitFor(to: string, count?: number, containing?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain loopback: no certificate to trust, but the login is still required.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    mails,
    /** The `count`-th mail to `to` (1 = the first) whose text holds `containing`, waiting up to 10 s for it. */
    async waitFor(to, count = 1, containing = "") {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = mails.filter((m) => m.to.includes(to) && m.text.includes(containing));
        if (found.length >= count) return found[count - 1]!;
        if (Date.now() > deadline) throw new Error(`no mail #${count} to ${to} within 10 s (got ${found.length})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link to a page of the app in a mail. */
export function linkIn(mail: ReceivedMail, page: "invitation" | "reset-password"): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s"<>]+/${page}#[\\w-]+`));
  if (!match) throw new Error(`no ${page} link in the mail:\n${mail.text}`);
  return match[0];
}
