/**
 * A server's error said in the page's language: the one way every page turns an error answer into
 * text. The API answers with a code from a closed list (src/lib/error-codes.ts); a code with a
 * catalogue text — the area's own `<area>.error.<code>`, else the general `error.<code>` — is said
 * in that text, any other in the server's own message. A refusal that names its fields lists each.
 */
import type { ErrorCode } from "../../../src/lib/error-codes.js";
import type { ErrorBody } from "../../../src/lib/schemas.js";
import { isTextKey, type TextKey, type TextVars, type Translate } from "../i18n/index.js";

export type { ErrorBody };
export type ErrorDetail = ErrorBody["error"]["details"][number];

/** A part of the pages that says some codes in its own words: the catalogue has `<area>.error.<code>` texts for it. */
type ErrorArea = TextKey extends infer K ? (K extends `${infer A}.error.${string}` ? A : never) : never;

export interface ErrorWording {
  /** Where the error is said: its own texts for a code come before the general ones. */
  area?: ErrorArea;
  /** Said instead of the server's message for a code without a text ({status} and `vars` fill in). */
  otherwise?: TextKey;
  /** Values for the texts' placeholders. */
  vars?: TextVars;
  /** A refused field's name: given, a refusal with details lists each field with its reason (`refusal.<code>`). */
  field?: (path: string) => string;
}

/** Codes whose reason is a detail's message (at `path`): that reason's own text, `<prefix><reason>`. */
const REASONS: Partial<Record<ErrorCode, { path: string; prefix: string }>> = {
  weak_password: { path: "password", prefix: "password." },
  filter_refused: { path: "filter", prefix: "refusedFilter." },
};

/** The error in an answer's body, if it has one; read defensively, as a proxy or a test may answer less. */
export function errorOf(body: unknown): ErrorBody["error"] | undefined {
  const error = (body as { error?: Partial<ErrorBody["error"]> | null } | null | undefined)?.error;
  if (typeof error !== "object" || error === null || typeof error.code !== "string") return undefined;
  return {
    code: error.code,
    message: typeof error.message === "string" ? error.message : "",
    details: Array.isArray(error.details) ? error.details : [],
  };
}

/** The catalogue text that says an error answer, with its values; null where only the server's message can. */
export function errorSaying(
  res: { status: number; body: unknown },
  wording: Pick<ErrorWording, "area" | "otherwise" | "vars"> = {},
): { key: TextKey; vars: TextVars } | null {
  const error = errorOf(res.body);
  const detail = (path: string) => error?.details.find((d) => d.path === path)?.message;
  const retryAfter = Number(detail("retryAfter"));
  const vars: TextVars = {
    status: res.status,
    ...(Number.isFinite(retryAfter) ? { minutes: Math.max(1, Math.ceil(retryAfter / 60)) } : {}),
    ...wording.vars,
  };
  const reason = error && REASONS[error.code];
  const candidates = [
    reason && `${reason.prefix}${detail(reason.path) ?? ""}`,
    wording.area && error && `${wording.area}.error.${error.code}`,
    error && `error.${error.code}`,
    wording.otherwise,
  ];
  const key = candidates.find(isTextKey);
  return key ? { key, vars } : null;
}

/** An error answer in the page's language. */
export function errorText(t: Translate, res: { status: number; body: unknown }, wording: ErrorWording = {}): string {
  const error = errorOf(res.body);
  const details = error?.details ?? [];
  if (wording.field && details.length > 0) {
    const lines = details.map((d) => {
      const reason = `refusal.${d.code ?? ""}`;
      return `${wording.field?.(d.path) ?? d.path}: ${isTextKey(reason) ? t(reason) : d.message}`;
    });
    return `${t("refused")} ${lines.join("; ")}.`;
  }
  const said = errorSaying(res, wording);
  if (said) return t(said.key, said.vars);
  return error?.message || t("errorStatus", { status: res.status });
}
