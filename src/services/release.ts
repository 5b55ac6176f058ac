/**
 * Publication: a round's results exist only as its release, made once when the round closes (by
 * hand, or on the day after its closing date) and never changed. While a round runs, nothing but
 * participation can be read, so no two reads differ by one person's answers.
 *
 * Making a release: close the round first (the database then refuses any further response),
 * page through its responses, fold them (domain/release.ts), copy their comments, make and audit
 * the disclosure plan (domain/disclosure-plan.ts), write the figures of the groups it publishes
 * (and of no other), and finally insert the `releases` row. Each step is small, so other requests run
 * between them; and the release is visible only once its row exists, all or nothing.
 */
import { answeredItemsTrials } from "../domain/answered-items.js";
import { calendarDate, type Campaign, publishesBreakdowns, resultsDue } from "../domain/campaign.js";
import { type CellKey, type CountedCell, memberIndex } from "../domain/disclosure.js";
import { planSteps } from "../domain/disclosure-plan.js";
import type { Thresholds } from "../domain/level-bars.js";
import type { LevelId } from "../domain/levels.js";
import { liveGroupsSteps } from "../domain/participation.js";
import {
  answeredByAll,
  createReleaseFold,
  DEFAULT_RELEASE_HEAP_BYTES,
  emptyStats,
  keepAnsweredByAll,
  maxReleaseBytes,
  partiallyAnswered,
  PICK_RULE,
  publishedSteps,
  type ReleaseStats,
  type ReleaseTotals,
  type StoredStability,
} from "../domain/release.js";
import { ATTEMPT_ADVICE } from "../domain/release-attempts.js";
import { completeAlpha, type CompleteSums, mergeComplete } from "../domain/reliability.js";
import { groupOf, levelEvidence } from "../domain/report.js";
import { levelLayout, scaleLayout, scoreResponse, type ScoringKey } from "../domain/scoring.js";
import { seededRandom } from "../domain/seeded-random.js";
import { bootstrapPicks, referencePick, resampled, type Sampled, stabilityShare } from "../domain/stability.js";
import { decodeScore } from "../domain/stored-score.js";
import { departmentLocation } from "../domain/units.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError } from "../lib/api-error.js";
import { defined } from "../lib/invariant.js";
import { randomId } from "../lib/random.js";
import { mapSteps, stepwise } from "../lib/steps.js";
import { listUnreleased, setCampaignStatus } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import {
  beginAttempt,
  failAttempt,
  findAttempt,
  type ReleaseAttempt,
  waitingRounds,
} from "../storage/release-attempts.js";
import {
  completeRelease,
  copyComments,
  deleteReleasedCodes,
  deleteResponses,
  discardAttempt,
  findRelease,
  keepListedComments,
  releasedCodePage,
  releasedResponsePage,
  responsePage,
  type StoredRelease,
  writeGroups,
} from "../storage/releases.js";
import { deleteReleasedInvitations } from "../storage/staff-invitations.js";
import { resolveInstrument } from "./instruments.js";
import { releaseBars } from "./norm-sets.js";

/**
 * Responses read per query on the embedded file, which answers synchronously: fewer queries (each
 * has its fixed cost) against a longer read that holds other requests. 500: a 1,000,000 release
 * took 47.2 s with a longest stall of 39 ms, against 46.2 s and 60 ms with 1,000 (a quiet machine).
 */
export const RELEASE_PAGE = 500;
/** Responses folded between two turns of the event loop: about 10 ms of work. */
const FOLD_PIECE = 250;
/** The longest a piece of the fold runs before other requests get a turn. */
const PIECE_MS = 15;
/** Comments a statement of the embedded file keeps or drops at most while other requests wait. */
const ROWS_PER_STATEMENT = 1000;
/** Raw responses the embedded file deletes per statement after a release (each delete also updates the table's index). */
const DELETE_PAGE = 250;
/**
 * Comments a release keeps or drops per statement: on the embedded file a short statement each;
 * over a network (pages larger than the embedded file's) four pages' worth, so the queries stay few.
 */
const commentsPerStatement = (releasePage: number) =>
  releasePage > RELEASE_PAGE ? releasePage * 4 : ROWS_PER_STATEMENT;

const inFlight = new Map<string, Promise<StoredRelease>>();

/** Whether this process is making a release now (housekeeping that would stall it waits). */
export const releasing = () => inFlight.size > 0;

