/**
 * Publication: a round's results exist only as its release, made once when the round closes (by
 * hand, or on the day after its closing date) and never changed. While a round runs, nothing but
 * participation can be read, so no two reads differ by one person's answers.
 *
 * Making a release: close the round first (the database then refuses any further response),
 * page through its responses, fold them (domain/release.ts), copy their comments, write the
 * cells, and finally insert the `releases` row. Each step is small, so other requests run
 * between them; and the release is visible only once its row exists, all or nothing.
 */
import { availability, calendarDate, type Campaign } from "../domain/campaign.js";
import { createReleaseFold } from "../domain/release.js";
import { scoreResponse } from "../domain/scoring.js";
import { decodeScore } from "../domain/stored-score.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError } from "../lib/api-error.js";
import { randomId } from "../lib/random.js";
import { listUnreleased, setCampaignStatus } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { completeRelease, copyComments, findRelease, responsePage, writeCells, type StoredRelease } from "../storage/releases.js";
import { resolveInstrument } from "./instruments.js";

/** Responses read per step: about 10 ms of work between two turns of the event loop. */
export const RELEASE_PAGE = 250;

/** Whether a round's results are due: it was closed by hand, or its closing date has passed. */
export const resultsDue = (campaign: Campaign, today: string) => availability(campaign, today) === "closed" && campaign.status !== "draft";

const inFlight = new Map<string, Promise<StoredRelease>>();

/** The round's release, made now if the round is closed or due and has none yet; null while it runs. */
export async function releaseOf(db: Db, instruments: InstrumentRegistry, campaign: Campaign, now: Date): Promise<StoredRelease | null> {
  const existing = await findRelease(db, campaign.id);
  if (existing) return existing;
  if (!resultsDue(campaign, calendarDate(now))) return null;
  return release(db, instruments, campaign, now);
}

/** Closes the round (if it is not yet) and makes its release; one attempt at a time per round in this process. */
export function release(db: Db, instruments: InstrumentRegistry, campaign: Campaign, now: Date): Promise<StoredRelease> {
  let attempt = inFlight.get(campaign.id);
  if (!attempt) {
    attempt = makeRelease(db, instruments, campaign, now).finally(() => inFlight.delete(campaign.id));
    inFlight.set(campaign.id, attempt);
  }
  return attempt;
}

async function makeRelease(db: Db, instruments: InstrumentRegistry, campaign: Campaign, now: Date): Promise<StoredRelease> {
  const existing = await findRelease(db, campaign.id);
  if (existing) return existing;
  // From this write on, the database refuses responses to the round: the fold sees all of them.
  if (campaign.status !== "closed") await setCampaignStatus(db, campaign.id, "closed");
  const instrument = await resolveInstrument(db, instruments, campaign.instrumentId, campaign.instrumentVersion);
  if (!instrument) throw new Error(`instrument ${campaign.instrumentId} v${campaign.instrumentVersion} is not installed`);
  const { key } = instrument;
  const fold = createReleaseFold(key);
  const id = randomId();
  let respondents = 0;
  for (let after = ""; ; ) {
    const page = await responsePage(db, campaign.id, after, RELEASE_PAGE);
    if (page.length === 0) break;
    for (const row of page) fold.add(row, row.scores !== null ? decodeScore(key, row.scores) : scoreResponse(key, JSON.parse(row.answers!) as Record<string, unknown>));
    const last = page[page.length - 1]!.id;
    await nextTurn();
    await copyComments(db, id, campaign.id, after, last);
    respondents += page.length;
    after = last;
    // The embedded driver answers synchronously, so awaiting it never lets a waiting request in:
    // give the event loop a turn between pages.
    await nextTurn();
  }
  const { cells, totals } = fold.result();
  await writeCells(db, id, campaign.id, cells);
  const made: StoredRelease = { id, campaignId: campaign.id, respondents, releasedOn: calendarDate(now), totals };
  if (await completeRelease(db, made)) return made;
  // Another process completed the release first; its release is the one.
  return (await findRelease(db, campaign.id))!;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Releases every round that is due: run on a timer (Node), a cron trigger (Workers) and at start. */
export async function releaseDue(db: Db, instruments: InstrumentRegistry, now: Date): Promise<StoredRelease[]> {
  const made: StoredRelease[] = [];
  for (const campaign of await listUnreleased(db, calendarDate(now))) made.push(await release(db, instruments, campaign, now));
  return made;
}

/** The refusal of every results route while a round runs: it says when results come, and why only then. */
export function notReleased(campaign: Campaign): ApiError {
  const when = campaign.closesOn ? ` (after ${campaign.closesOn})` : "";
  return new ApiError(
    409,
    "results_not_released",
    `Results appear when the round closes${when}. Until then only participation is shown: a figure that changed between two reads would show the answers of whoever responded in between.`,
    [{ path: "status", message: campaign.status }],
  );
}
