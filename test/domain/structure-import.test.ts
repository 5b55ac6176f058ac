/** A round's structure read from an HR system's CSV: both shapes, Dutch and English headers, every problem at once. */
import { describe, expect, it } from "vitest";

import { importStructure, MAX_UNITS } from "../../src/domain/structure-import.js";
import {
  departmentLocation,
  entriesFromText,
  entryFromLine,
  entryLine,
  MAX_HEADCOUNT,
  unitsFromEntries,
  unitsFromNames,
  withLocations,
} from "../../src/domain/units.js";

describe("importStructure", () => {
  it("counts one per row in a per-employee export, and ignores (and names) the columns it does not use", () => {
    const csv = [
      "\uFEFFPersoneelsnummer;Naam;Afdeling;Functie;Diensttijd",
      '1001;"Jansen, Piet";Klantcontact;Medewerker;1 tot 5 jaar',
      "1002;Bos;Klantcontact;Teamleider;10+ jaar",
      "",
      "1003;De Vries;Wonen;Medewerker;1 tot 5 jaar",
    ].join("\r\n");
    const s = importStructure(csv);
    expect(s.problems).toEqual([]);
    expect(s.department).toEqual([
      { name: "Klantcontact", headcount: 2 },
      { name: "Wonen", headcount: 1 },
    ]);
    expect(s.role).toEqual([
      { name: "Medewerker", headcount: 2 },
      { name: "Teamleider", headcount: 1 },
    ]);
    expect(s.tenure?.map((u) => u.name)).toEqual(["1 tot 5 jaar", "10+ jaar"]);
    expect(s.staff).toBe(3);
    expect(s.ignored).toEqual(["Personeelsnummer", "Naam"]);
    // No name from the file survives in what the form receives.
    expect(JSON.stringify([s.department, s.role, s.tenure])).not.toContain("Jansen");
  });

  it("adds up a count column per unit in an aggregated export, with English headers", () => {
    const s = importStructure(
      "Department,Role,Headcount\nSales,Frontline,12\nSales,Back office,3\nService,Frontline,20\n",
    );
    expect(s.problems).toEqual([]);
    expect(s.department).toEqual([
      { name: "Sales", headcount: 15 },
      { name: "Service", headcount: 20 },
    ]);
    expect(s.role).toEqual([
      { name: "Frontline", headcount: 32 },
      { name: "Back office", headcount: 3 },
    ]);
    // No tenure column: the round keeps its standard bands.
    expect(s.tenure).toBeNull();
    // Every unit's headcounts add up to the staff counted.
    expect(s.department.reduce((n, u) => n + u.headcount, 0)).toBe(s.staff);
    expect(s.role!.reduce((n, u) => n + u.headcount, 0)).toBe(s.staff);
  });

  it("lists every problem at once, each with its line", () => {
    const s = importStructure("afdeling;aantal\nSales;4\n;3\nService;vier\n" + `${"x".repeat(81)};2\n`);
    expect(s.problems).toEqual([
      { code: "missing_department", line: 3 },
      { code: "bad_count", line: 4, value: "vier" },
      { code: "name_too_long", line: 5, dimension: "department" },
    ]);
  });

  it("refuses a file without a department column, and an empty file", () => {
    expect(importStructure("Naam,Functie\nPiet,Medewerker").problems).toEqual([
      { code: "no_department_column", headers: ["Naam", "Functie"] },
    ]);
    expect(importStructure("\n\n").problems).toEqual([{ code: "empty_file" }]);
    expect(importStructure("afdeling\n\n").problems).toEqual([{ code: "empty_file" }]);
  });

  it("says when a grouping has more units than a round may have", () => {
    const rows = Array.from({ length: MAX_UNITS.role + 1 }, (_, i) => `Sales,Role ${i}`);
    const s = importStructure(["department,role", ...rows].join("\n"));
    expect(s.problems).toEqual([
      { code: "too_many_units", dimension: "role", count: MAX_UNITS.role + 1, max: MAX_UNITS.role },
    ]);
  });

  it("does not read an employee number as a count, keeps a quoted name whole, and refuses a headcount past a million", () => {
    const numbered = importStructure("Number,Name,Department\n1001,Piet,Sales\n1002,Anna,Sales\n");
    expect(numbered.department).toEqual([{ name: "Sales", headcount: 2 }]);
    expect(numbered.ignored).toEqual(["Number", "Name"]);
    expect(importStructure('Afdeling\n"Zorg, Noord"\nZorg Zuid\n').department.map((u) => u.name)).toEqual([
      "Zorg, Noord",
      "Zorg Zuid",
    ]);
    const huge = importStructure(`afdeling;aantal\nSales;${MAX_HEADCOUNT}\nSales;1\nService;3\n`);
    expect(huge.problems).toEqual([
      { code: "headcount_too_large", dimension: "department", name: "Sales", max: MAX_HEADCOUNT },
    ]);
  });

  it("keeps the standard units where a column is there but empty on every row", () => {
    const s = importStructure("afdeling,rol\nSales,\nService,\n");
    expect(s.role).toBeNull();
    expect(s.department.map((u) => u.name)).toEqual(["Sales", "Service"]);
  });

  it("reads a location column as where each department lies, and names a department found in two locations with its location", () => {
    const csv = [
      "Vestiging,Afdeling,Functie",
      "Utrecht,Keuken,Kok",
      "Utrecht,Keuken,Kok",
      "Utrecht,Receptie,Receptionist",
      "Amsterdam,Keuken,Kok",
    ].join("\n");
    const s = importStructure(csv);
    expect(s.problems).toEqual([]);
    expect(s.department).toEqual([
      { name: "Keuken (Utrecht)", headcount: 2, location: "Utrecht" },
      { name: "Receptie", headcount: 1, location: "Utrecht" },
      { name: "Keuken (Amsterdam)", headcount: 1, location: "Amsterdam" },
    ]);
    expect(s.location).toEqual([
      { name: "Utrecht", headcount: 3 },
      { name: "Amsterdam", headcount: 1 },
    ]);
    // Nothing is read as the third grouping: tenure keeps its standard bands.
    expect(s.tenure).toBeNull();
    // What the form receives reads back as the same departments with their locations.
    const lines = s.department.map(entryLine);
    expect(lines[0]).toBe("Utrecht > Keuken (Utrecht); 2");
    expect(entriesFromText(lines.join("\n"), true)).toEqual(s.department);
  });

  it("lists a row without a location once the file has a location column, and reads a column empty on every row as absent", () => {
    const s = importStructure(["Locatie;Afdeling", "Utrecht;Keuken", ";Receptie", "Zeist;Wonen"].join("\n"));
    expect(s.problems).toEqual([{ code: "missing_location", line: 3 }]);
    const empty = importStructure(["Locatie;Afdeling", ";Keuken", ";Receptie"].join("\n"));
    expect(empty.problems).toEqual([]);
    expect(empty.location).toBeNull();
    expect(empty.department).toEqual([
      { name: "Keuken", headcount: 1 },
      { name: "Receptie", headcount: 1 },
    ]);
  });

  it("lists a name the form would read as a location, a name too long once its location is added, and a name made twice", () => {
    const long = "K".repeat(75);
    const s = importStructure(
      [
        "Locatie;Afdeling",
        "Utrecht;Zorg > Poli",
        "Noord > Oost;Wonen",
        `Utrecht;${long}`,
        `Zeist;${long}`,
        "Utrecht;Keuken",
        "Zeist;Keuken",
        "Utrecht;Keuken (Zeist)",
      ].join("\n"),
    );
    expect(s.problems).toEqual([
      { code: "name_with_mark", line: 2, dimension: "department" },
      { code: "name_with_mark", line: 3, dimension: "location" },
      { code: "name_too_long", line: 4, dimension: "department" },
      { code: "name_too_long", line: 5, dimension: "department" },
      { code: "department_twice", line: 8, name: "Keuken (Zeist)" },
    ]);
    // A role's ">" is its own business: only departments lie in locations.
    expect(importStructure("Afdeling;Rol\nZorg;Arts > specialist").problems).toEqual([]);
  });
});

