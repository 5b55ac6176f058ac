/**
 * The workspace's benchmark: the norm set in use (its levels as a table), the earlier sets, what
 * publishing one now would do and, when the rules allow it, publishing the next set. A refusal
 * is explained with the rule, in the page's language.
 */
import { LEVELS } from "../../../src/domain/levels.js";
import type { normSetOverview } from "../../../src/services/norm-sets.js";
import { table } from "../components/data-table.js";
import { longDate } from "./dates.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, el } from "./ui.js";

/** The norm sets as the API answers (src/services/norm-sets.ts). */
type NormSets = Awaited<ReturnType<typeof normSetOverview>>;

export function normsPanel(
  ctx: PanelContext,
  hooks: {
    say(text: string, error?: boolean): void;
    /** After a set is published: what is measured against the benchmark follows. */
    published(): Promise<unknown>;
  },
) {
  const { t } = ctx;
  let norms: NormSets | null = null;

  /** What publishing a norm set now would do, in words. */
  function nextText(next: NormSets["next"]): string {
    if (next.refusal === "too_few_organisations") return t("normNeedsFive", { qualifying: next.qualifying });
    if (next.refusal === "too_few_new_organisations") return t("normNeedsThreeNew", { added: next.newOrganisations });
    return next.first
      ? t("normReadyFirst", { qualifying: next.qualifying })
      : t("normReadyNext", { qualifying: next.qualifying, added: next.newOrganisations });
  }

  function render(): void {
    if (!norms) return;
    const [latest, ...earlier] = norms.sets;
    $("norm-status").textContent = latest
      ? t("normLatest", {
          date: longDate(latest.madeOn, ctx.lang),
          organisations: latest.organisations,
          campaigns: latest.campaigns,
        })
      : t("noNormSet");
    $("norm-table").replaceChildren(
      ...(latest
        ? [
            table(
              [t("level"), t("workspace.benchmark")],
              LEVELS.map((l) => [l.name[ctx.lang], latest.levels[l.id] ?? "–"]),
            ),
          ]
        : []),
    );
    $("norm-next").textContent = nextText(norms.next);
    // The reason stands next to the button, so a publication the rules would refuse is not offered.
    ($("publish-norms") as HTMLButtonElement).disabled = norms.next.refusal !== null;
    const history = $("norm-history");
    history.replaceChildren();
    if (earlier.length > 0)
      history.append(
        el("h3", t("earlierSets")),
        table(
          [t("madeOn"), t("organisations")],
          earlier.map((s) => [longDate(s.madeOn, ctx.lang), s.organisations]),
        ),
      );
  }

  async function load(): Promise<void> {
    norms = (await api<NormSets>("/api/norm-sets")).body;
    render();
  }

  /** Publishes the next norm set; a refusal is explained with the rule, in the page's language. */
  async function publish(): Promise<void> {
    const res = await api<NormSets["sets"][number] & { error?: { code: string } }>("/api/norm-sets", {
      method: "POST",
    });
    await load();
    if (res.status === 201) {
      hooks.say(t("normPublished", { organisations: res.body.organisations }));
      await hooks.published();
      return;
    }
    const code = res.body.error?.code;
    if (code === "norm_set_conflict") return hooks.say(t("normConflict"), true);
    if ((code === "too_few_organisations" || code === "too_few_new_organisations") && norms)
      return hooks.say(nextText(norms.next), true);
    hooks.say(errorText(t, res), true);
  }
  $("publish-norms").addEventListener("click", () => void publish());

  return { load, render };
}