export interface ReleaseDeps {
  db: Db;
  instruments: InstrumentRegistry;
  /**
   * Responses read per step. On the embedded file (a synchronous driver) small steps keep other
   * requests waiting little; over a network (D1, a libSQL server) large steps keep the number of
   * queries low — D1 allows 1,000 per Worker invocation.
   */
  releasePage?: number;
  /** The most memory the fold may hold (domain/release.ts maxReleaseBytes); past it the release fails as "too_large". */
  releaseBytes?: number;
  /** Where releases are made when not in this process (Workers: a Durable Object per round); by default here. */
  releaseRunner?: ReleaseRunner;
  /** The release's turn between two pieces of work; by default a turn of the event loop (`nextTurn`). */
  turn?: () => Promise<void>;
}

/** What a runner says of a release it was asked to start, once its first slice has run. */
export type RunnerState = "done" | "running" | "failed";

/**
 * Makes releases elsewhere, in slices (src/workers/release-object.ts): a round too large for one
 * Worker invocation is released over several, and a small one within the first.
 */
export interface ReleaseRunner {
  /** Starts the round's release unless it runs, and answers once the first slice has run: "done" (its row exists), "running" (it goes on by itself) or "failed" (its attempt says why). */
  start(campaignId: string): Promise<RunnerState>;
  /** Whether the round's release is being made now. */
  running(campaignId: string): Promise<boolean>;
}

/** A round whose fold would outgrow the heap: its attempt fails with this reason, the server stays up. */
class ReleaseTooLarge extends Error {}

/** The round's release, made now if the round is closed or due and has none yet; null while it runs. */
export async function releaseOf(deps: ReleaseDeps, campaign: Campaign, now: Date): Promise<StoredRelease | null> {
  const existing = await findRelease(deps.db, campaign.id);
  if (existing) return existing;
  if (!resultsDue(campaign, calendarDate(now))) return null;
  // A round whose last attempt made no release waits out its back-off, also for a reader: one that
  // took the process down would otherwise take it down again with every read.
  const attempt = await findAttempt(deps.db, campaign.id);
  if (attempt && attempt.nextAttemptAt > now.toISOString()) {
    // Unless that attempt is the one being made now: in this process a reader waits for it with
    // the first (taken once: one that ends meanwhile is not started again), a runner is asked again later.
    const making = inFlight.get(campaign.id);
    if (making) return explained(deps, campaign, now, making);
    if (await deps.releaseRunner?.running(campaign.id)) throw releaseUnderWay();
    throw releaseRetrying(attempt, now);
  }
  return releaseOrExplain(deps, campaign, now);
}

/** Whether the round's release is being made now: in this process, or by the runner. */
export async function releaseRunning(deps: Pick<ReleaseDeps, "releaseRunner">, campaignId: string): Promise<boolean> {
  return inFlight.has(campaignId) || ((await deps.releaseRunner?.running(campaignId)) ?? false);
}

/** Seconds a reader waits before asking again for a release that a runner is making. */
const UNDER_WAY_RETRY_S = 5;

/** Whether `error` says a runner is making the release now (the round is closed, its release follows). */
export const underWay = (error: unknown): boolean => error instanceof ApiError && error.code === "release_running";

function releaseUnderWay(): ApiError {
  return new ApiError(
    503,
    "release_running",
    "The round is closed and its results are being released; ask again in a few seconds.",
    [{ path: "release", message: "running" }],
    { "Retry-After": String(UNDER_WAY_RETRY_S) },
  );
}

/**
 * `release`, with an attempt that made no release said as a 503 naming why and when the next one
 * starts (the error itself goes along as its cause, for the request log) instead of a bare 500.
 */
export async function releaseOrExplain(deps: ReleaseDeps, campaign: Campaign, now: Date): Promise<StoredRelease> {
  if (deps.releaseRunner) return runElsewhere(deps, deps.releaseRunner, campaign, now);
  return explained(deps, campaign, now, release(deps, campaign, now));
}

/** The release `making` makes, or the 503 that says why its attempt made none (the error as its cause). */
async function explained(
  deps: ReleaseDeps,
  campaign: Campaign,
  now: Date,
  making: Promise<StoredRelease>,
): Promise<StoredRelease> {
  try {
    return await making;
  } catch (error) {
    const attempt = await findAttempt(deps.db, campaign.id);
    if (attempt) throw Object.assign(releaseRetrying(attempt, now), { cause: error });
    throw error;
  }
}