describe("locations from departments", () => {
  it("are made in the order they first appear, each with its departments' headcount when all of them have one", () => {
    const units = withLocations({
      department: unitsFromEntries([
        { name: "Keuken", headcount: 4, location: "Utrecht" },
        { name: "Wonen", headcount: 6, location: "Zeist" },
        { name: "Receptie", headcount: 3, location: "Utrecht" },
        { name: "Tuin", location: "Zeist" },
      ]),
    });
    expect(units.location).toEqual([
      { value: "Utrecht", label: { nl: "Utrecht", en: "Utrecht" }, headcount: 7 },
      { value: "Zeist", label: { nl: "Zeist", en: "Zeist" } },
    ]);
    expect(departmentLocation(units)("Receptie")).toBe("Utrecht");
    expect(departmentLocation(units)("Elders")).toBeUndefined();
    // A round whose departments name none has no locations, even where it had them before.
    expect(withLocations({ ...units, department: unitsFromNames(["Keuken"]) }).location).toBeUndefined();
  });
});

describe("a unit as a line of the round form", () => {
  it("reads a trailing count after a semicolon or a tab, and writes it back the same way", () => {
    expect(entryFromLine("Klantcontact; 42")).toEqual({ name: "Klantcontact", headcount: 42 });
    expect(entryFromLine("Klantcontact\t42")).toEqual({ name: "Klantcontact", headcount: 42 });
    expect(entryFromLine("  Wonen  ")).toBe("Wonen");
    // A number that is part of the name stays in the name.
    expect(entryFromLine("Team 3")).toBe("Team 3");
    for (const line of ["Klantcontact; 42", "Wonen", "Team 3"]) expect(entryLine(entryFromLine(line))).toBe(line);
    expect(entriesFromText("Sales; 3\n\n Service \n")).toEqual([{ name: "Sales", headcount: 3 }, "Service"]);
    // A location before a ">": the department lies in it.
    expect(entryFromLine("Utrecht > Keuken; 4", true)).toEqual({ name: "Keuken", headcount: 4, location: "Utrecht" });
    expect(entryFromLine("Utrecht>Keuken", true)).toEqual({ name: "Keuken", location: "Utrecht" });
    for (const line of ["Utrecht > Keuken; 4", "Zeist > Wonen"])
      expect(entryLine(entryFromLine(line, true))).toBe(line);
    // Only a department lies in a location: a role's ">" is part of its name.
    expect(entriesFromText("Arts > specialist; 3")).toEqual([{ name: "Arts > specialist", headcount: 3 }]);
  });
});
