/**
 * Importing a round's structure from an HR system's CSV into the round form. The file is read in
 * the browser and never sent: only the unit names and headcounts it yields go into the form's
 * fields, to be checked and saved like typed ones. Every problem in the file is listed at once.
 */
import { type ImportedUnit, type ImportProblem, importStructure } from "../../../src/domain/structure-import.js";
import { entryLine } from "../../../src/domain/units.js";
import { $, decimal, el, type Lang, type Translate } from "./ui.js";

/** One problem in the page's language, with its line where it has one. */
function problemText(problem: ImportProblem, t: Translate, lang: Lang): string {
  const number = (value: number) => decimal(value, 0, lang);
  switch (problem.code) {
    case "empty_file":
      return t("structureEmpty");
    case "no_department_column":
      return t("structureNoDepartment", { headers: problem.headers.join(", ") || "—" });
    case "missing_department":
      return t("structureMissingDepartment", { line: problem.line });
    case "missing_location":
      return t("structureMissingLocation", { line: problem.line });
    case "bad_count":
      return t("structureBadCount", { line: problem.line, value: problem.value || "—" });
    case "name_too_long":
      return t("structureNameTooLong", { line: problem.line, grouping: t(problem.dimension) });
    case "name_with_mark":
      return t("structureNameWithMark", { line: problem.line, grouping: t(problem.dimension) });
    case "department_twice":
      return t("structureDepartmentTwice", { line: problem.line, name: problem.name });
    case "too_many_units":
      return t("structureTooMany", {
        grouping: t(problem.dimension),
        count: number(problem.count),
        max: number(problem.max),
      });
    case "headcount_too_large":
      return t("structureHeadcountTooLarge", { name: problem.name, max: number(problem.max) });
  }
}

const lines = (units: readonly ImportedUnit[] | null) => (units ?? []).map(entryLine).join("\n");

/** Wires the file input: a file read fills departments, roles and bands, or lists what is wrong and fills nothing. */
export function structureImport(t: Translate, lang: Lang): void {
  const file = $("campaign-structure-file") as HTMLInputElement;
  const report = $("campaign-structure-report");
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const imported = importStructure(await chosen.text());
    // The file itself is not kept: clearing the input drops the browser's hold on it.
    file.value = "";
    if (imported.problems.length > 0) {
      const list = el("ul");
      list.append(...imported.problems.map((p) => el("li", problemText(p, t, lang))));
      report.replaceChildren(el("p", t("structureProblems", { count: imported.problems.length }), "error"), list);
      return;
    }
    // The file is the structure: a grouping it does not have goes back to the standard units (empty).
    ($("campaign-departments") as HTMLTextAreaElement).value = lines(imported.department);
    ($("campaign-roles") as HTMLTextAreaElement).value = lines(imported.role);
    ($("campaign-tenure") as HTMLTextAreaElement).value = lines(imported.tenure);
    const summary = t("structureRead", {
      staff: decimal(imported.staff, 0, lang),
      departments: decimal(imported.department.length, 0, lang),
      roles: decimal(imported.role?.length ?? 0, 0, lang),
      bands: decimal(imported.tenure?.length ?? 0, 0, lang),
    });
    const located = imported.location
      ? ` ${t("structureLocations", { locations: decimal(imported.location.length, 0, lang) })}`
      : "";
    const ignored =
      imported.ignored.length > 0 ? ` ${t("structureIgnored", { columns: imported.ignored.join(", ") })}` : "";
    report.replaceChildren(el("p", summary + located + ignored, "message"));
  });
}
