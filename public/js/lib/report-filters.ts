/**
 * The dashboard's filters: one picker per dimension the round uses (location, department, role,
 * tenure), filled with the round's units and hidden where the round has none or publishes no
 * breakdown, and the applied filter in words. The release's plan decides which filters the server
 * answers; a location is a filter on its own (nestFilters).
 */
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import type { PanelContext } from "./managers-panel.js";
import { $, fillSelect } from "./ui.js";

/** Filters for every dimension the round uses. */
export const FILTERS = ["location", "department", "role", "tenure"] as const;
export type FilterDimension = (typeof FILTERS)[number];
export const filterSelect = (d: FilterDimension) => $(`filter-${d}`) as HTMLSelectElement;

/** The client's own name of a dimension (the third grouping, e.g. "Locatie"), or null where it has the standard one. */
const ownName = (d: FilterDimension, round: CampaignView | null | undefined, ctx: PanelContext): string | null =>
  d === "tenure" && round?.thirdGrouping ? round.thirdGrouping.label[ctx.lang] : null;

/** Fills each filter with the round's units, keeping what was chosen where the round has it. */
export function fillFilters(campaign: CampaignView | undefined, ctx: PanelContext): void {
  const units = campaign?.units ?? {};
  for (const d of FILTERS) {
    const select = filterSelect(d);
    const chosen = select.value;
    const list = units[d] ?? [];
    const name = ownName(d, campaign, ctx);
    fillSelect(select, [
      { value: "", label: name ? ctx.t("all_own", { name }) : ctx.t(`all_${d}`) },
      ...list.map((u) => ({ value: u.value, label: u.label[ctx.lang] })),
    ]);
    select.value = list.some((u) => u.value === chosen) ? chosen : "";
    const label = select.closest("label");
    if (!label) continue;
    label.hidden = list.length === 0;
    // A key the catalogue lacks is shown as written: the client's own name survives a change of language.
    const caption = label.querySelector<HTMLElement>("[data-t]");
    if (caption && d === "tenure") {
      caption.dataset.t = name ?? "filterTenure";
      caption.textContent = name ?? ctx.t("filterTenure");
    }
  }
}

/** Shows the filters the round has units for, or none. */
export function showFilters(campaign: CampaignView | undefined, shown: boolean): void {
  const units = campaign?.units ?? {};
  for (const d of FILTERS) {
    const label = filterSelect(d).closest("label");
    if (label) label.hidden = !shown || !units[d]?.length;
  }
}

/** The filters chosen now, by dimension; none for "all". */
export const chosenFilters = (): Partial<Record<FilterDimension, string>> =>
  Object.fromEntries(FILTERS.map((d) => [d, filterSelect(d).value] as const).filter(([, value]) => value !== ""));

/** An applied filter in the page's language: each dimension's name and its unit's label ("afdeling Klantcontactcentrum, rol Management / directie"); empty for none. */
export function filterText(
  filters: Partial<Record<string, string>>,
  round: CampaignView | null,
  ctx: PanelContext,
): string {
  return FILTERS.flatMap((d) => {
    const value = filters[d];
    if (value === undefined) return [];
    const unit = round?.units[d]?.find((u) => u.value === value);
    return [`${ownName(d, round, ctx) ?? ctx.t(`dimension_${d}`)} ${unit?.label[ctx.lang] ?? value}`];
  }).join(", ");
}

/**
 * A location is a filter on its own: the plan has no group of a location with a department, role
 * or band (a location's departments are its breakdown). Picking a location clears the others, and
 * picking any of them clears the location.
 */
export function nestFilters(): void {
  const location = filterSelect("location");
  const others = FILTERS.filter((d) => d !== "location").map(filterSelect);
  location.addEventListener("change", () => {
    if (location.value !== "") for (const select of others) select.value = "";
  });
  for (const select of others)
    select.addEventListener("change", () => {
      if (select.value !== "") location.value = "";
    });
}