/** `releaseOrExplain` through a runner: the release once its first slice made it, else why not yet. */
async function runElsewhere(
  deps: ReleaseDeps,
  runner: ReleaseRunner,
  campaign: Campaign,
  now: Date,
): Promise<StoredRelease> {
  const state = await runner.start(campaign.id);
  if (state === "running") throw releaseUnderWay();
  const made = await findRelease(deps.db, campaign.id);
  if (made) return made;
  const attempt = await findAttempt(deps.db, campaign.id);
  if (attempt) throw releaseRetrying(attempt, now);
  throw new Error(`the release of round ${campaign.id} ended "${state}" without a release or an attempt`);
}

function releaseRetrying(attempt: ReleaseAttempt, now: Date): ApiError {
  return new ApiError(
    503,
    "release_retrying",
    `${ATTEMPT_ADVICE[attempt.reason].en} Next attempt after ${attempt.nextAttemptAt}.`,
    [{ path: "release", message: attempt.reason }],
    { "Retry-After": String(Math.max(1, Math.ceil((Date.parse(attempt.nextAttemptAt) - now.getTime()) / 1000))) },
  );
}

/** Closes the round (if it is not yet) and makes its release; one attempt at a time per round in this process. */
export function release(deps: ReleaseDeps, campaign: Campaign, now: Date): Promise<StoredRelease> {
  let attempt = inFlight.get(campaign.id);
  if (!attempt) {
    attempt = makeRelease(deps, campaign, now).finally(() => inFlight.delete(campaign.id));
    inFlight.set(campaign.id, attempt);
  }
  return attempt;
}

/**
 * One attempt at the round's release, joining none under way in this process: for a runner, which
 * holds one attempt per round itself (src/workers/release-object.ts). Durable Objects may share an
 * isolate's memory, so an attempt a lost object left paused must never be joined.
 */
