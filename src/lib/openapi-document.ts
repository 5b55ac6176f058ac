/**
 * What the OpenAPI document says besides its routes: who made it and under which licence, where
 * the API lives, how a client proves who it is (the session cookie), and what each tag is about.
 * Routes that take no session say so themselves (`security: noSession` or `optionalSession`).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env.js";

/** The session cookie set by logging in (middleware/session.ts): the staff API's one credential. */
const SESSION = "session";

/** A route open to anyone, or credentialed by a token of its own in the path or body. */
export const noSession: Record<string, string[]>[] = [];
/** A route that works with or without a session, and uses it when there is one. */
export const optionalSession: Record<string, string[]>[] = [{}, { [SESSION]: [] }];

const TAGS: { name: string; description: string }[] = [
  { name: "Operations", description: "Whether the service runs, for monitoring" },
  { name: "Respondent", description: "The survey staff answer, by its link: no account, nothing that identifies them" },
  { name: "Auth", description: "Logging in and out, and resetting a forgotten password" },
  {
    name: "Organisations",
    description: "A consultant's client organisations: their rounds, retention, export, audit log",
  },
  { name: "Managers", description: "Inviting an organisation's managers, who then read its results" },
  { name: "Campaigns", description: "Survey rounds: settings, opening and closing, access codes, participation" },
  { name: "Reports", description: "A released round's results, its method quality and an organisation's trends" },
  { name: "Action plans", description: "What a round's readers decide to do, and the summary shared with staff" },
  { name: "Staff invitations", description: "Mailing staff their survey link, and reminders" },
  { name: "Accounts", description: "Deleting an account and what goes with it" },
  { name: "Consultant", description: "Comparing rounds across organisations, and the consultant's norm sets" },
  { name: "Instruments", description: "The questionnaires a round can use, built in or uploaded" },
];

export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>, path: string): void {
  app.openAPIRegistry.registerComponent("securitySchemes", SESSION, {
    type: "apiKey",
    in: "cookie",
    name: SESSION,
    description:
      "Set by POST /api/auth/login; named __Host-session over HTTPS. Every route needs it unless it says otherwise.",
  });
  app.doc31(path, {
    openapi: "3.1.0",
    info: {
      title: "Customer-centricity survey API",
      version: "1",
      description:
        "Anonymous staff surveys on how customer-centric an organisation is, and at which of seven levels change has to start. Results are shown only for groups of at least k respondents.",
      license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
    },
    // Relative: the API is where the document is, whichever address (PUBLIC_URL, a proxy) served it.
    servers: [{ url: "/", description: "The server this document came from" }],
    security: [{ [SESSION]: [] }],
    tags: TAGS,
  });
}
