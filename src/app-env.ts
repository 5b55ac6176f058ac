/** What every route can read from the context: the dependencies wired by the entry file. */
import type { MiddlewareHandler } from "hono";
import type { InstrumentRegistry } from "./instruments/registry.js";
import type { Db } from "./storage/database.js";

export interface PageStore {
  /** The HTML of a page in public/, e.g. "survey". */
  get(name: string): Promise<string>;
}

export interface AppDeps {
  db: Db;
  instruments: InstrumentRegistry;
  pages: PageStore;
  /** Injected so tests can move the calendar; defaults to the real clock. */
  now?: () => Date;
  /** Node serves built assets itself; on Workers the platform does. */
  serveStatic?: MiddlewareHandler;
}

export type AppEnv = { Variables: { deps: Required<Omit<AppDeps, "serveStatic">> } };
