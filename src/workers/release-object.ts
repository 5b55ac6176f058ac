/**
 * Releases on Workers, in steps (docs/decisions/0010): one Durable Object per round, named by the
 * round's id. Asked to start, it runs the release (services/release.ts, the same code as on Node)
 * for RELEASE_STEP_MS and answers; a round that needs longer goes on at the object's next alarm,
 * one step per invocation, each within the invocation's CPU limit and D1's 1,000 queries. The fold
 * stays in the object's memory between steps. If the object is evicted mid-release its memory is
 * gone: the attempt stays "interrupted" in the file, waits out its back-off, and the cron trigger
 * starts the round again — as a killed Node process would. Nothing of a lost attempt is read.
 */
import type { DurableObjectState } from "@cloudflare/workers-types";
import { z } from "zod";

import { createInstrumentRegistry } from "../instruments/registry.js";
import { createLogger, errorFields } from "../lib/log.js";
import { type SlicedJob, slicedJob } from "../lib/sliced.js";
import { makeRelease, nextTurn, type ReleaseRunner, type RunnerState } from "../services/release.js";
import { findCampaignById } from "../storage/campaigns.js";
import type { StoredRelease } from "../storage/releases.js";
import { logLevelOf, openDatabase, RELEASE_PAGE_REMOTE, releaseStepMs, type WorkerBindings } from "./bindings.js";

const StartBody = z.object({ campaignId: z.string().min(1) });
const StartAnswer = z.object({ state: z.enum(["done", "running", "failed"]) });
const StatusAnswer = z.object({
  running: z.boolean(),
  steps: z.number(),
  begun: z.number(),
  /** The longest step of the last release so far, by the Workers clock (which moves with I/O): at least its CPU time. */
  longestStepMs: z.number(),
});

export type ReleaseStatus = z.infer<typeof StatusAnswer>;

export class ReleaseObject {
  readonly #state: DurableObjectState;
  readonly #env: WorkerBindings;
  #job: SlicedJob<StoredRelease> | null = null;
  /** Whether a step runs now (in a fetch or an alarm). */
  #stepping = false;
  /** The round whose release `#job` makes. */
  #campaignId = "";
  /** Steps the last finished release took: what `/status` says once it is done. */
  #lastSteps = 0;
  /** The longest step of the release under way or the last one, in ms. */
  #longestStepMs = 0;
  /** Releases this object has begun since it was made (one per round, unless one failed and was tried again). */
  #begun = 0;
  /** When the last alarm this object set was due (ms since the epoch). */
  #nextAlarm = 0;

  constructor(state: DurableObjectState, env: WorkerBindings) {
    this.#state = state;
    this.#env = env;
  }

  /** `POST /start {campaignId}`: starts the release unless it runs and answers after its first step. `GET /status`: whether it runs, and its steps. */
  async fetch(request: Request): Promise<Response> {
    await this.#keepGoing();
    if (new URL(request.url).pathname === "/start") {
      const { campaignId } = StartBody.parse(await request.json());
      return Response.json({ state: await this.#start(campaignId) });
    }
    const status: ReleaseStatus = {
      running: this.#job !== null,
      steps: this.#job?.slices ?? this.#lastSteps,
      begun: this.#begun,
      longestStepMs: this.#longestStepMs,
    };
    return Response.json(status);
  }

  /** The next step of the release under way; nothing when the object lost it (evicted). */
  async alarm(): Promise<void> {
    if (this.#job && !this.#stepping) await this.#step(this.#job);
  }

  /**
   * A paused release whose next alarm is lost is "running" but would never go on: any request to
   * the object (a reader, the cron's start) sets the alarm again.
   */
  async #keepGoing(): Promise<void> {
    if (this.#job && !this.#stepping && alarmLost(await this.#state.storage.getAlarm(), Date.now()))
      await this.#setAlarm();
  }

  async #setAlarm(): Promise<void> {
    // Later than the alarm now running: the clock stands still between I/O, and an alarm set to
    // the time of the one that is running is deleted with it when its handler returns.
    this.#nextAlarm = Math.max(Date.now(), this.#nextAlarm + 1);
    await this.#state.storage.setAlarm(this.#nextAlarm);
  }

  #start(campaignId: string): Promise<RunnerState> | RunnerState {
    if (this.#job) return "running";
    const db = openDatabase(this.#env);
    // Set before any await: a second start meanwhile finds it running.
    const job = slicedJob(
      async (turn) => {
        const campaign = await findCampaignById(db, campaignId);
        if (!campaign) throw new Error(`no round ${campaignId} to release`);
        return makeRelease(
          { db, instruments: createInstrumentRegistry(), releasePage: RELEASE_PAGE_REMOTE, turn },
          campaign,
          new Date(),
        );
      },
      { budgetMs: releaseStepMs(this.#env), now: () => Date.now(), between: nextTurn },
    );
    this.#job = job;
    this.#campaignId = campaignId;
    this.#begun++;
    this.#longestStepMs = 0;
    return this.#step(job);
  }

  async #step(job: SlicedJob<StoredRelease>): Promise<RunnerState> {
    this.#stepping = true;
    const began = Date.now();
    const outcome = await job.slice().finally(() => (this.#stepping = false));
    this.#longestStepMs = Math.max(this.#longestStepMs, Date.now() - began);
    if (!outcome.done) {
      await this.#setAlarm();
      return "running";
    }
    this.#job = null;
    this.#lastSteps = job.slices;
    if (!("error" in outcome)) return "done";
    // The attempt's row says why to the consultant (services/release.ts); the log names the error.
    createLogger({ level: logLevelOf(this.#env) }).error("round not released; it is tried again after its back-off", {
      campaignId: this.#campaignId,
      ...errorFields(outcome.error, true),
    });
    return "failed";
  }
}

/** How long past its time a paused release's alarm may be before it counts as lost and is set again. */
export const ALARM_LOST_AFTER_MS = 2_000;

/**
 * Whether the alarm that should take a paused release on is lost: never set (setting it failed), or
 * still pending well past its time. workerd's local alarm scheduler, under load, may run an alarm
 * set during an alarm handler before that handler has returned, and then forgets the alarm the
 * second handler sets, although `getAlarm()` still returns it — seen in 1 of 18 test runs on a
 * loaded 2-core machine. Setting it again (at a new time) schedules it afresh.
 */
export function alarmLost(pending: number | null, now: number): boolean {
  return pending === null || now - pending > ALARM_LOST_AFTER_MS;
}

/** The release runner of the Worker's app (services/release.ts ReleaseRunner): the round's object. */
export function releaseObjects(namespace: NonNullable<WorkerBindings["RELEASES"]>): ReleaseRunner {
  const object = (campaignId: string) => namespace.get(namespace.idFromName(campaignId));
  return {
    async start(campaignId) {
      const res = await object(campaignId).fetch("https://release/start", {
        method: "POST",
        body: JSON.stringify({ campaignId }),
      });
      return StartAnswer.parse(await answerOf(res)).state;
    },
    async running(campaignId) {
      return StatusAnswer.parse(await answerOf(await object(campaignId).fetch("https://release/status"))).running;
    },
  };
}

/** The object's JSON answer; an error it threw is said with its status and text, not as a JSON parse failure. */
async function answerOf(res: { ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }) {
  if (!res.ok) throw new Error(`the release object answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}
