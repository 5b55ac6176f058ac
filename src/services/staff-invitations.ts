/**
 * Inviting staff of a round on codes by e-mail, and reminding them. Each address gets a fresh
 * single-use code (issued through the round's lifecycle, so a round takes codes only while it runs
 * and before any answer without one) in the fragment of its personal link.
 *
 * "reminders" mode keeps, per invitation and until the round's release, only a keyed hash of the
 * address, the code's hash and the code sealed under a key that needs the address and the server's
 * secret; a reminder recomputes the key from the pasted address, mails the same link again only if
 * the code is unused, and at most the round's maximum times. "no_tracking" keeps nothing per
 * address: the list is used once, and a reminder goes to every address pasted with a thank-you for
 * those who answered. The response never carries the code or anything derived from it.
 */
import type { AppDeps } from "../app-env.js";
import type { Campaign } from "../domain/campaign.js";
import type { MailMessage } from "../domain/mail-texts.js";
import {
  emptyCounts,
  type InvitationMode,
  type MailLanguages,
  MAX_ADDRESSES_PER_REQUEST,
  parseAddressList,
  personalLink,
  type RoundForMail,
  type SendCounts,
  staffInvitationMail,
  staffReminderMail,
  staffReminderToAllMail,
} from "../domain/staff-invitations.js";
import { ApiError } from "../lib/api-error.js";
import { at, defined } from "../lib/invariant.js";
import type { InvitationKeys } from "../lib/invitation-keys.js";
import { surveyUrl } from "../lib/links.js";
import type { Mailer } from "../lib/mailer.js";
import {
  invitationCount,
  invitationRound,
  type InvitationRoundState,
  type InvitationRow,
  invitationsForReminder,
  invitedKeys,
  recordInvitations,
  recordReminders,
  remindersSentTotal,
} from "../storage/staff-invitations.js";
import { codeHash } from "./access-codes.js";
import { audit, auditRecord } from "./audit.js";
import { assertCodesWithinHeadcount, assertRunning, issueRoundCodes, type LifecycleDeps } from "./lifecycle.js";

export type StaffInvitationDeps = LifecycleDeps &
  Pick<Required<AppDeps>, "now"> & { mailer: Mailer | null; invitationKeys: InvitationKeys };

/** Mails in flight at once: the SMTP pool's connections (src/node/smtp-mailer.ts). */
const SEND_CONCURRENCY = 8;

/** Addresses issued, recorded and mailed together (see inviteStaff). */
const INVITATION_SLICE = 100;

const mailNotConfigured = () =>
  new ApiError(
    409,
    "mail_not_configured",
    "Inviting staff by e-mail needs mail (SMTP_URL or MAIL_API_URL). Without it, print the round's code sheet or cards with QR codes instead.",
  );

const roundNotOpen = () =>
  new ApiError(
    409,
    "round_not_open",
    "Open the round first: staff can only answer an open round, so invitations go out once it is open.",
  );

/**
 * Mails started per second at most, across a whole invitation or reminder run. A send is bulk work
 * beside staff who are answering: unpaced against a fast (local) SMTP server it took the Node
 * process's whole CPU for its five seconds and submissions' median latency rose fourfold. At 50 a
 * second, 1,000 invitations take 20 s (the target is under a minute) and leave most of the event
 * loop to submissions; against a slow relay the 8 connections keep the rate up.
 */
const MAILS_PER_SECOND = 50;

/** Paces mail starts to `perSecond`, shared by every sendAll of one run (a run sends in slices). */
export function mailPacer(perSecond = MAILS_PER_SECOND): () => Promise<void> {
  let next = 0;
  return async () => {
    const now = Date.now();
    const startAt = Math.max(now, next);
    next = startAt + 1000 / perSecond;
    if (startAt > now) await new Promise((r) => setTimeout(r, startAt - now));
  };
}

