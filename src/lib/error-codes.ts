/**
 * The closed list of error codes the API answers with, each with the statuses it comes with and
 * what it means. `ApiError` takes only these codes, so a new refusal is added here (and shows up in
 * the OpenAPI document's `Error` schema) before any route can use it.
 */
export const ERROR_CODES = {
  bad_request: { statuses: [400], meaning: "The request could not be read (e.g. malformed JSON)." },
  invalid_request: { statuses: [400], meaning: "A field is missing or invalid; details name each one." },
  invalid_encoding: { statuses: [400], meaning: "The body is not valid UTF-8." },
  invalid_answers: {
    statuses: [400],
    meaning: "Answers outside the instrument: unknown questions, out-of-range ratings, unknown choices.",
  },
  invalid_filter: { statuses: [400], meaning: "A filter names a unit the round does not have." },
  invalid_cursor: { statuses: [400], meaning: "A paging cursor that was not given out." },
  invalid_instrument: {
    statuses: [400],
    meaning: "An uploaded instrument breaks the method's rules; details list every problem.",
  },
  unknown_instrument: { statuses: [400], meaning: "No such instrument version for this consultant." },
  code_required: { statuses: [400], meaning: "The round requires a single-use code." },
  password_required: { statuses: [400], meaning: "Accepting without an account needs a password." },
  weak_password: {
    statuses: [400],
    meaning: "The password is too short, too long, contains the address or is easy to guess.",
  },
  no_addresses: { statuses: [400], meaning: "The pasted list holds no valid e-mail address." },
  too_many_addresses: { statuses: [400], meaning: "More addresses than one request takes." },
  unauthenticated: { statuses: [401], meaning: "Log in first." },
  invalid_credentials: { statuses: [401], meaning: "The e-mail or password is not right." },
  log_in_to_accept: { statuses: [401], meaning: "An existing account accepts an invitation after logging in." },
  forbidden: { statuses: [403], meaning: "The account may not do this (e.g. a scoped manager changing a plan)." },
  cross_site_request: { statuses: [403], meaning: "A cross-site form post was refused." },
  invalid_code: { statuses: [403], meaning: "The code does not belong to this round." },
  wrong_account: { statuses: [403], meaning: "Logged in as another address than the one invited." },
  not_found: { statuses: [404], meaning: "No such thing, or not one this account may see." },
  invitation_not_found: { statuses: [404], meaning: "The invitation link does not exist (any more)." },
  reset_link_invalid: { statuses: [404], meaning: "The reset link does not work (any more)." },
  campaign_closed: { statuses: [409, 410], meaning: "The round is closed: final, and no longer takes answers." },
  campaign_not_open: { statuses: [410], meaning: "The round does not take answers yet." },
  campaign_draft: { statuses: [409], meaning: "A draft round has nothing to close." },
  code_used: { statuses: [409], meaning: "The single-use code has been used." },
  round_running: { statuses: [409], meaning: "Deleting a running round needs confirm=1: its answers go unpublished." },
  retention_deletes_now: {
    statuses: [409],
    meaning: "The retention period would delete released rounds or comments at once: confirm=1 to go ahead.",
  },
  owns_organisations: {
    statuses: [409],
    meaning: "A consultant deletes their account only once they run no organisation.",
  },
  manager_elsewhere: {
    statuses: [409],
    meaning: "The manager also reads another consultant's organisation: revoke access instead.",
  },
  codes_after_responses: { statuses: [409], meaning: "The round's code requirement is fixed once it has responses." },
  codes_beyond_headcount: {
    statuses: [409],
    meaning: "More codes than the round's stated headcount: each member of staff gets one; raise the headcount first.",
  },
  consultant_account: { statuses: [409], meaning: "A consultant's address cannot become a manager." },
  instrument_id_reserved: { statuses: [409], meaning: "The instrument id is one of the built-in ones." },
  instrument_id_taken: { statuses: [409], meaning: "Another consultant uses this instrument id." },
  version_conflict: { statuses: [409], meaning: "That instrument version exists already." },
  results_not_released: { statuses: [409], meaning: "The round runs: results come when it closes." },
  release_retrying: {
    statuses: [503],
    meaning: "The round is due, but its last release attempt made no release; it is tried again after Retry-After.",
  },
  release_running: {
    statuses: [503],
    meaning: "The round is closed and its release is being made (on Workers, in steps); ask again after Retry-After.",
    routine: true,
  },
  too_small: { statuses: [409], meaning: "The round has fewer than k respondents: there is nothing to share." },
  too_many_actions: { statuses: [409], meaning: "The action plan holds its maximum of actions." },
  too_few_organisations: { statuses: [409], meaning: "A norm set needs at least five organisations." },
  too_few_new_organisations: { statuses: [409], meaning: "A new norm set must add at least three organisations." },
  norm_set_conflict: { statuses: [409], meaning: "Another norm set was published meanwhile." },
  mail_not_configured: { statuses: [409], meaning: "Inviting staff by e-mail needs mail settings." },
  round_not_open: { statuses: [409], meaning: "Staff invitations go out once the round is open." },
  mode_fixed: { statuses: [409], meaning: "The round's invitation mode was fixed at its first send." },
  not_invited: { statuses: [409], meaning: "Nobody was invited to this round by e-mail." },
  reminder_limit: { statuses: [409], meaning: "The round's maximum of reminders was reached." },
  invitation_expired: { statuses: [410], meaning: "The invitation has expired." },
  body_too_large: { statuses: [413], meaning: "The body is larger than the route takes." },
  unsupported_media_type: { statuses: [415], meaning: "The route takes JSON." },
  filter_refused: {
    statuses: [422],
    meaning: "The disclosure plan does not publish this group, or it is outside the reader's access.",
  },
  incomplete_list: { statuses: [422], meaning: "A reminder needs the whole list that was invited." },
  too_many_attempts: { statuses: [429], meaning: "Too many login attempts; Retry-After says when to try again." },
  too_many_requests: { statuses: [429], meaning: "Too many requests from this network; Retry-After says when." },
  internal: { statuses: [500], meaning: "Something went wrong on the server (logged)." },
  mail_not_sent: { statuses: [502], meaning: "Saved, but the e-mail could not be sent." },
} as const satisfies Record<string, { statuses: readonly number[]; meaning: string; routine?: true }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A 5xx the server answers by design, not because something failed (`routine` in the list): logged without a stack. */
export const isRoutine = (code: string | undefined): boolean =>
  code !== undefined && Object.hasOwn(ERROR_CODES, code) && "routine" in ERROR_CODES[code as ErrorCode];

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
