/**
 * Browser pages. The survey page is one static file for every link; it reads the token from
 * its own URL. Pages are never cached by intermediaries and never leak the link as a referrer.
 */
import { type Context, Hono } from "hono";

import type { AppEnv } from "../app-env.js";
import { findCampaignByToken } from "../storage/campaigns.js";

const page = (name: string) => async (c: Context<AppEnv>) => {
  c.header("Cache-Control", "no-cache");
  return c.html(await c.var.deps.pages.get(name));
};

export const pageRoutes = new Hono<AppEnv>()
  .get("/", (c) => c.redirect("/dashboard"))
  .get("/login", page("login"))
  // The dashboard's data comes from the API, which checks the session; the page itself holds nothing.
  .get("/dashboard", page("dashboard"))
  .get("/workspace", page("workspace"))
  // Account pages: the link's token travels in the fragment, which the browser never sends here.
  .get("/invitation", page("invitation"))
  .get("/forgot-password", page("forgot-password"))
  .get("/reset-password", page("reset-password"))
  // The staff summary: its link's token is in the fragment too; the page reads it with the API.
  .get("/summary", page("summary"))
  .get("/s/:token", async (c) => {
    const { db, pages } = c.var.deps;
    const token = c.req.param("token");
    const known = token.length <= 64 && (await findCampaignByToken(db, token)) !== undefined;
    c.header("Cache-Control", "no-cache");
    // An unknown link still gets the page (it explains itself), but with an honest status.
    return c.html(await pages.get("survey"), known ? 200 : 404);
  });