/** Sends `messages` with at most `limit` in flight, each started when `pace` lets it; counts what went and what failed (never which). */
export async function sendAll(
  mailer: Mailer,
  messages: readonly MailMessage[],
  pace: () => Promise<void> = mailPacer(),
  limit = SEND_CONCURRENCY,
): Promise<{ sent: number; failed: number; sentIndexes: number[] }> {
  // One queue for all workers: each takes the next message when it is free.
  const queue = messages.entries();
  let failed = 0;
  const sentIndexes: number[] = [];
  const worker = async () => {
    for (const [i, message] of queue) {
      await pace();
      try {
        await mailer.send(message);
        sentIndexes.push(i);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, messages.length) }, worker));
  return { sent: sentIndexes.length, failed, sentIndexes };
}

/** The list, read; 400 with the reason when nothing can be sent (nothing is written then). */
function readList(list: string) {
  const parsed = parseAddressList(list);
  if (parsed.tooMany) {
    throw new ApiError(
      400,
      "too_many_addresses",
      `At most ${MAX_ADDRESSES_PER_REQUEST} addresses per request; split the list.`,
      [{ path: "list", message: `${parsed.addresses.length} addresses` }],
    );
  }
  if (parsed.addresses.length === 0) {
    throw new ApiError(400, "no_addresses", "The list holds no valid e-mail address.", [
      {
        path: "list",
        message: parsed.invalidLines.length
          ? `no valid address; invalid on lines ${parsed.invalidLines.slice(0, 20).join(", ")}`
          : "empty",
      },
    ]);
  }
  return parsed;
}

async function runningForMail(deps: StaffInvitationDeps, campaign: Campaign): Promise<Mailer> {
  if (!deps.mailer) throw mailNotConfigured();
  if (campaign.status === "draft") throw roundNotOpen();
  return deps.mailer;
}

export interface InviteInput {
  campaign: Campaign;
  organisation: string;
  actorId: string;
  mode: InvitationMode;
  languages: MailLanguages;
  maxReminders: number;
  list: string;
  baseUrl: string;
}

export interface SendResult {
  counts: SendCounts;
  invalidLines: number[];
}

const roundRef = (campaign: Campaign) => ({ campaignId: campaign.id, title: campaign.title });
const forMail = (campaign: Campaign, organisation: string): RoundForMail => ({
  organisation,
  title: campaign.title,
  closesOn: campaign.closesOn,
});

