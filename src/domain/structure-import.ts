/**
 * A round's structure from the CSV an HR system exports: its departments, roles and tenure bands
 * (or the client's own third grouping), with the number of staff in each, and the location each
 * department lies in where the file has a location column. Two shapes are read
 * alike: one row per employee (every row counts one), or one row per unit or combination with a
 * count column. Columns are found by their header in Dutch or English; any other column (a name,
 * an employee number) is ignored and said so. In the workspace this runs in the browser, so such a
 * file never reaches the server: only the unit names and counts are sent. Every problem is listed
 * at once, each with its line. A department name that occurs in two locations is two departments,
 * each named with its location: "Keuken (Utrecht)".
 */
import { csvFields, csvLines, csvSeparator } from "./csv.js";
import {
  type Dimension,
  DIMENSIONS,
  LOCATION_SEPARATOR,
  MAX_DEPARTMENTS,
  MAX_HEADCOUNT,
  MAX_LOCATIONS,
  MAX_ROLES,
  MAX_TENURE_BANDS,
  MAX_UNIT_NAME,
} from "./units.js";

/** Headers recognised per column, lower case: the first matching column is taken. */
const HEADERS: Record<Dimension | "count", readonly string[]> = {
  department: ["afdeling", "department", "eenheid", "unit", "team", "organisatieonderdeel", "afdelingsnaam"],
  role: ["rol", "functie", "role", "function", "functiegroep", "job", "job title", "position"],
  tenure: ["diensttijd", "dienstjaren", "tenure", "anciënniteit", "groep", "group"],
  location: ["locatie", "location", "vestiging", "vestigingsplaats", "site", "werklocatie", "regio", "region"],
  // Not "number" or "staff": an employee number column would be read as counts.
  count: ["aantal", "aantal medewerkers", "medewerkers", "headcount", "count", "number of staff", "aantal personen"],
};

/** The most units a dimension may have (its rule in the round fields, said here before anything is sent). */
export const MAX_UNITS: Record<Dimension, number> = {
  department: MAX_DEPARTMENTS,
  role: MAX_ROLES,
  tenure: MAX_TENURE_BANDS,
  location: MAX_LOCATIONS,
};

/** A unit the file names, with the staff counted in it. */
export interface ImportedUnit {
  name: string;
  headcount: number;
  /** A department's location, where the file has a location column. */
  location?: string;
}

export type ImportProblem =
  | { code: "empty_file" }
  | { code: "no_department_column"; headers: string[] }
  | { code: "missing_department"; line: number }
  | { code: "missing_location"; line: number }
  | { code: "bad_count"; line: number; value: string }
  | { code: "name_too_long"; line: number; dimension: Dimension }
  | { code: "name_with_mark"; line: number; dimension: Dimension }
  | { code: "department_twice"; line: number; name: string }
  | { code: "too_many_units"; dimension: Dimension; count: number; max: number }
  | { code: "headcount_too_large"; dimension: Dimension; name: string; max: number };

export interface ImportedStructure {
  department: ImportedUnit[];
  /** Null where the file has no such column: the round keeps its standard units. */
  role: ImportedUnit[] | null;
  tenure: ImportedUnit[] | null;
  /** The locations the departments lie in (each with its staff); null where the file has no location column. */
  location: ImportedUnit[] | null;
  /** Columns read (by header as written), and those ignored. */
  read: string[];
  ignored: string[];
  /** Rows counted (employees, or the sum of the count column). */
  staff: number;
  problems: ImportProblem[];
}

const COUNT_PATTERN = /^\d{1,7}$/;
/** What the round form reads a department's location by. */
const LOCATION_MARK = LOCATION_SEPARATOR.trim();

