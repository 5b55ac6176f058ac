/**
 * Every JSON answer the OpenAPI document promises is checked against the very zod schema its route
 * declares: each documented GET with a 200 application/json response is called on the demo data
 * (as the consultant and, where a manager may read it, as the manager) and its body parsed with
 * that schema. The document's response objects are closed (additionalProperties: false), so a
 * field the schema does not name fails as surely as a missing one.
 */
import type { z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { insertNormSet } from "../../src/storage/norm-sets.js";
import { createTestApp, demoLogin, loginCookie, postJson, type TestApp, tokenOf } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
let cookies: Record<"consultant" | "manager", string>;
let ids: { manager: string; invitation: string; normSet: string; instrument: { id: string; version: number } };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedDemo(t.db, t.instruments, t.clock.now);
  cookies = {
    consultant: await loginCookie(t.app, demoLogin(demo, "consultant").email, demoLogin(demo, "consultant").password),
    manager: await loginCookie(t.app, demoLogin(demo, "manager").email, demoLogin(demo, "manager").password),
  };
  const whoIs = async (reader: Reader) =>
    ((await (await get("/api/me", reader)).json()) as { user: { id: string } }).user.id;
  const me = { id: await whoIs("consultant") };
  const manager = await whoIs("manager");
  const invited = await postJson(
    t.app,
    `/api/organisations/${demo.organisationId}/invitations`,
    { email: "new.manager@example.test" },
    { cookie: cookies.consultant },
  );
  expect(invited.status).toBe(201);
  const { link } = (await invited.json()) as { link: string };
  // The demo's three organisations are too few to publish a set through the API: one is stored
  // directly, so that reports, comparisons and the sets' routes answer with their benchmark too.
  const normSet = await insertNormSet(t.db, {
    consultantId: me.id,
    seq: 1,
    madeOn: "2026-03-01",
    entries: demo.rounds
      .filter((r) => r.campaign.status === "closed")
      .map((r, i) => ({
        organisationId: r.campaign.organisationId,
        campaignId: r.campaign.id,
        scores: Object.fromEntries(LEVEL_IDS.map((l) => [l, 50 + i])) as Record<LevelId, number>,
      })),
  });
  if (!normSet) throw new Error("the norm set was not stored");
  ids = {
    manager,
    invitation: tokenOf(link),
    normSet: normSet.id,
    instrument: { id: t.instrument.id, version: t.instrument.version },
  };
}, 60_000);
afterAll(() => t.close());

type Reader = "consultant" | "manager" | null;
const get = (path: string, reader: Reader) =>
  t.app.request(path, reader ? { headers: { cookie: cookies[reader] } } : {});

/** Where each documented route is called, and by whom: every reader the route answers with a 200. */
const calls = (): Record<(typeof ROUTES)[number], [path: string, reader: Reader][]> => {
  const campaign = `/api/campaigns/${demo.campaign.id}`;
  const organisation = `/api/organisations/${demo.organisationId}`;
  const both = (path: string): [string, Reader][] => [
    [path, "consultant"],
    [path, "manager"],
  ];
  return {
    "/healthz": [["/healthz", null]],
    "/api/s/{token}": [[`/api/s/${demo.openRound.token}`, null]],
    "/api/me": both("/api/me"),
    "/api/organisations": both("/api/organisations"),
    "/api/organisations/{id}/trends": both(`${organisation}/trends`),
    "/api/organisations/{id}/invitations": [[`${organisation}/invitations`, "consultant"]],
    "/api/invitations/{token}": [[`/api/invitations/${ids.invitation}`, null]],
    "/api/organisations/{id}/audit": [[`${organisation}/audit`, "consultant"]],
    "/api/campaigns/{id}": both(campaign),
    "/api/campaigns/{id}/quality": [[`${campaign}/quality`, "consultant"]],
    "/api/campaigns/{id}/participation": [
      ...both(`${campaign}/participation`),
      [`/api/campaigns/${demo.openRound.id}/participation`, "consultant"],
    ],
    "/api/campaigns/{id}/report": [
      ...both(`${campaign}/report`),
      ...both(`${campaign}/report?dimension=department`),
      [`${campaign}/report?dimension=role&filter[department]=${encodeURIComponent(firstDepartment())}`, "consultant"],
    ],
    "/api/campaigns/{id}/deletion": [[`${campaign}/deletion`, "consultant"]],
    "/api/organisations/{id}/deletion": [[`${organisation}/deletion`, "consultant"]],
    "/api/users/{id}/deletion": [[`/api/users/${ids.manager}/deletion`, "manager"]],
    "/api/organisations/{id}/retention": [[`${organisation}/retention`, "consultant"]],
    "/api/organisations/{id}/export": [[`${organisation}/export`, "consultant"]],
    "/api/campaigns/{id}/action-plan": both(`${campaign}/action-plan`),
    "/api/campaigns/{id}/staff-invitations": [[`${campaign}/staff-invitations`, "consultant"]],
    "/api/compare": [[`/api/compare?campaigns=${demo.rounds.map((r) => r.campaign.id).join(",")}`, "consultant"]],
    "/api/norm-sets": [["/api/norm-sets", "consultant"]],
    "/api/norm-sets/{id}": [[`/api/norm-sets/${ids.normSet}`, "consultant"]],
    "/api/instruments": [["/api/instruments", "consultant"]],
    "/api/instruments/{id}/{version}": [
      [`/api/instruments/${ids.instrument.id}/${ids.instrument.version}`, "consultant"],
    ],
  };
};
const ROUTES = [
  "/healthz",
  "/api/s/{token}",
  "/api/me",
  "/api/organisations",
  "/api/organisations/{id}/trends",
  "/api/organisations/{id}/invitations",
  "/api/invitations/{token}",
  "/api/organisations/{id}/audit",
  "/api/campaigns/{id}",
  "/api/campaigns/{id}/quality",
  "/api/campaigns/{id}/participation",
  "/api/campaigns/{id}/report",
  "/api/campaigns/{id}/deletion",
  "/api/organisations/{id}/deletion",
  "/api/users/{id}/deletion",
  "/api/organisations/{id}/retention",
  "/api/organisations/{id}/export",
  "/api/campaigns/{id}/action-plan",
  "/api/campaigns/{id}/staff-invitations",
  "/api/compare",
  "/api/norm-sets",
  "/api/norm-sets/{id}",
  "/api/instruments",
  "/api/instruments/{id}/{version}",
];
const firstDepartment = () => demo.campaign.units.department?.[0]?.value ?? "";

