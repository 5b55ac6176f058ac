/**
 * Rate limits on the respondent routes, per client address and round. Counted only in this
 * process's memory, under keyed hashes of round and address whose secret changes daily
 * (lib/client-keys.ts); nothing of it reaches the database or a log.
 *
 * - A round on an open link takes at most `submissionsPerHour` stored submissions per client per
 *   hour (RESPONDENT_SUBMISSIONS_PER_HOUR): whoever has the link cannot pad a small round with
 *   invented respondents from one place.
 * - A round on codes allows at most 20 failed code checks (unknown or used code) per client per
 *   15 minutes, whether the code is checked before answering or sent with the answers (else the
 *   submission route would be the way round the limit). Its stored submissions are not limited:
 *   each code stores one. A failure is counted once the database has answered: taking a ticket
 *   before would refuse the 21st of many valid codes in flight from one office's address. Failures
 *   in flight at the same moment may pass the 20 by their number; each is one guess of a code.
 *
 * A client whose address is unknown is not limited: there is nothing to tell it apart by, and one
 * shared budget for all such clients would let one of them lock out the rest.
 */
import type { Campaign } from "../domain/campaign.js";
import { ApiError, tooManyRequests } from "../lib/api-error.js";
import { createClientKeys } from "../lib/client-keys.js";
import { clientNetwork } from "../lib/client-network.js";
import { createRateLimiter, type RateLimiter } from "../lib/rate-limit.js";

export const DEFAULT_SUBMISSIONS_PER_HOUR = 25;
const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;
export const MAX_CODE_FAILURES = 20;
export const CODE_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** "duplicate": this submissionId was stored before (a retry); it is not counted again. */
type SubmissionOutcome = "stored" | "duplicate";

export interface RespondentLimits {
  /**
   * Runs `store` within the client's budget for the round. Over budget, a submission that
   * `storedBefore` says was stored already is a "duplicate" (its 201 stands); anything else is a
   * 429 and `store` does not run.
   */
  submit(
    campaign: Campaign,
    client: string | undefined,
    now: Date,
    store: () => Promise<SubmissionOutcome>,
    storedBefore: () => Promise<boolean>,
  ): Promise<SubmissionOutcome>;
  /** Runs `check` (the check of a code before answering) within the client's budget of failed codes for the round. */
  checkCode(campaign: Campaign, client: string | undefined, now: Date, check: () => Promise<void>): Promise<void>;
}

export function createRespondentLimits(options: { submissionsPerHour: number; maxKeys?: number }): RespondentLimits {
  const maxKeys = options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {};
  const submissions = createRateLimiter({
    limit: options.submissionsPerHour,
    windowMs: SUBMISSION_WINDOW_MS,
    ...maxKeys,
  });
  const codeFailures = createRateLimiter({ limit: MAX_CODE_FAILURES, windowMs: CODE_FAILURE_WINDOW_MS, ...maxKeys });
  // A new secret makes every key counted so far unreachable: drop them (and the budgets they held) at once.
  const keys = createClientKeys(() => {
    submissions.clear();
    codeFailures.clear();
  });

  const keyOf = (campaign: Campaign, client: string, nowMs: number) =>
    // The round's id is a UUID: the line break cannot occur in it, so no two pairs make one text.
    keys.keyOf(`${campaign.id}\n${clientNetwork(client)}`, nowMs);

  /**
   * Runs `run` while the client has failed codes to spare, and counts one when it fails with an
   * unknown or used code. Counted after, not before: a valid code costs nothing, even in flight.
   */
  async function withinCodeFailures<T>(
    campaign: Campaign,
    client: string,
    now: Date,
    run: () => Promise<T>,
    refused: (retryAfterMs: number) => Promise<T>,
  ): Promise<T> {
    const nowMs = now.getTime();
    const key = keyOf(campaign, client, nowMs);
    const room = codeFailures.room(key, nowMs);
    if (!room.allowed) return refused(room.retryAfterMs);
    try {
      return await run();
    } catch (error) {
      if (isCodeFailure(error)) codeFailures.take(key, nowMs);
      throw error;
    }
  }

  /**
   * Takes one event from `limiter` before `run` starts, so concurrent requests cannot all slip
   * under the limit; gives it back unless `counts` says the result is what is being limited.
   */
  async function within<T>(
    limiter: RateLimiter,
    campaign: Campaign,
    client: string,
    now: Date,
    run: () => Promise<T>,
    counts: (result: { value: T } | { error: unknown }) => boolean,
    refused: (retryAfterMs: number) => Promise<T>,
  ): Promise<T> {
    const nowMs = now.getTime();
    const taken = limiter.take(keyOf(campaign, client, nowMs), nowMs);
    if (!taken.allowed) return refused(taken.retryAfterMs);
    let value: T;
    try {
      value = await run();
    } catch (error) {
      if (!counts({ error })) limiter.refund(taken.ticket);
      throw error;
    }
    if (!counts({ value })) limiter.refund(taken.ticket);
    return value;
  }

  return {
    submit(campaign, client, now, store, storedBefore) {
      // Unknown address: not limited (see the top of this file).
      if (!client) return store();
      const open = !campaign.requireCode;
      const refused = async (retryAfterMs: number): Promise<SubmissionOutcome> => {
        // A retry of a submission stored before keeps its 201, whatever the budget.
        if (await storedBefore()) return "duplicate";
        throw open ? tooManySubmissions(retryAfterMs) : tooManyCodes(retryAfterMs);
      };
      if (!open) return withinCodeFailures(campaign, client, now, store, refused);
      return within(
        submissions,
        campaign,
        client,
        now,
        store,
        (result) => "value" in result && result.value === "stored",
        refused,
      );
    },
    async checkCode(campaign, client, now, check) {
      if (!client) return check();
      await withinCodeFailures(campaign, client, now, check, (retryAfterMs) => {
        throw tooManyCodes(retryAfterMs);
      });
    },
  };
}

/** An unknown or used code (services/access-codes.ts); a missing one is no guess and does not count. */
const isCodeFailure = (error: unknown) =>
  error instanceof ApiError && (error.code === "invalid_code" || error.code === "code_used");

const tooManySubmissions = (retryAfterMs: number) =>
  tooManyRequests(
    "too_many_requests",
    "Too many responses to this survey came from your network in the last hour; yours is not stored.",
    retryAfterMs / 1000,
  );

const tooManyCodes = (retryAfterMs: number) =>
  tooManyRequests(
    "too_many_requests",
    "Too many access codes that do not work were tried for this survey from your network.",
    retryAfterMs / 1000,
  );
