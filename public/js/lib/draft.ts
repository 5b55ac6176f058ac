/**
 * Unsent answers kept in this browser tab until they are sent: a reload, or Back then Forward,
 * brings the respondent back to the page they were on with what they had answered. Only
 * `sessionStorage` (this tab, gone when it closes; never `localStorage`, which the next person on a
 * shared device would find), keyed by the survey link, cleared once the answers are stored or when
 * the respondent starts over. Nothing of it ever goes to a server.
 */
export interface Draft {
  data: Record<string, unknown>;
  page: number;
  /** The single-use code the respondent typed, so a reload does not ask for it again. */
  accessCode?: string;
}

const keyOf = (token: string) => `survey-draft:${token}`;

export function loadDraft(token: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(keyOf(token));
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && typeof draft.data === "object" && draft.data !== null && Number.isInteger(draft.page)
      ? draft
      : null;
  } catch {
    return null;
  }
}

export function saveDraft(token: string, draft: Draft): void {
  try {
    sessionStorage.setItem(keyOf(token), JSON.stringify(draft));
  } catch {
    // Storage full or switched off: the survey still works, only a reload loses the answers.
  }
}

export function clearDraft(token: string): void {
  try {
    sessionStorage.removeItem(keyOf(token));
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** Whether anything was answered: only then is leaving the page worth a warning. */
export const hasAnswers = (draft: Draft | null) => !!draft && Object.keys(draft.data).length > 0;