export async function makeRelease(
  {
    db,
    instruments,
    releasePage = RELEASE_PAGE,
    releaseBytes = maxReleaseBytes(DEFAULT_RELEASE_HEAP_BYTES),
    turn = nextTurn,
  }: ReleaseDeps,
  campaign: Campaign,
  now: Date,
): Promise<StoredRelease> {
  const existing = await findRelease(db, campaign.id);
  if (existing) return existing;
  // Written down before it starts: an attempt that takes the process down is found on restart and
  // waits out its back-off (domain/release-attempts.ts). The release's own batch clears it.
  await beginAttempt(db, campaign.id, now);
  const instrument = await resolveInstrument(db, instruments, campaign.instrumentId, campaign.instrumentVersion);
  if (!instrument) {
    await failAttempt(db, campaign.id, "instrument_missing");
    throw new Error(`instrument ${campaign.instrumentId} v${campaign.instrumentVersion} is not installed`);
  }
  // From this write on, the database refuses responses to the round: the fold sees all of them.
  if (campaign.status !== "closed") await setCampaignStatus(db, campaign.id, "closed");
  // The request that closed the round has had its turn: the fold begins in one of its own.
  await turn();
  const { key } = instrument;
  const id = randomId();
  // Seeded by the release's own random id: the bootstrap is repeatable for this release, and unpredictable before it.
  const random = seededRandom(id);
  const fold = createReleaseFold(key, random, departmentLocation(campaign.units));
  let respondents = 0;
  try {
    for (let after = ""; ;) {
      const page = await responsePage(db, campaign.id, after, releasePage);
      const lastRow = page.at(-1);
      if (!lastRow) break;
      let piece = performance.now();
      for (const [i, row] of page.entries()) {
        // A large page is folded a piece at a time, other requests let in between: FOLD_PIECE
        // responses, or fewer once PIECE_MS have passed (the first pieces, before the JIT has
        // compiled the fold, or on a busy machine; on Workers the clock stands still and only the count holds).
        if (i > 0 && (i % FOLD_PIECE === 0 || (i % 25 === 0 && performance.now() - piece > PIECE_MS))) {
          await turn();
          piece = performance.now();
        }
        fold.add(
          row,
          row.scores !== null
            ? decodeScore(key, row.scores)
            : scoreResponse(
                key,
                JSON.parse(defined(row.answers, "a response stored without scores keeps its answers")) as Record<
                  string,
                  unknown
                >,
              ),
          // Kept in this form while its cell is small: a large structure's cells hold few people each.
          row.scores ?? undefined,
        );
      }
      if (fold.bytes > releaseBytes)
        throw new ReleaseTooLarge(
          `round ${campaign.id} folds more than ${Math.round(releaseBytes / 1048576)} MB, more than the release's heap holds`,
        );
      const last = lastRow.id;
      // The embedded driver answers synchronously, so awaiting it never lets a waiting request
      // in: give the event loop a turn after each piece of work.
      await turn();
      await copyComments(db, id, campaign.id, after, last, respondents);
      respondents += page.length;
      after = last;
      await turn();
    }
    const { cells, totals } = await stepwise(fold.resultSteps(), turn);
    // The bars are frozen with the release: a later norm set never changes a released diagnosis.
    const thresholds = await releaseBars(db, campaign);
    // Rounds on an open link publish the round as a whole only: k must count people nobody could invent.
    const breakdowns = publishesBreakdowns(campaign);
    // The plan a step at a time (each audit one step), other requests let in between.
    // The counts the round showed while it ran, read last just before it closed, are counts of the
    // same people: the plan audits its groups with them and never leans on their differences.
    const fixed = breakdowns ? await stepwise(liveGroupsSteps(cells, campaign.units, campaign.k), turn) : [];
    const plan = await stepwise(
      planSteps(cells, campaign.units, { k: campaign.k, kComments: campaign.kComments, breakdowns, fixed }),
      turn,
    );
    await turn();
    // What every respondent of the round answered is stored in every group alike (answeredByAll); an
    // item some left open only where its answerers and those who left it open clear the plan (answered-items.ts).
    const keep = answeredByAll(totals);
    const answered = await stepwise(
      answeredItemsTrials(fold.patternCells(), plan, fold.optional, partiallyAnswered(fold.optional, totals, keep)),
      turn,
    );
    const membersOf = memberIndex(cells);
    const published = await stepwise(
      publishedSteps(
        membersOf,
        fold.sumInto,
        plan,
        keep,
        { levels: levelLayout(key), scales: scaleLayout(key) },
        answered,
      ),
      turn,
    );
    const round = defined(plan.groups[0], "a plan's first group is the round");
    for (const group of plan.groups) {
      const stats = published.get(group.key);
      if (!stats) continue;
      const members = membersOf(group.conditions);
      // Alpha of a level whose items someone answered "not applicable": over those who answered all
      // of them, for the round as a whole only (per group, its n or its absence would tell which
      // groups hold an n/a answer), and only when they are at least k. Set before the stability, so
      // the round's own pick reads it; other groups are gated on their published items (publishedGroup).
      const isRound = group.key === round.key;
      if (isRound) {
        // A round of thousands of cells (a large structure) is read between turns.
        const perCell = await stepwise(
          mapSteps(members, (cell) => fold.complete(cell)),
          turn,
        );
        stats.alpha = completeAlpha(
          perCell.reduce<Record<string, CompleteSums>>((acc, sums) => mergeComplete(acc, sums), {}),
          campaign.k,
        );
      }
      if (!resampled(stats.n)) continue;
      stats.stability =
        (await groupStability(
          key,
          stats,
          members,
          fold,
          keep.items,
          { ...totals, answeredOnly: [...answered.everywhere, ...answered.roundOnly] },
          { thresholds, minComplete: isRound ? campaign.k : null },
          random,
          turn,
        )) ?? undefined;
    }
    const roundStats = published.get(round.key);
    await writeGroups(db, id, campaign.id, published);
    for (let after: string | null = ""; after !== null; await turn())
      after = await keepListedComments(db, id, plan, commentsPerStatement(releasePage), after);
    // A round the plan does not publish (fewer than k) keeps no figure at all, not even its totals.
    // The totals carry the round's derived outcomes too (splits, the gate on published items, alpha):
    // portfolios and comparisons read the round from them.
    const kept = roundStats
      ? {
          ...keepAnsweredByAll(totals, keep),
          ...roundStats,
          stability: undefined,
          thresholds,
          answeredOnly: [...answered.everywhere, ...answered.roundOnly],
        }
      : { ...emptyStats(), n: respondents, itemLevels: {} };
    const made: StoredRelease = {
      id,
      campaignId: campaign.id,
      respondents,
      releasedOn: calendarDate(now),
      totals: kept,
      plan,
    };
    if (await completeRelease(db, made)) return made;
  } catch (error) {
    // Nothing of an unfinished attempt is ever read; what it wrote goes, where it still can.
    await discardAttempt(db, id).catch(() => undefined);
    await failAttempt(db, campaign.id, error instanceof ReleaseTooLarge ? "too_large" : "failed").catch(
      () => undefined,
    );
    throw error;
  }
  // Another process completed the release first; its release is the one.
  return defined(await findRelease(db, campaign.id), "the release another process completed");
}

