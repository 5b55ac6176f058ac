/**
 * Whether `npm start` seeds the demo. The demo has accounts, so seeding it is creating logins:
 * only for a fresh checkout trying the product — the default embedded file, empty — and never in
 * production, on a database elsewhere (a libSQL server, another file), or when switched off
 * (`npm start -- --no-demo`, DEMO=off).
 */

export interface DemoSeedingFacts {
  /** DATABASE_URL as the server uses it, and the default it has when not set. */
  databaseUrl: string;
  defaultDatabaseUrl: string;
  /** No accounts and no organisations yet. */
  empty: boolean;
  /** NODE_ENV=production. */
  production: boolean;
  /** --no-demo or DEMO=off. */
  switchedOff: boolean;
}

export type DemoSeeding =
  { seed: true } | { seed: false; reason: "production" | "switched_off" | "not_default_database" | "not_empty" };

export function demoSeeding(facts: DemoSeedingFacts): DemoSeeding {
  if (facts.production) return { seed: false, reason: "production" };
  if (facts.switchedOff) return { seed: false, reason: "switched_off" };
  if (facts.databaseUrl !== facts.defaultDatabaseUrl) return { seed: false, reason: "not_default_database" };
  if (!facts.empty) return { seed: false, reason: "not_empty" };
  return { seed: true };
}
