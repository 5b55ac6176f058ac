/**
 * Sending e-mail, behind one small interface so Node (SMTP, src/node/smtp-mailer.ts) and Workers
 * (an HTTP mail API through fetch, below) share every caller. Without a mailer the app hands the
 * link to the consultant instead (invitations) or to the operator's command line (resets).
 */
import type { MailMessage } from "../domain/mail-texts.js";

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * An HTTP mail API: POSTs `{ from, to, subject, text, html }` as JSON with
 * `Authorization: Bearer <key>` — the shape of Resend's `/emails` and of most relays; anything else
 * takes a small proxy. Any answer but 2xx is an error (its body is not echoed: it may hold the key).
 */
export function httpMailer(options: { url: string; apiKey: string; from: string; fetch?: typeof fetch }): Mailer {
  const send = options.fetch ?? fetch;
  return {
    async send(message) {
      const res = await send(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        }),
      });
      if (!res.ok) throw new Error(`The mail API answered ${res.status}`);
    },
  };
}