/**
 * A turn of the event loop: waiting requests (their I/O) run, then the release goes on.
 * `setImmediate` (Node, and Workers with `nodejs_compat`) does that without `setTimeout`'s minimum
 * delay of 1 ms, which over a 1M round's thousands of turns was seconds of idling; a runtime
 * without it gets a timer.
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Resamples between two turns of the event loop: a few milliseconds of work (ten resamples of 1,000 at a time kept another request waiting 132 ms at 100k). */
const RESAMPLES_PER_TURN = 4;

/** A published group's bootstrapped pick (domain/stability.ts), giving other requests a turn every few resamples. */
async function groupStability(
  key: ScoringKey,
  stats: ReleaseStats,
  cells: readonly CountedCell[],
  fold: { sample(cell: CellKey): readonly Sampled[] },
  items: ReadonlySet<string>,
  layout: ReleaseTotals,
  { thresholds, minComplete }: { thresholds: Thresholds; minComplete: number | null },
  random: () => number,
  turn: () => Promise<void>,
): Promise<StoredStability | null> {
  const reference = referencePick(levelEvidence(groupOf(stats, layout)), thresholds);
  const picks: (LevelId | null)[] = [];
  const strata = await stepwise(
    mapSteps(cells, (cell) => ({ n: cell.n, sample: fold.sample(cell) })),
    turn,
  );
  for (const pick of bootstrapPicks(key, strata, thresholds, random, { published: items, minComplete })) {
    picks.push(pick);
    if (picks.length % RESAMPLES_PER_TURN === 0) await turn();
  }
  const share = stabilityShare(picks, reference);
  return share === null ? null : { ...thresholds, level: reference, share, rule: PICK_RULE };
}

/**
 * Releases every round that is due: run on a timer (Node), a cron trigger (Workers) and at start.
 * A round that fails does not hold up the others; it is tried again next time.
 */
export async function releaseDue(
  deps: ReleaseDeps,
  now: Date,
): Promise<{ released: StoredRelease[]; failed: { campaignId: string; error: unknown }[]; running: string[] }> {
  const released: StoredRelease[] = [];
  const failed: { campaignId: string; error: unknown }[] = [];
  const running: string[] = [];
  // A round whose last attempt failed, or never ended, waits out its back-off; the others go on.
  const waiting = await waitingRounds(deps.db, now);
  for (const campaign of await listUnreleased(deps.db, calendarDate(now))) {
    if (waiting.has(campaign.id)) continue;
    try {
      released.push(
        deps.releaseRunner
          ? await runElsewhere(deps, deps.releaseRunner, campaign, now)
          : await release(deps, campaign, now),
      );
    } catch (error) {
      // A runner goes on with a large round by itself (src/workers/release-object.ts).
      if (underWay(error)) running.push(campaign.id);
      else failed.push({ campaignId: campaign.id, error });
    }
  }
  return { released, failed, running };
}

/** Queries one call spends at most (three a page of responses, five a page of codes): one cron run that only deletes stays below D1's 1,000. */
const REDUCE_QUERIES = 600;

/**
 * Deletes the raw responses of released rounds, and then their single-use codes, a page at a time:
 * once its release exists, a round's responses are needed by nothing (reports, exports, comparisons and participation all
 * read the release), and a raw response in the file is one person's whole answer. What stays is
 * the release — the published groups' figures, comments with their department at most — and the
 * receipts that let a client's retry still be acknowledged. Run after releasing, on the same schedule.
 */
export async function reduceReleased({ db, releasePage = DELETE_PAGE }: ReleaseDeps): Promise<number> {
  // The release's own batch deletes a round's staff invitations; this catches any left behind.
  await deleteReleasedInvitations(db);
  let deleted = 0;
  let queries = 0;
  for (; queries + 3 <= REDUCE_QUERIES; queries += 3) {
    const page = await releasedResponsePage(db, releasePage);
    if (!page) break;
    await deleteResponses(db, page.campaignId, page.ids);
    deleted += page.ids.length;
    await nextTurn();
  }
  // Then their single-use codes, the same way (storage/releases.ts releasedCodePage).
  for (; queries + 5 <= REDUCE_QUERIES; queries += 5) {
    const page = await releasedCodePage(db, releasePage);
    if (!page) break;
    await deleteReleasedCodes(db, page.campaignId, page.hashes);
    await nextTurn();
  }
  return deleted;
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
