/**
 * What a manager scoped to some departments may read of a release: the round as a whole, and their
 * own departments — with the department × role breakdown under them — as far as the release's plan
 * publishes them. Nothing of another department, and no organisation-wide breakdown by role or
 * tenure (those are other people's units too). Consultants and unscoped managers read the plan as
 * it is. Pure: the plan view in, the narrowed view (or a refusal) out.
 */
import type { Conditions } from "./disclosure.js";
import type { PlanView } from "./disclosure-plan.js";
import type { UnitScope } from "./links.js";
import type { Dimension } from "./units.js";

/** Whether a filter stays inside the scope: the round, or one of the scope's departments (and a role within it). */
export function withinScope(scope: UnitScope | null, filters: Conditions): boolean {
  if (!scope?.department) return true;
  if (Object.keys(filters).length === 0) return true;
  return (
    filters.department !== undefined && scope.department.includes(filters.department) && filters.tenure === undefined
  );
}

/** The plan view narrowed to the scope: breakdown rows outside it hidden, the organisation-wide gap left out. */
export function scopedView(
  view: PlanView,
  scope: UnitScope | null,
  filters: Conditions,
  dimension: Dimension | undefined,
): PlanView {
  const departments = scope?.department;
  if (!departments) return view;
  const atRound = filters.department === undefined;
  const rows =
    view.rows === null || dimension === undefined
      ? null
      : atRound && dimension !== "department"
        ? null
        : view.rows.map((r) =>
            dimension === "department" && !departments.includes(r.value) ? { value: r.value, key: null } : r,
          );
  // The round's comments are everyone's: its list minus their own department's would be the others'.
  return { ...view, rows, management: atRound ? null : view.management, comments: atRound ? false : view.comments };
}

/** A running or released round's participation per unit, narrowed the same way: own departments only. */
export function scopedUnits<T extends { value: string; n: number | null }>(
  units: Partial<Record<Dimension, T[]>>,
  scope: UnitScope | null,
): Partial<Record<Dimension, T[]>> {
  const departments = scope?.department;
  if (!departments) return units;
  return Object.fromEntries(
    Object.entries(units).flatMap(([d, list]) =>
      list ? [[d, list.map((u) => (d === "department" && departments.includes(u.value) ? u : { ...u, n: null }))]] : [],
    ),
  ) as Partial<Record<Dimension, T[]>>;
}
