/**
 * The bench's mail server: the tests' SMTP server (a real one, smtp-server, login required) in a
 * process of its own, as a mail relay would be on another machine, so parsing 1,000 mails takes
 * no time from the load generator's event loop. Prints `{ url, countUrl }` as one JSON line;
 * GET countUrl answers how many mails arrived, to how many distinct recipients, and how many
 * distinct personal codes (`#code=…`) they carried.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { startSmtpServer } from "../helpers/smtp.js";

const smtp = await startSmtpServer();
const http = createServer((_req, res) => {
  const recipients = new Set(smtp.mails.flatMap((m) => m.to));
  const codes = new Set(smtp.mails.map((m) => m.text.match(/#code=([0-9A-Z-]+)/)?.[1]).filter(Boolean));
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ received: smtp.mails.length, recipients: recipients.size, codes: codes.size }));
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
process.stdout.write(
  `${JSON.stringify({ url: smtp.url, countUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/` })}\n`,
);
process.once("SIGTERM", () => process.exit(0));
