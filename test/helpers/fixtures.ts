/**
 * Fixtures the HTTP suites share: a test app on its own database with the demo seeded and its
 * manager and consultant logged in, and accounts made and logged in in one call (a manager of an
 * organisation, optionally scoped; another consultant with a client of their own).
 */
import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation, type Role } from "../../src/storage/accounts.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, demoLogin, loginCookie, type TestApp } from "./test-app.js";

const PASSWORD = "fixture-account-password-1";

/** A new account, granted `organisationId` (scoped when `scope` is given), logged in: its Cookie header. */
export async function accountCookie(
  t: TestApp,
  email: string,
  role: Role,
  organisationId?: string,
  scope?: Record<string, string[]>,
): Promise<{ id: string; cookie: string }> {
  const user = await createUser(t.db, email, await hashPassword(PASSWORD), role);
  if (organisationId) await grantOrganisation(t.db, user.id, organisationId, scope ? JSON.stringify(scope) : null);
  return { id: user.id, cookie: await loginCookie(t.app, email, PASSWORD) };
}

/** Another consultant with a client organisation of their own and that client's manager, logged in. */
export async function rivalConsultant(t: TestApp, prefix = "rival") {
  const consultant = await accountCookie(t, `${prefix}@consult.test`, "consultant");
  const client = await createOrganisation(t.db, `${prefix} client`, consultant.id);
  const manager = await accountCookie(t, `${prefix}-manager@client.test`, "manager", client.id);
  return { consultant: consultant.cookie, manager: manager.cookie, organisationId: client.id };
}

/** A test app on its own database with the demo seeded, and the demo's manager and consultant logged in. */
export async function createDemoApp(options: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp(options);
  const demo: DemoResult = await seedDemo(t.db, t.instruments, t.clock.now);
  const login = (role: "manager" | "consultant") => {
    const { email, password } = demoLogin(demo, role);
    return loginCookie(t.app, email, password);
  };
  return { t, demo, manager: await login("manager"), consultant: await login("consultant") };
}

/**
 * A staff request as a browser on the app's origin sends it (a cookie, JSON), answered as status,
 * headers, raw text and parsed JSON (null when empty).
 */
export function sender(t: { app: TestApp["app"] }) {
  return async (method: string, path: string, cookie?: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: {
        origin: "http://localhost",
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  };
}

/** Every user table's rows as JSON text, by table: what "no table holds it" is checked against. */
export async function tableRows(t: Pick<TestApp, "client">): Promise<Map<string, string>> {
  const names = (
    await t.client.execute(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
  ).rows.map((r) => String(r.name));
  const out = new Map<string, string>();
  for (const name of names) out.set(name, JSON.stringify((await t.client.execute(`select * from "${name}"`)).rows));
  return out;
}