export async function inviteStaff(deps: StaffInvitationDeps, input: InviteInput): Promise<SendResult> {
  const { campaign } = input;
  const parsed = readList(input.list);
  const mailer = await runningForMail(deps, campaign);
  const existing = await invitationRound(deps.db, campaign.id);
  if (existing && existing.mode !== input.mode) {
    throw new ApiError(
      409,
      "mode_fixed",
      `This round's staff were invited in "${existing.mode}" mode; later invitations use the same mode.`,
      [{ path: "mode", message: existing.mode }],
    );
  }
  const counts = {
    ...emptyCounts(),
    addresses: parsed.addresses.length,
    invalid: parsed.invalidLines.length,
    duplicates: parsed.duplicates,
  };
  let addresses = parsed.addresses;
  const keys = new Map<string, string>();
  if (input.mode === "reminders") {
    for (const a of addresses) keys.set(a, await deps.invitationKeys.addressKey(campaign.id, a));
    const already = await invitedKeys(deps.db, campaign.id, [...keys.values()]);
    addresses = [...keys].flatMap(([address, key]) => (already.has(key) ? [] : [address]));
    counts.alreadyInvited = parsed.addresses.length - addresses.length;
  }
  if (addresses.length === 0) return { counts, invalidLines: parsed.invalidLines };
  // The whole list fits the round's headcount, or nothing is sent: not half a list.
  await assertCodesWithinHeadcount(deps, campaign, addresses.length);

  const round = forMail(campaign, input.organisation);
  const settings = {
    mode: existing?.mode ?? input.mode,
    languages: input.languages,
    maxReminders: existing?.maxReminders ?? input.maxReminders,
  };
  const pace = mailPacer();
  let sent = 0;
  let failed = 0;
  // In slices: each slice's codes, rows and mails before the next. On Node the embedded database
  // answers synchronously, so issuing and recording 1,000 at once held every other request (a
  // submission) for over 100 ms; a slice's writes take a tenth of that, and mails start sooner.
  for (let from = 0; from < addresses.length; from += INVITATION_SLICE) {
    const slice = addresses.slice(from, from + INVITATION_SLICE);
    let codes: string[];
    try {
      // One fresh code per address, through the lifecycle: refused for a closed round, or one that took answers without codes.
      codes = await issueRoundCodes(
        deps,
        campaign,
        slice.length,
        auditRecord(deps, input.actorId, campaign.organisationId, {
          action: "codes_issued",
          detail: { ...roundRef(campaign), count: slice.length },
        }),
      );
    } catch (error) {
      // Refused before anything was sent: the request fails as a whole. Later (the round closed
      // meanwhile), what was sent stands and the rest is counted as failed.
      if (from === 0) throw error;
      failed += addresses.length - from;
      break;
    }
    const invitees = slice.map((address, i) => ({ address, code: at(codes, i, "codes, one per address") }));
    const rows: InvitationRow[] = [];
    if (input.mode === "reminders") {
      for (const { address, code } of invitees) {
        rows.push({
          addressKey: defined(keys.get(address), "in reminders mode every address has its key"),
          // The code's hash as access_codes stores it, so a reminder can ask whether it is used.
          codeHash: codeHash(campaign.id, code),
          sealedCode: await deps.invitationKeys.seal(campaign.id, address, code),
          language: input.languages,
        });
      }
    }
    // Stored before sending, so a reminder can reach everyone a mail may have reached.
    await recordInvitations(deps.db, campaign.id, settings, slice.length, rows);
    const messages = invitees.map(({ address: to, code }) =>
      staffInvitationMail({
        to,
        round,
        link: personalLink(input.baseUrl, campaign.token, code),
        languages: input.languages,
      }),
    );
    // The codes and the list leave memory with this function; only counts go on.
    const result = await sendAll(mailer, messages, pace);
    sent += result.sent;
    failed += result.failed;
  }
  counts.sent = sent;
  counts.failed = failed;
  await audit(deps, input.actorId, campaign.organisationId, {
    action: "staff_invited",
    detail: {
      ...roundRef(campaign),
      mode: input.mode,
      sent,
      failed,
      invalid: counts.invalid,
      duplicates: counts.duplicates,
    },
  });
  return { counts, invalidLines: parsed.invalidLines };
}

export interface RemindInput {
  campaign: Campaign;
  organisation: string;
  actorId: string;
  list: string;
  baseUrl: string;
}

/**
 * A reminder run. Reminders mode: the pasted list must hold every invited address (a reminder goes
 * to the whole round at once, so its counts say no more than participation does about any one
 * person), and only unused codes under their maximum are mailed, with the same link. No tracking:
 * every address pasted, with a thank-you and no code, at most the round's maximum runs.
 */