/** Each GET route's declared 200 JSON schema, by its documented path. */
function documentedJsonGets(): Map<string, z.ZodType> {
  const routes = new Map<string, z.ZodType>();
  for (const definition of t.app.openAPIRegistry.definitions) {
    if (definition.type !== "route" || definition.route.method !== "get") continue;
    const ok = definition.route.responses[200];
    const media = ok && "content" in ok ? ok.content?.["application/json"] : undefined;
    const schema = media && "schema" in media ? media.schema : undefined;
    if (schema) routes.set(definition.route.path, schema as z.ZodType);
  }
  return routes;
}

describe("every documented JSON answer matches its route's schema", () => {
  it("calls exactly the documented GET routes with a JSON answer", () => {
    expect([...documentedJsonGets().keys()].sort()).toEqual(Object.keys(calls()).sort());
  });

  it("closes every object of those answers: a field no schema names is refused", async () => {
    const doc = (await (await t.app.request("/api/openapi.json")).json()) as OpenApiDocument;
    const open: string[] = [];
    for (const route of documentedJsonGets().keys()) {
      const schema = doc.paths[route]?.get?.responses["200"]?.content?.["application/json"]?.schema;
      openObjects(doc, schema, route, open, new Set());
    }
    expect(open).toEqual([]);
  });

  // The routes' names are known before the demo is seeded; their paths only after.
  it.each(ROUTES)("%s", async (route) => {
    const schema = documentedJsonGets().get(route);
    if (!schema) throw new Error(`${route} is not documented with a 200 JSON answer`);
    const failures: string[] = [];
    for (const [path, reader] of calls()[route] ?? []) {
      const res = await get(path, reader);
      if (res.status !== 200) {
        failures.push(`${path} as ${reader ?? "anyone"}: status ${res.status} ${await res.text()}`);
        continue;
      }
      const parsed = schema.safeParse(await res.json());
      if (!parsed.success)
        failures.push(
          `${path} as ${reader ?? "anyone"}:\n${parsed.error.issues
            .slice(0, 10)
            .map((i) => `  ${i.path.join(".")}: ${i.message}`)
            .join("\n")}`,
        );
    }
    expect(failures.join("\n\n")).toBe("");
  });
});

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface OpenApiDocument {
  paths: Record<
    string,
    { get?: { responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> } } | undefined
  >;
  components: { schemas: Record<string, JsonSchema> };
}

/** Where an object in the schema (components followed) takes properties it does not name. */
function openObjects(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  at: string,
  out: string[],
  seen: Set<string>,
) {
  if (!schema) return;
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    if (seen.has(name)) return;
    seen.add(name);
    return openObjects(doc, doc.components.schemas[name], `${at} → ${name}`, out, seen);
  }
  if (schema.properties && schema.additionalProperties !== false) out.push(at);
  for (const [key, value] of Object.entries(schema.properties ?? {}))
    openObjects(doc, value, `${at}.${key}`, out, seen);
  if (typeof schema.additionalProperties === "object")
    openObjects(doc, schema.additionalProperties, `${at}[*]`, out, seen);
  openObjects(doc, schema.items, `${at}[]`, out, seen);
  for (const [i, s] of [
    ...(schema.prefixItems ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ].entries())
    openObjects(doc, s, `${at}|${i}`, out, seen);
}