/** Reads a structure CSV; never throws: what cannot be read is a problem with its line. */
export function importStructure(text: string): ImportedStructure {
  const lines = csvLines(text);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  const empty: ImportedStructure = {
    department: [],
    role: null,
    tenure: null,
    location: null,
    read: [],
    ignored: [],
    staff: 0,
    problems: [],
  };
  if (headerIndex < 0) return { ...empty, problems: [{ code: "empty_file" }] };
  const header = lines[headerIndex] ?? "";
  const separator = csvSeparator(header);
  // One column: the whole line is its field, quotes and all read as CSV (a tab never occurs in it).
  const fieldsOf = (line: string) => csvFields(line, separator ?? "\t");
  const headers = fieldsOf(header).map((h) => h.trim());
  const column = (kind: keyof typeof HEADERS) => headers.findIndex((h) => HEADERS[kind].includes(h.toLowerCase()));
  const columns = {
    department: column("department"),
    role: column("role"),
    tenure: column("tenure"),
    location: column("location"),
    count: column("count"),
  };
  const rows = lines.slice(headerIndex + 1).map((line, i) => ({ line, number: headerIndex + i + 2 }));
  // A location column with no value in any row is as good as absent (as any other column is).
  if (columns.location >= 0 && rows.every(({ line }) => (fieldsOf(line)[columns.location] ?? "").trim() === ""))
    columns.location = -1;
  const used = new Set(Object.values(columns).filter((i) => i >= 0));
  const read = headers.filter((_, i) => used.has(i));
  const ignored = headers.filter((h, i) => !used.has(i) && h !== "");
  if (columns.department < 0)
    return { ...empty, ignored, problems: [{ code: "no_department_column", headers: headers.filter(Boolean) }] };

  const problems: ImportProblem[] = [];
  const tallies = {
    role: columns.role >= 0 ? new Map<string, number>() : null,
    tenure: columns.tenure >= 0 ? new Map<string, number>() : null,
    location: columns.location >= 0 ? new Map<string, number>() : null,
  };
  // Departments by location and name: the same name in two locations is two departments.
  const departments = new Map<string, FoundDepartment>();
  let staff = 0;
  for (const { line, number: lineNumber } of rows) {
    if (line.trim() === "") continue;
    const fields = fieldsOf(line);
    const at = (index: number) => (index >= 0 ? (fields[index] ?? "").trim() : "");
    const department = at(columns.department);
    if (department === "") {
      problems.push({ code: "missing_department", line: lineNumber });
      continue;
    }
    const countText = at(columns.count);
    if (columns.count >= 0 && !COUNT_PATTERN.test(countText)) {
      problems.push({ code: "bad_count", line: lineNumber, value: countText });
      continue;
    }
    const count = columns.count >= 0 ? Number(countText) : 1;
    const location = at(columns.location);
    if (columns.location >= 0 && location === "") {
      problems.push({ code: "missing_location", line: lineNumber });
      continue;
    }
    const names: [Dimension, string][] = [
      ["department", department],
      ["role", at(columns.role)],
      ["tenure", at(columns.tenure)],
      ["location", location],
    ];
    const tooLong = names.find(([, name]) => name.length > MAX_UNIT_NAME);
    if (tooLong) {
      problems.push({ code: "name_too_long", line: lineNumber, dimension: tooLong[0] });
      continue;
    }
    // The round form reads what stands before a ">" on a department's line as its location.
    const marked = names.find(
      ([dimension, name]) => (dimension === "department" || dimension === "location") && name.includes(LOCATION_MARK),
    );
    if (marked) {
      problems.push({ code: "name_with_mark", line: lineNumber, dimension: marked[0] });
      continue;
    }
    for (const [dimension, name] of names) {
      const tally = dimension === "department" ? null : tallies[dimension];
      // An empty role or band counts towards the department only.
      if (tally && name !== "") tally.set(name, (tally.get(name) ?? 0) + count);
    }
    const key = JSON.stringify([location, department]);
    const unit = departments.get(key) ?? { name: department, location, headcount: 0, line: lineNumber };
    unit.headcount += count;
    departments.set(key, unit);
    staff += count;
  }
  // A column with no value in any row is as good as absent: the standard units stay.
  const units = (tally: Map<string, number> | null) =>
    tally && tally.size > 0 ? [...tally].map(([name, headcount]) => ({ name, headcount })) : null;
  const named = departmentUnits([...departments.values()]);
  problems.push(...named.problems);
  const structure = {
    department: named.units,
    role: units(tallies.role),
    tenure: units(tallies.tenure),
    location: units(tallies.location),
  };
  for (const dimension of DIMENSIONS) {
    const count = structure[dimension]?.length ?? 0;
    if (count > MAX_UNITS[dimension])
      problems.push({ code: "too_many_units", dimension, count, max: MAX_UNITS[dimension] });
    for (const unit of structure[dimension] ?? [])
      if (unit.headcount > MAX_HEADCOUNT)
        problems.push({ code: "headcount_too_large", dimension, name: unit.name, max: MAX_HEADCOUNT });
  }
  if (structure.department.length === 0 && problems.length === 0) problems.push({ code: "empty_file" });
  return { ...structure, read, ignored, staff, problems };
}

/** A department the file names: in its location (empty without one), with its staff and the first line it is on. */
interface FoundDepartment {
  name: string;
  location: string;
  headcount: number;
  line: number;
}

/**
 * The departments as units: with their location where the file has one, a name found in two
 * locations named with it ("Keuken (Utrecht)"). Such a name must still fit, and not be another
 * department's.
 */
function departmentUnits(found: readonly FoundDepartment[]): { units: ImportedUnit[]; problems: ImportProblem[] } {
  const locationsPerName = new Map<string, number>();
  for (const d of found) locationsPerName.set(d.name, (locationsPerName.get(d.name) ?? 0) + 1);
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const units = found.map(({ name, location, headcount, line }) => {
    const qualified = (locationsPerName.get(name) ?? 0) > 1 ? `${name} (${location})` : name;
    if (qualified.length > MAX_UNIT_NAME) problems.push({ code: "name_too_long", line, dimension: "department" });
    else if (seen.has(qualified)) problems.push({ code: "department_twice", line, name: qualified });
    seen.add(qualified);
    return { name: qualified, headcount, ...(location ? { location } : {}) };
  });
  return { units, problems };
}