export async function remindStaff(deps: StaffInvitationDeps, input: RemindInput): Promise<SendResult> {
  const { campaign } = input;
  const parsed = readList(input.list);
  const mailer = await runningForMail(deps, campaign);
  const state = await invitationRound(deps.db, campaign.id);
  if (!state) throw new ApiError(409, "not_invited", "Nobody was invited to this round by e-mail: invite staff first.");
  // Never after closing (a round past its closing date is released on the way).
  await assertRunning(deps, campaign);
  const counts = {
    ...emptyCounts(),
    addresses: parsed.addresses.length,
    invalid: parsed.invalidLines.length,
    duplicates: parsed.duplicates,
  };
  const round = forMail(campaign, input.organisation);

  if (state.mode === "no_tracking") {
    if (state.reminders >= state.maxReminders) throw reminderLimit(state);
    const link = surveyUrl(input.baseUrl, campaign.token);
    const { sent, failed } = await sendAll(
      mailer,
      parsed.addresses.map((to) => staffReminderToAllMail({ to, round, surveyLink: link, languages: state.languages })),
    );
    counts.sent = sent;
    counts.failed = failed;
    await recordReminders(
      deps.db,
      campaign.id,
      [],
      auditRecord(deps, input.actorId, campaign.organisationId, {
        action: "staff_reminded",
        detail: { ...roundRef(campaign), mode: state.mode, sent, failed },
      }),
    );
    return { counts, invalidLines: parsed.invalidLines };
  }

  const keyed: { address: string; key: string }[] = [];
  for (const address of parsed.addresses)
    keyed.push({ address, key: await deps.invitationKeys.addressKey(campaign.id, address) });
  const found = await invitationsForReminder(
    deps.db,
    campaign.id,
    keyed.map((k) => k.key),
  );
  counts.notInvited = parsed.addresses.length - found.size;
  const invited = await invitationCount(deps.db, campaign.id);
  if (found.size < invited) {
    throw new ApiError(
      422,
      "incomplete_list",
      `A reminder goes to everyone invited at once: paste the whole list you invited. ${invited - found.size} of the ${invited} invited addresses are not on this list.`,
      [{ path: "list", message: `${invited - found.size} invited addresses missing` }],
    );
  }
  const messages: MailMessage[] = [];
  const messageKeys: string[] = [];
  for (const { address, key } of keyed) {
    const invitation = found.get(key);
    if (!invitation) continue;
    if (invitation.used) {
      counts.answered++;
      continue;
    }
    if (invitation.remindersSent >= state.maxReminders) {
      counts.limitReached++;
      continue;
    }
    const code = await deps.invitationKeys.unseal(campaign.id, address, invitation.sealedCode);
    if (!code) {
      // Sealed under another secret (INVITATION_KEY_SECRET changed, or a development process restarted).
      counts.failed++;
      continue;
    }
    messages.push(
      staffReminderMail({
        to: address,
        round,
        link: personalLink(input.baseUrl, campaign.token, code),
        languages: invitation.language,
      }),
    );
    messageKeys.push(invitation.addressKey);
  }
  const { sent, failed, sentIndexes } = await sendAll(mailer, messages);
  counts.sent = sent;
  counts.failed += failed;
  await recordReminders(
    deps.db,
    campaign.id,
    sentIndexes.map((i) => at(messageKeys, i, "a key per message")),
    auditRecord(deps, input.actorId, campaign.organisationId, {
      action: "staff_reminded",
      detail: { ...roundRef(campaign), mode: state.mode, sent, failed: counts.failed },
    }),
  );
  return { counts, invalidLines: parsed.invalidLines };
}

const reminderLimit = (state: InvitationRoundState) =>
  new ApiError(
    409,
    "reminder_limit",
    `This round has had its ${state.maxReminders} reminder${state.maxReminders === 1 ? "" : "s"}.`,
    [{ path: "maxReminders", message: String(state.maxReminders) }],
  );

export interface InvitationSummary {
  mode: InvitationMode;
  languages: MailLanguages;
  invited: number;
  /** Reminder runs. */
  reminderRuns: number;
  /** Reminder mails sent in all (reminders mode, until the round's release; the runs' mails are not counted in no-tracking mode). */
  remindersSent: number | null;
  maxReminders: number;
}

export async function invitationSummary(
  deps: Pick<StaffInvitationDeps, "db">,
  campaignId: string,
): Promise<InvitationSummary | null> {
  const state = await invitationRound(deps.db, campaignId);
  if (!state) return null;
  return {
    mode: state.mode,
    languages: state.languages,
    invited: state.invited,
    reminderRuns: state.reminders,
    remindersSent: state.mode === "reminders" ? await remindersSentTotal(deps.db, campaignId) : null,
    maxReminders: state.maxReminders,
  };
}
