/**
 * npm run bench (its diagnosis part): the start-here rule's calibration table — power and false
 * rates by group size for every scenario of test/helpers/diagnosis-scenarios.ts, at 1,000 groups
 * per cell (the test in npm test runs 100) — written into BENCHMARKS.md between its markers,
 * replacing the table of an earlier run. Seeded: a rerun writes the same figures.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import seedrandom from "seedrandom";

import {
  type Measure,
  MEASURES,
  plantedRecovery,
  rate,
  type ScenarioName,
  SCENARIOS,
} from "../helpers/diagnosis-scenarios.js";

const RUNS = Number(process.env.DIAGNOSIS_RUNS ?? 1000);
const SIZES = [10, 20, 30, 50, 100, 200] as const;

interface Row {
  what: string;
  target: string;
  figure: (n: number) => number;
}

const row = (what: string, target: string, scenario: ScenarioName, measure: Measure): Row => ({
  what,
  target,
  figure: (n) => rate(SCENARIOS[scenario], n, RUNS, measure, seedrandom(`${scenario} ${n}`)),
});

const ROWS: Row[] = [
  row(
    "realistic camps (10/30/14/27/18%): level called divided",
    "≥ 60% at 30, ≥ 90% at 100",
    "realisticCamps",
    MEASURES.valuesDivided,
  ),
  row("clean camps (half 2, half 4): level called divided", "≥ 90% at 100", "cleanCamps", MEASURES.valuesDivided),
  row("one-peaked answers: levels called divided", "≤ 5%", "onePeaked", MEASURES.levelsDivided),
  row("dispersed one-peaked answers: levels called divided", "≤ 5%", "dispersed", MEASURES.levelsDivided),
  row("random answers: levels called divided", "≤ 5%", "flat", MEASURES.levelsDivided),
  row("random answers: levels called weak", "≤ 5%", "flat", MEASURES.levelsWeak),
  row("seed 001 (values in camps above weak skills): values picked", "≥ 90% at 100", "seed001", MEASURES.valuesPicked),
  {
    what: "a planted weak level: picked",
    target: "≥ 95% at 30 and 100",
    figure: (n) => plantedRecovery(n, RUNS, seedrandom(`planted ${n}`)),
  },
  {
    what: "a weak level staff agree on (α low): picked",
    target: "≥ 95% at 30",
    figure: (n) => plantedRecovery(n, RUNS, seedrandom(`consensual ${n}`), SCENARIOS.consensualWeak),
  },
  row("healthy organisation: no clear starting point", "≥ 90% at 10", "healthy", MEASURES.noClearStart),
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const lines = [
  "<!-- diagnosis:start -->",
  "## Diagnosis calibration",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${RUNS} simulated groups per cell (seeded), each scored and folded as a release folds it and read by the report's own rule. The scenarios are in \`test/helpers/diagnosis-scenarios.ts\`; \`docs/diagnosis.md\` explains each rule.`,
  "",
  `| scenario | target | ${SIZES.map((n) => `n = ${n}`).join(" | ")} |`,
  `| --- | --- | ${SIZES.map(() => "---").join(" | ")} |`,
];
for (const r of ROWS) {
  const figures = SIZES.map((n) => pct(r.figure(n)));
  lines.push(`| ${r.what} | ${r.target} | ${figures.join(" | ")} |`);
  process.stdout.write(`${r.what}: ${figures.join(" ")}\n`);
}
lines.push("<!-- diagnosis:end -->");

const file = join(import.meta.dirname, "../../BENCHMARKS.md");
const before = readFileSync(file, "utf8");
const section = lines.join("\n");
const marked = /<!-- diagnosis:start -->[\s\S]*<!-- diagnosis:end -->/;
writeFileSync(file, marked.test(before) ? before.replace(marked, section) : `${before.trimEnd()}\n\n${section}\n`);
process.stdout.write("Written to BENCHMARKS.md (diagnosis calibration)\n");
