/**
 * Uploading an instrument from pasted JSON or a file. A refused upload lists every problem the
 * server found, each as a sentence in the page's language (which question, what is wrong, how to
 * fix it); a stored one says where the diagnosis can never start, and offers a preview.
 */
import type { InstrumentSummary } from "../../../src/services/instruments.js";
import { type ErrorBody, type ErrorDetail, errorText } from "./errors.js";
import { $, api, el, type Lang, type Translate } from "./ui.js";

type Detail = ErrorDetail;

export function instrumentUpload(
  texts: { t: Translate; lang: Lang },
  hooks: {
    stored(summary: InstrumentSummary): Promise<void>;
    levelName(id: string): string;
    preview(summary: InstrumentSummary, from: HTMLElement): void;
  },
) {
  const result = $("upload-result");
  const problems = $("upload-problems");
  let last:
    | { kind: "problems"; details: Detail[] }
    | { kind: "workspace.stored"; summary: InstrumentSummary }
    | { kind: "text"; text: string; error: boolean }
    | null = null;

  /** Shows the last outcome in the page's language (again after a language switch). */
  function render(): void {
    const { t, lang } = texts;
    result.hidden = last === null;
    problems.hidden = last?.kind !== "problems";
    problems.replaceChildren();
    if (!last) return;
    result.className = last.kind === "workspace.stored" ? "" : "error";
    if (last.kind === "text") {
      result.textContent = last.text;
    } else if (last.kind === "problems") {
      const n = last.details.length;
      result.textContent = n === 1 ? t("problemFound") : t("problemsFound", { n });
      problems.append(...last.details.map((d) => el("li", d.text?.[lang] ?? `${d.path}: ${d.message}`)));
    } else {
      const missing = last.summary.missingLevels.map(hooks.levelName).join(", ");
      result.textContent =
        t("workspace.stored", { id: last.summary.id, version: last.summary.version }) +
        (missing ? ` ${t("missingLevels", { levels: missing })}` : "");
      const summary = last.summary;
      const button = el("button", t("preview"), "small secondary");
      button.type = "button";
      button.addEventListener("click", () => hooks.preview(summary, button));
      result.append(" ", button);
    }
  }

  async function upload(event: Event): Promise<void> {
    event.preventDefault();
    let json: unknown;
    try {
      json = JSON.parse(($("upload-json") as HTMLTextAreaElement).value);
    } catch (error) {
      last = { kind: "text", text: texts.t("notJson", { message: (error as Error).message }), error: true };
      return render();
    }
    const res = await api<InstrumentSummary & Partial<ErrorBody>>("/api/instruments", {
      method: "POST",
      body: json,
    });
    const details = res.body.error?.details ?? [];
    if (res.status === 201) last = { kind: "workspace.stored", summary: res.body };
    else if (details.some((d) => d.text)) last = { kind: "problems", details };
    else last = { kind: "text", text: errorText(texts.t, res), error: true };
    render();
    if (last.kind === "workspace.stored") await hooks.stored(last.summary);
  }

  $("upload-form").addEventListener("submit", (e) => void upload(e));
  $("upload-file").addEventListener("change", async () => {
    const file = ($("upload-file") as HTMLInputElement).files?.[0];
    if (file) ($("upload-json") as HTMLTextAreaElement).value = await file.text();
  });
  return { render };
}
