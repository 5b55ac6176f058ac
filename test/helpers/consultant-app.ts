/**
 * A test app with a consultant logged in and one organisation of theirs: what the round tests over
 * HTTP start from. `send` makes a JSON request with the consultant's session.
 */
import { hashPassword } from "../../src/lib/password.js";
import { createUser } from "../../src/storage/accounts.js";
import { createTestApp, loginCookie, postJson, type TestApp } from "./test-app.js";

export interface ConsultantApp {
  t: TestApp;
  cookie: string;
  organisationId: string;
  send(method: string, path: string, body?: unknown): Response | Promise<Response>;
}

export async function consultantApp(email: string, organisation: string): Promise<ConsultantApp> {
  const t = await createTestApp(); // today is 2026-03-10
  await createUser(t.db, email, await hashPassword("Zeilboot-Vuurtoren-31"), "consultant");
  const cookie = await loginCookie(t.app, email, "Zeilboot-Vuurtoren-31");
  const organisationId = (
    await (await postJson(t.app, "/api/organisations", { name: organisation }, { cookie })).json()
  ).id as string;
  const send = (method: string, path: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: { cookie, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { t, cookie, organisationId, send };
}
