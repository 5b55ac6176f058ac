/**
 * A stand-in for an HTTP mail API (the shape lib/mailer.ts httpMailer posts: JSON `{ from, to,
 * subject, text, html }` with `Authorization: Bearer <key>`) on a loopback port: it keeps every
 * mail posted with the right key, answers 401 to any other, and 202 as Resend does.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface PostedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const MAIL_API_KEY = "mail-api-test-key";

export async function startMailApi(): Promise<{
  url: string;
  mails: PostedMail[];
  refused: number;
  close(): Promise<void>;
}> {
  const state = { mails: [] as PostedMail[], refused: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (
        req.method !== "POST" ||
        req.headers.authorization !== `Bearer ${MAIL_API_KEY}` ||
        !String(req.headers["content-type"]).startsWith("application/json")
      ) {
        state.refused++;
        res.writeHead(401).end();
        return;
      }
      state.mails.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as PostedMail);
      res
        .writeHead(202, { "content-type": "application/json" })
        .end(JSON.stringify({ id: String(state.mails.length) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/emails`,
    mails: state.mails,
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
